"""The lanes of the journey map: one function per lane, each returning a cell's markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeykit.analysis.measurement import meets_target
from journeykit.model import Stage, Touchpoint
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines
from journeykit.render.map_emotion import map_points, stage_key
from journeykit.render.outcomes import end_style
from journeykit.workspace.project import Project

COLUMN_WIDTH = 230
TEXT = 36
"""Characters per line in a stage column."""


class MapContext:
    """What every lane cell needs."""

    def __init__(
        self,
        project: Project,
        colors: dict[str, str],
        groups: dict[str, list[Touchpoint]],
        marks: dict[str, str],
        stage_index: dict[str, int],
        path: Sequence[str] | None = None,
        everyone: Sequence[str] = (),
    ) -> None:
        """`path`: ids of the touchpoints on the emotion curve's main path, in its
        order (`analysis.curve`); without it every touchpoint is on it. `everyone`: the
        journey's personas (a touchpoint for some of them says for whom)."""
        self.everyone = everyone
        self.project = project
        self.colors = colors
        self.groups = groups
        self.marks = marks
        self.stage_index = stage_index
        stages = sorted(stage_index, key=stage_index.__getitem__)
        self.points = map_points(groups, stages, path)


def _muted(text: str) -> str:
    return font(text, size=8.5, color=c.MUTED)


def _none() -> str:
    return _muted("—")


def intent(ctx: MapContext, stage: Stage) -> str:
    if not stage.intent and not stage.questions:
        return _none()
    out = ""
    if stage.intent:
        out += font(f"<I>{lines(stage.intent, TEXT, 4)}</I>", size=10)
    for question in stage.questions[:3]:
        out += _muted(lines("“" + question + "”", TEXT + 4, 2))
    return out


def touchpoints(ctx: MapContext, stage: Stage) -> str:
    items = ctx.groups.get(stage.id, [])
    if not items:
        return _muted("no touchpoints")
    out = []
    for tp in items:
        color = c.color_of(ctx.colors, tp.channel)
        mark = ctx.marks.get(tp.id)
        prefix = ""
        if mark:
            style = c.MARK_STYLES[mark]
            prefix = font(f"<B>{style.symbol}</B> ", color=style.color)
        name = lines(tp.name, TEXT - 2, 3)
        if mark == "removed":
            name = f"<S>{name}</S>"
        meta = f"{c.channel_name(ctx.project, tp.channel)} · {tp.kind.value}"
        meta += c.for_whom(ctx.project, tp, ctx.everyone)
        if tp.evidence is not None and tp.evidence.kind.value == "assumption":
            meta += " · assumption"
        ending = end_style(tp)
        outcome = (
            font(f"<B>{esc(ending.label)}</B>", size=9, color=ending.color) + '<BR ALIGN="LEFT"/>'
            if ending
            else ""
        )
        out.append(
            font("■", color=color)
            + " "
            + prefix
            + font(name, size=10)
            + _muted(lines(meta, TEXT + 6, 2))
            + outcome
        )
    return '<BR ALIGN="LEFT"/>'.join(out)


def channels(ctx: MapContext, stage: Stage) -> str:
    seen: list[str] = []
    for tp in ctx.groups.get(stage.id, []):
        if tp.channel not in seen:
            seen.append(tp.channel)
    if not seen:
        return _none()
    chips = [
        font("●", color=c.color_of(ctx.colors, ch)) + " " + esc(c.channel_name(ctx.project, ch))
        for ch in seen
    ]
    return font('<BR ALIGN="LEFT"/>'.join(chips) + '<BR ALIGN="LEFT"/>', size=10)


def emotion(ctx: MapContext, stage: Stage) -> str:
    """The key of a stage's part of the emotion curve (`map_emotion` draws the curve)."""
    return stage_key(ctx.points.get(stage.id, []), TEXT + 6)


def pains(ctx: MapContext, stage: Stage) -> str:
    out = []
    for tp in ctx.groups.get(stage.id, []):
        for pain in tp.pain_points:
            color = c.SEVERITY_COLORS[pain.severity]
            out.append(
                font("▲", color=color)
                + " "
                + font(lines(pain.description, TEXT - 2, 6), size=9.5)
                + _muted(lines(f"{pain.severity} · {tp.name}", TEXT + 6, 1))
            )
    return '<BR ALIGN="LEFT"/>'.join(out) if out else _none()


def opportunities(ctx: MapContext, stage: Stage) -> str:
    out = []
    for tp in ctx.groups.get(stage.id, []):
        for opp in tp.opportunities:
            owner = _muted(lines(opp.owner, TEXT + 6, 1)) if opp.owner else ""
            out.append(
                font("◆", color="#1971c2")
                + " "
                + font(lines(opp.description, TEXT - 2, 6), size=9.5)
                + owner
            )
    return '<BR ALIGN="LEFT"/>'.join(out) if out else _none()


def kpis(ctx: MapContext, stage: Stage) -> str:
    """Each KPI with its badge; one removed since a diff base struck through."""
    kpis = [(f"stages[{stage.id}]", k) for k in stage.kpis] + [
        (f"touchpoints[{t.id}]", k) for t in ctx.groups.get(stage.id, []) for k in t.kpis
    ]
    if not kpis:
        return _none()
    out = []
    for owner, kpi in kpis:
        met = meets_target(kpi)
        badge = (
            font("✔", color="#2b8a3e")
            if met
            else font("✘", color="#b42318")
            if met is False
            else font("○", color=c.MUTED)
        )
        name = lines(kpi.name, TEXT - 2, 3)
        if ctx.marks.get(f"{owner}.kpis[{kpi.id}]") == "removed":
            style = c.MARK_STYLES["removed"]
            badge += " " + font(f"<B>{style.symbol}</B>", color=style.color)
            name = f"<S>{name}</S>"
        out.append(
            badge + " " + font(name, size=9.5) + _muted(lines(c.kpi_values(kpi), TEXT + 6, 2))
        )
    return '<BR ALIGN="LEFT"/>'.join(out)


def owners(ctx: MapContext, stage: Stage) -> str:
    owners: list[str] = []
    for tp in ctx.groups.get(stage.id, []):
        if tp.owner and tp.owner not in owners:
            owners.append(tp.owner)
    if not owners:
        return _none()
    return font("".join(lines(o, TEXT) for o in owners), size=9.5)


LANES: list[tuple[str, Callable[[MapContext, Stage], str]]] = [
    ("Customer intent", intent),
    ("Touchpoints", touchpoints),
    ("Channels", channels),
    ("Emotion", emotion),
    ("Pain points", pains),
    ("Opportunities", opportunities),
    ("KPIs", kpis),
    ("Owners", owners),
]
