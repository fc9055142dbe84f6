"""Touchpoints and the steps between them: added, removed, renamed, moved between
stages, reordered, and changed field by field."""

from __future__ import annotations

from collections.abc import Callable

from journeykit.diff.changes import Action, Collector, Element, JourneyDiff
from journeykit.diff.fields import TOUCHPOINT_FIELDS, TRANSITION_FIELDS, show, transition_key
from journeykit.diff.items import (
    KPIS,
    OPPORTUNITIES,
    PAIN_POINTS,
    Owner,
    report_fields,
    report_sublist,
)
from journeykit.diff.match import content_key, match_items
from journeykit.findings import Location
from journeykit.model import Journey, Touchpoint, Transition
from journeykit.workspace.project import Located, Project

_SKIP = frozenset({"stage", "next", "pain_points", "opportunities", "kpis"})


def stepping_into(
    project: Project | None, journey_id: str, touchpoint_id: str | None, exclude: str | None
) -> list[str]:
    """Journeys of `project` (but `exclude`) with a step into the journey (or touchpoint)."""
    if project is None:
        return []
    found = []
    for other in project.journeys.values():
        if other.item.id == exclude or other.item.id == journey_id:
            continue
        for tp in other.item.touchpoints:
            if any(
                t.journey == journey_id and (touchpoint_id is None or t.to == touchpoint_id)
                for t in tp.transitions
            ):
                found.append(other.item.id)
                break
    return sorted(found)


def report_touchpoints(
    c: Collector,
    result: JourneyDiff,
    old: Located[Journey],
    new: Located[Journey],
    stage_renames: dict[str, str],
    new_project: Project | None,
) -> None:
    before, after = old.item.touchpoints, new.item.touchpoints
    matching = match_items(before, after, _tp_id, content_key)
    renames = matching.renamed
    result.renames["touchpoints"] = renames
    old_stages = {s.id: s.name for s in old.item.stages}
    new_stages = {s.id: s.name for s in new.item.stages}
    journey_id = new.item.id
    for i, j in matching.pairs:
        was, tp = before[i], after[j]
        owner = Owner(f"touchpoint {tp.id!r}", f"touchpoints[{tp.id}]", tp.id, _at(new, j))
        if was.id != tp.id:
            _renamed(c, owner, new, j, was.id, new_project)
        if stage_renames.get(was.stage, was.stage) != tp.stage:
            c.add(
                "touchpoint-moved",
                Element.touchpoint,
                Action.moved,
                f"{owner.target}.stage",
                f"{owner.words} moved from stage {_stage(was.stage, old_stages)} "
                f"to {_stage(tp.stage, new_stages)}",
                mark=tp.id,
                old=was.stage,
                new=tp.stage,
                location=new.locate("touchpoints", j, "stage"),
            )
        elif j in matching.reordered:
            c.add(
                "touchpoint-reordered",
                Element.touchpoint,
                Action.reordered,
                owner.target,
                f"{owner.words} moved from position {i + 1} to {j + 1} of the touchpoints",
                mark=tp.id,
                old=i + 1,
                new=j + 1,
                location=new.locate("touchpoints", j),
            )
        report_fields(c, owner, Element.touchpoint, was, tp, TOUCHPOINT_FIELDS, _SKIP)
        for kind, items_before, items_after in (
            (PAIN_POINTS, was.pain_points, tp.pain_points),
            (OPPORTUNITIES, was.opportunities, tp.opportunities),
            (KPIS, was.kpis, tp.kpis),
        ):
            ids = report_sublist(c, owner, kind, items_before, items_after)
            if ids:
                result.renames[f"{owner.target}.{kind.key}"] = ids
        _steps(c, owner, old.item.id, was, journey_id, tp, renames)
    _added(c, result, new, matching.added, new_stages)
    _removed(c, result, old, new, matching.removed, old_stages, renames, new_project)


def _renamed(
    c: Collector,
    owner: Owner,
    new: Located[Journey],
    j: int,
    was: str,
    new_project: Project | None,
) -> None:
    """The `j`th touchpoint of `new` was `was`: a rename, or a removal if others step in."""
    tp = new.item.touchpoints[j]
    steppers = stepping_into(new_project, new.item.id, was, exclude=None)
    rule = "referenced-touchpoint-removed" if steppers else "touchpoint-id-changed"
    tail = f", but {_list(steppers)} still {_verb(steppers)} to {was!r}" if steppers else ""
    c.add(
        rule,
        Element.touchpoint,
        Action.renamed,
        owner.target,
        f"touchpoint {was!r} renamed to {tp.id!r}{tail}",
        mark=tp.id,
        old=was,
        new=tp.id,
        location=new.locate("touchpoints", j, "id"),
    )


def _added(
    c: Collector,
    result: JourneyDiff,
    new: Located[Journey],
    added: list[int],
    new_stages: dict[str, str],
) -> None:
    after, journey_id = new.item.touchpoints, new.item.id
    for j in added:
        tp = after[j]
        c.add(
            "touchpoint-added",
            Element.touchpoint,
            Action.added,
            f"touchpoints[{tp.id}]",
            f"touchpoint {tp.id!r} ({show(tp.name)}, {tp.channel}) added to stage "
            f"{_stage(tp.stage, new_stages)}",
            mark=tp.id,
            new=tp.id,
            location=new.locate("touchpoints", j),
        )
        for key in keyed_steps(tp, journey_id, {}):
            result.implied_marks[_mark(tp.id, key)] = "added"


def _removed(
    c: Collector,
    result: JourneyDiff,
    old: Located[Journey],
    new: Located[Journey],
    removed: list[int],
    old_stages: dict[str, str],
    renames: dict[str, str],
    new_project: Project | None,
) -> None:
    before, journey_id = old.item.touchpoints, new.item.id
    for i in removed:
        tp = before[i]
        steppers = stepping_into(new_project, journey_id, tp.id, exclude=None)
        rule = "referenced-touchpoint-removed" if steppers else "touchpoint-removed"
        tail = f", but {_list(steppers)} still {_verb(steppers)} to it" if steppers else ""
        c.add(
            rule,
            Element.touchpoint,
            Action.removed,
            f"touchpoints[{tp.id}]",
            f"touchpoint {tp.id!r} ({show(tp.name)}) removed from stage "
            f"{_stage(tp.stage, old_stages)}{tail}",
            mark=tp.id,
            old=tp.id,
            location=new.locate("touchpoints"),
        )
        for key in keyed_steps(tp, old.item.id, renames):
            result.implied_marks[_mark(tp.id, key)] = "removed"


def _steps(
    c: Collector,
    owner: Owner,
    old_journey: str,
    was: Touchpoint,
    journey_id: str,
    tp: Touchpoint,
    renames: dict[str, str],
) -> None:
    before = keyed_steps(was, old_journey, renames)
    after = keyed_steps(tp, journey_id, {})
    positions = {key: n for n, key in enumerate(after)}
    for key, step in after.items():
        mark = _mark(tp.id, key)
        target = f"{owner.target}.next[{key}]"
        previous = before.get(key)
        at = owner.locate("next", positions[key])
        if previous is None:
            c.add(
                "transition-added",
                Element.transition,
                Action.added,
                target,
                f"step {tp.id!r} -> {key!r} added{_label(step)}",
                mark=mark,
                new=key,
                location=at,
            )
            continue
        sub = Owner(f"step {tp.id!r} -> {key!r}", target, mark, owner.locate)
        report_fields(c, sub, Element.transition, previous, step, TRANSITION_FIELDS, _TO)
    for key, step in before.items():
        if key not in after:
            c.add(
                "transition-removed",
                Element.transition,
                Action.removed,
                f"{owner.target}.next[{key}]",
                f"step {tp.id!r} -> {key!r} removed{_label(step)}",
                mark=_mark(tp.id, key),
                old=key,
                location=owner.locate("next"),
            )


_TO = frozenset({"to", "journey"})


def keyed_steps(tp: Touchpoint, journey_id: str, renames: dict[str, str]) -> dict[str, Transition]:
    """Steps by target: `to` inside the journey (renames applied), `journey:to` outside."""
    out: dict[str, Transition] = {}
    for step in tp.transitions:
        if step.journey in (None, journey_id):
            key = transition_key(None, renames.get(step.to, step.to))
        else:
            key = transition_key(step.journey, step.to)
        out.setdefault(key, step)
    return out


def _mark(source: str, key: str) -> str:
    """Renderers key a step by `from->to`, whatever journey `to` is in."""
    return f"{source}->{key.rpartition(':')[2]}"


def _label(step: Transition) -> str:
    return f" ({show(step.label)})" if step.label else ""


def _stage(stage_id: str, names: dict[str, str]) -> str:
    name = names.get(stage_id)
    return f"{stage_id!r} ({name})" if name and name != stage_id else repr(stage_id)


def _list(ids: list[str]) -> str:
    return f"journey{'s' * (len(ids) != 1)} " + ", ".join(repr(i) for i in ids)


def _verb(ids: list[str]) -> str:
    return "steps" if len(ids) == 1 else "step"


def _tp_id(tp: Touchpoint) -> str:
    return tp.id


def _at(new: Located[Journey], j: int) -> Callable[..., Location | None]:
    def locate(*parts: str | int) -> Location | None:
        return new.locate("touchpoints", j, *parts)

    return locate
