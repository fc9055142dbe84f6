"""Two measurement snapshots (`journeykit measure -f json -o FILE`) compared in a reviewer's
words: "fitness 0.81 -> 0.74", "new undesigned transition cart -> wismo-call (412
customers)", "first and markov disagree most on season-ad".

Only everyone's figures of each journey are compared (not each segment's): a review asks
whether the journey got better, and the segments are one `measure` away.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.diff.changes import Action, Change, DiffReport, Element, JourneyDiff, WorkspaceDiff
from journeykit.diff.rules import CHANGE_RULES, Level

if TYPE_CHECKING:
    from journeykit.measure.result import Measurement
    from journeykit.workspace.project import Project

Data = dict[str, Any]
Level_of = Callable[[str], "Level | None"]


def add_observed(report: DiffReport, measured: Callable[[Project], Measurement]) -> None:
    """`diff OLD NEW --events LOG`: both sides of each workspace measured against the
    same log, and what the design change does to the numbers added to each journey's
    changes (with the new side's `[diff] levels`)."""
    for workspace in report.workspaces:
        old, new = workspace.old_project, workspace.new_project
        if old is None or new is None:
            continue
        by_id = {d.journey_id: d for d in workspace.journeys}
        found = _compared(measured(old), measured(new), new.config.diff.level_of)
        for journey, changes in found.items():
            if journey in by_id:
                by_id[journey].changes += changes


def compare_snapshots(old_arg: str, new_arg: str, cwd: Path) -> DiffReport:
    """MeasureError (journeykit.measure.errors) when a side is not a snapshot."""
    from journeykit.measure.snapshot import load_snapshot

    old = load_snapshot(_path(old_arg, cwd), old_arg)
    new = load_snapshot(_path(new_arg, cwd), new_arg)
    found = _compared(old, new, _default_level)
    before = {j.journey for j in old.journeys}
    workspace = WorkspaceDiff(".")
    for j in new.journeys:
        diff = JourneyDiff(j.journey, j.title, old_arg if j.journey in before else None, new_arg)
        diff.changes += found.get(j.journey, [])
        workspace.journeys.append(diff)
    now = {j.journey for j in new.journeys}
    for gone in old.journeys:
        if gone.journey not in now:
            workspace.journeys.append(JourneyDiff(gone.journey, gone.title, old_arg, None))
    report = DiffReport(old_arg, new_arg)
    report.workspaces.append(workspace)
    return report


def _compared(old: Measurement, new: Measurement, levels: Level_of) -> dict[str, list[Change]]:
    """Journey id -> the observed changes of each journey measured on both sides."""
    who = "customers" if new.log.split_after_seconds is None else "instances"
    before = {j.journey: j for j in old.journeys}
    return {
        j.journey: _journey(
            dataclasses.asdict(before[j.journey].all), dataclasses.asdict(j.all), who, levels
        )
        for j in new.journeys
        if j.journey in before
    }


def _path(arg: str, cwd: Path) -> Path:
    path = Path(arg)
    return path if path.is_absolute() else cwd / path


def _default_level(rule: str) -> Level | None:
    return CHANGE_RULES[rule].level


def _change(
    rule: str, element: Element, action: Action, target: str, message: str, old: Any, new: Any
) -> Change:
    level: Level = CHANGE_RULES[rule].level
    return Change(rule, level, element, action, target, message, None, old, new)


def _journey(old: Data, new: Data, who: str, levels: Level_of) -> list[Change]:
    """Everyone's figures of one journey, old against new, at `levels` (None: ignored)."""
    out = []
    for key, name in (("fitness", "fitness"), ("unexplained_movement", "unexplained movement")):
        a, b = old[key]["rate"], new[key]["rate"]
        if a != b:
            worse = (b or 0) < (a or 0) if key == "fitness" else (b or 0) > (a or 0)
            rule = "observed-worse" if worse else "observed-better"
            message = f"{name} {_num(a)} -> {_num(b)}"
            out.append(_change(rule, Element.journey, Action.changed, key, message, a, b))
    out += _jumps(old, new, who)
    for tp in new["never_observed"]:
        if tp not in old["never_observed"]:
            message = f"touchpoint {tp} no longer observed (no event in the period)"
            target = f"touchpoints[{tp}]"
            out.append(
                _change(
                    "observed-worse", Element.touchpoint, Action.removed, target, message, None, tp
                )
            )
    out += _kpis(old, new)
    out += _attribution(old.get("attribution"), new.get("attribution"))
    leveled = [(c, levels(c.rule)) for c in out]
    return [dataclasses.replace(c, level=level) for c, level in leveled if level is not None]


def _jumps(old: Data, new: Data, who: str) -> list[Change]:
    before = {(t["source"], t["target"]): t for t in old["jumps"]}
    now = {(t["source"], t["target"]): t for t in new["jumps"]}
    out = []
    for (a, b), t in now.items():
        if (a, b) not in before:
            message = f"new undesigned transition {a} -> {b} ({t['instances']:,} {who})"
            out.append(
                _change(
                    "observed-jump-added",
                    Element.transition,
                    Action.added,
                    f"{a}->{b}",
                    message,
                    None,
                    t["instances"],
                )
            )
    for (a, b), t in before.items():
        if (a, b) not in now:
            message = (
                f"undesigned transition {a} -> {b} no longer taken (was {t['instances']:,} {who})"
            )
            out.append(
                _change(
                    "observed-better",
                    Element.transition,
                    Action.removed,
                    f"{a}->{b}",
                    message,
                    t["instances"],
                    None,
                )
            )
    return out


def _kpis(old: Data, new: Data) -> list[Change]:
    before = {k["kpi"]: k for k in old.get("kpis", [])}
    out = []
    for k in new.get("kpis", []):
        was = before.get(k["kpi"])
        if was is None or was["value"] == k["value"]:
            continue
        unit = f" {k['unit']}" if k.get("unit") else ""
        message = f"KPI {k['kpi']} measured {_num(was['value'])} -> {_num(k['value'])}{unit}"
        if was.get("met") and k.get("met") is False:
            message += f" (now misses its target {_num(k['target'])})"
            rule = "observed-worse"
        else:
            rule = "observed-kpi-changed"
        out.append(
            _change(
                rule,
                Element.kpi,
                Action.changed,
                f"kpis[{k['kpi']}]",
                message,
                was["value"],
                k["value"],
            )
        )
    return out


def _attribution(old: Data | None, new: Data | None) -> list[Change]:
    if not new or not new.get("disagreements"):
        return []
    top = new["disagreements"][0]
    if (
        old
        and old.get("disagreements")
        and old["disagreements"][0]["touchpoint"] == top["touchpoint"]
    ):
        return []
    models = new["models"]
    low, high = top["lowest"], top["highest"]
    tp = top["touchpoint"]
    message = (
        f"{high} and {low} attribution disagree most on {tp} "
        f"({_num(models[high]['touchpoints'][tp])} vs {_num(models[low]['touchpoints'][tp])} "
        f"of {new['conversions']:,} conversions)"
    )
    return [
        _change(
            "observed-attribution",
            Element.touchpoint,
            Action.changed,
            f"touchpoints[{tp}]",
            message,
            None,
            top["spread"],
        )
    ]


def _num(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
