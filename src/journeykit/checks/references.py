"""Reference integrity: every id a file names must exist, with a "did you mean" if not.

An id that a file with errors defines (`Project.lent`) resolves. A reference that does
not resolve while a file of its kind could not be read at all (`Project.unread`) may
well point into that file: such references are not reported one by one but counted,
and each referring file gets one JK208 at the first of them that names the cause.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit import builtin_checks as bc
from journeykit.analysis.measurement import journey_kpis
from journeykit.checks.known_ids import SUGGESTION_BUDGET, Budget, Refs
from journeykit.checks.lanes import check_lanes
from journeykit.checks.outcomes import check_outcomes
from journeykit.checks.phases import check_phases
from journeykit.findings import Finding
from journeykit.loader.locate import PathPart
from journeykit.model import Journey, Touchpoint
from journeykit.workspace.project import Located, Project

__all__ = ["SUGGESTION_BUDGET", "Budget", "check_references"]


def check_references(project: Project, budget: Budget | None = None) -> Iterator[Finding]:
    """Every reference of the project that names nothing; linear in the references."""
    refs = Refs(project, budget or Budget())
    for kind, first, again in project.duplicates:
        where = first.locate("id")
        yield bc.DUPLICATE_ID.finding(
            f"{kind} id {_id_of(again)!r} is already defined in {where.file}:{where.line}",
            again.locate("id"),
        )
    channels = refs.channels
    for located in project.personas.values():
        for i, pref in enumerate(located.item.channels):
            if pref.channel not in channels:
                yield from refs.unknown(
                    bc.UNKNOWN_CHANNEL,
                    "channel",
                    pref.channel,
                    channels,
                    located,
                    ("channels", i, "channel"),
                )
    ids_of: dict[str, set[str]] = {}
    """Touchpoint ids of the journeys that transitions lead to, by journey id."""
    for journey in project.journeys.values():
        yield from _journey(refs, journey, ids_of)
    yield from check_lanes(project)
    yield from check_outcomes(project)
    yield from check_phases(project)
    yield from refs.folded()


def _id_of(located: Located[object]) -> str:
    return str(getattr(located.item, "id", "?"))


def _journey(
    refs: Refs, journey: Located[Journey], ids_of: dict[str, set[str]]
) -> Iterator[Finding]:
    """Every reference of one journey; the membership tests come first, as nearly all
    references resolve (a finding's location and message cost far more)."""
    model = journey.item
    personas = refs.personas
    for i, persona in enumerate(model.personas):
        if persona not in personas:
            yield from refs.unknown(
                bc.UNKNOWN_PERSONA, "persona", persona, personas, journey, ("personas", i)
            )
    stage_ids = [s.id for s in model.stages]
    touchpoint_ids = [t.id for t in model.touchpoints]
    yield from _duplicates(journey, "stage", stage_ids, "stages")
    yield from _duplicates(journey, "touchpoint", touchpoint_ids, "touchpoints")
    stages = set(stage_ids)
    touchpoints = set(touchpoint_ids)
    pains = {p.id for t in model.touchpoints for p in t.pain_points}
    journey_personas = set(model.personas)
    for ti, tp in enumerate(model.touchpoints):
        at = ("touchpoints", ti)
        yield from _touchpoint_names(refs, journey, at, tp, stages, journey_personas)
        yield from _touchpoint_links(refs, journey, at, tp, pains, touchpoints, ids_of)
    yield from _event_names(journey)
    yield from _kpi_measures(refs, journey, stages, touchpoints)


def _kpi_measures(
    refs: Refs, journey: Located[Journey], stages: set[str], touchpoints: set[str]
) -> Iterator[Finding]:
    """The ids a KPI's `measure` names: touchpoints or stages, and a designed end."""
    model = journey.item
    ends = {t.id for t in model.touchpoints if t.end}
    either = stages | touchpoints
    for placed in journey_kpis(model):
        how = placed.kpi.measure
        if how is None:
            continue
        at: tuple[PathPart, ...] = (*placed.path, "measure")
        named: list[tuple[str, set[str], str, tuple[PathPart, ...]]] = []
        if how.conversion is not None:
            named.append(
                (how.conversion.start, either, "touchpoint or stage", ("conversion", "from"))
            )
            named.append((how.conversion.to, either, "touchpoint or stage", ("conversion", "to")))
        if how.reach is not None:
            named.append((how.reach, either, "touchpoint or stage", ("reach",)))
        if how.transition is not None:
            named.append((how.transition.start, touchpoints, "touchpoint", ("transition", "from")))
            named.append((how.transition.to, touchpoints, "touchpoint", ("transition", "to")))
        for value, known, kind, path in named:
            if value not in known:
                yield from refs.unknown(
                    bc.UNKNOWN_TOUCHPOINT, kind, value, known, journey, (*at, *path)
                )
        timed = how.time_to_end
        if timed is None:
            continue
        path = (*at, "time_to_end", "end")
        if timed.end not in touchpoints:
            yield from refs.unknown(
                bc.UNKNOWN_TOUCHPOINT, "touchpoint", timed.end, touchpoints, journey, path
            )
        elif timed.end not in ends:
            yield bc.UNKNOWN_TOUCHPOINT.finding(
                f"touchpoint {timed.end!r} is not a designed end",
                journey.locate(*path),
                "mark it `end: true`, or time an end: " + (", ".join(sorted(ends)) or "none"),
            )


def _event_names(journey: Located[Journey]) -> Iterator[Finding]:
    """Bare event names (no `where`) that two touchpoints claim: `journeykit measure`
    gives the event to the first, so the second never sees it."""
    claimed: dict[str, tuple[str, tuple[PathPart, ...]]] = {}
    for ti, tp in enumerate(journey.item.touchpoints):
        at: tuple[PathPart, ...] = ("touchpoints", ti)
        if tp.events is None:
            names = [(tp.id, (*at, "id"))]
        else:
            names = [(e, (*at, "events", i)) for i, e in enumerate(tp.events) if isinstance(e, str)]
        for name, path in names:
            first = claimed.setdefault(name, (tp.id, path))
            if first[0] != tp.id:
                where = journey.locate(*first[1])
                yield bc.DUPLICATE_EVENT.finding(
                    f"event {name!r} already maps to touchpoint {first[0]!r} "
                    f"(line {where.line}); the first touchpoint in the file wins",
                    journey.locate(*path),
                    "list the event under one touchpoint only, or tell them apart with `where`",
                )


def _touchpoint_names(
    refs: Refs,
    journey: Located[Journey],
    at: tuple[PathPart, ...],
    tp: Touchpoint,
    stages: set[str],
    journey_personas: set[str],
) -> Iterator[Finding]:
    """A touchpoint's stage, channels and personas."""
    personas, channels = refs.personas, refs.channels
    if tp.stage not in stages:
        yield from refs.unknown(
            bc.UNKNOWN_STAGE, "stage", tp.stage, stages, journey, (*at, "stage")
        )
    if tp.channel not in channels:
        yield from refs.unknown(
            bc.UNKNOWN_CHANNEL, "channel", tp.channel, channels, journey, (*at, "channel")
        )
    for i, channel in enumerate(tp.opt_in):
        if channel not in channels:
            yield from refs.unknown(
                bc.UNKNOWN_CHANNEL, "channel", channel, channels, journey, (*at, "opt_in", i)
            )
    for i, persona in enumerate(tp.personas):
        if persona in journey_personas and persona in personas:
            continue
        if persona in personas:
            yield bc.UNKNOWN_PERSONA.finding(
                f"persona {persona!r} is not one of the journey's personas",
                journey.locate(*at, "personas", i),
                "add it to the journey's `personas` list",
            )
        else:
            yield from refs.unknown(
                bc.UNKNOWN_PERSONA, "persona", persona, personas, journey, (*at, "personas", i)
            )


def _touchpoint_links(
    refs: Refs,
    journey: Located[Journey],
    at: tuple[PathPart, ...],
    tp: Touchpoint,
    pains: set[str],
    touchpoints: set[str],
    ids_of: dict[str, set[str]],
) -> Iterator[Finding]:
    """The pain points a touchpoint's opportunities address, and where it leads next."""
    for oi, opportunity in enumerate(tp.opportunities):
        for i, pain in enumerate(opportunity.addresses):
            if pain not in pains:
                yield from refs.unknown(
                    bc.UNKNOWN_PAIN_POINT,
                    "pain point",
                    pain,
                    pains,
                    journey,
                    (*at, "opportunities", oi, "addresses", i),
                )
    for ni, step in enumerate(tp.next):
        path: tuple[PathPart, ...]
        if isinstance(step, str):
            to, other, path = step, None, (*at, "next", ni)
        else:
            to, other, path = step.to, step.journey, (*at, "next", ni, "to")
        if other is None or other == journey.item.id:
            if to not in touchpoints:
                yield from refs.unknown(
                    bc.UNKNOWN_TOUCHPOINT, "touchpoint", to, touchpoints, journey, path
                )
            continue
        yield from _other_journey(refs, journey, other, to, path, ids_of)


def _other_journey(
    refs: Refs,
    journey: Located[Journey],
    other: str,
    to: str,
    path: tuple[PathPart, ...],
    ids_of: dict[str, set[str]],
) -> Iterator[Finding]:
    """A transition into another journey: to one of its touchpoints."""
    others = ids_of.get(other)
    if others is None:
        target = refs.project.journeys.get(other)
        lent = refs.project.lent_touchpoints.get(other)
        if target is not None:
            others = ids_of[other] = {t.id for t in target.item.touchpoints}
        elif lent is not None and lent[1] is not None:
            others = ids_of[other] = set(lent[1])
        elif lent is not None:
            yield from refs.unknown(
                bc.UNKNOWN_TOUCHPOINT,
                f"touchpoint of {other!r}",
                to,
                (),
                journey,
                path,
                [lent[0]],
                f"touchpoints of journey {other!r}",
            )
            return
        else:
            yield from refs.unknown(
                bc.UNKNOWN_JOURNEY,
                "journey",
                other,
                refs.journeys,
                journey,
                (*path[:-1], "journey"),
            )
            return
    if to not in others:
        yield from refs.unknown(
            bc.UNKNOWN_TOUCHPOINT, f"touchpoint of {other!r}", to, others, journey, path
        )


def _duplicates(
    journey: Located[Journey], kind: str, ids: list[str], key: str
) -> Iterator[Finding]:
    if len(set(ids)) == len(ids):
        return
    seen: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in seen:
            first = journey.locate(key, seen[item_id], "id")
            yield bc.DUPLICATE_ID.finding(
                f"{kind} id {item_id!r} is already defined on line {first.line}",
                journey.locate(key, i, "id"),
            )
        else:
            seen[item_id] = i
