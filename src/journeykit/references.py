"""Reference integrity: every id a file names must exist, with a "did you mean" if not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader.schema_errors import did_you_mean
from journeykit.model import Journey
from journeykit.project import Located, Project


def check_references(project: Project) -> Iterator[Finding]:
    for kind, first, again in project.duplicates:
        where = first.locate("id")
        yield bc.DUPLICATE_ID.finding(
            f"{kind} id {_id_of(again)!r} is already defined in {where.file}:{where.line}",
            again.locate("id"),
        )
    for located in project.personas.values():
        for i, pref in enumerate(located.item.channels):
            yield from _ref(
                bc.UNKNOWN_CHANNEL,
                "channel",
                pref.channel,
                project.channels,
                located,
                ("channels", i, "channel"),
            )
    ids_of: dict[str, set[str]] = {}
    """Touchpoint ids of the journeys that transitions lead to, by journey id."""
    for journey in project.journeys.values():
        yield from _journey(project, journey, ids_of)


def _id_of(located: Located[object]) -> str:
    return str(getattr(located.item, "id", "?"))


def _ref(
    check: bc.Check,
    kind: str,
    value: str,
    known: Iterable[str],
    at: Located[object],
    path: tuple[str | int, ...],
) -> Iterator[Finding]:
    names = known if isinstance(known, dict | set | frozenset) else set(known)
    if value not in names:
        yield check.finding(
            f"unknown {kind} {value!r}", at.locate(*path), did_you_mean(value, names)
        )


def _journey(
    project: Project, journey: Located[Journey], ids_of: dict[str, set[str]]
) -> Iterator[Finding]:
    """Every reference of one journey; the membership tests come first, as nearly all
    references resolve (a finding's location and message cost far more)."""
    model = journey.item
    personas, channels = project.personas, project.channels
    for i, persona in enumerate(model.personas):
        if persona not in personas:
            yield from _ref(
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
        if tp.stage not in stages:
            yield from _ref(bc.UNKNOWN_STAGE, "stage", tp.stage, stages, journey, (*at, "stage"))
        if tp.channel not in channels:
            yield from _ref(
                bc.UNKNOWN_CHANNEL, "channel", tp.channel, channels, journey, (*at, "channel")
            )
        for i, channel in enumerate(tp.opt_in):
            if channel not in channels:
                yield from _ref(
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
                yield from _ref(
                    bc.UNKNOWN_PERSONA, "persona", persona, personas, journey, (*at, "personas", i)
                )
        for oi, opportunity in enumerate(tp.opportunities):
            for i, pain in enumerate(opportunity.addresses):
                if pain not in pains:
                    yield from _ref(
                        bc.UNKNOWN_PAIN_POINT,
                        "pain point",
                        pain,
                        pains,
                        journey,
                        (*at, "opportunities", oi, "addresses", i),
                    )
        for ni, step in enumerate(tp.next):
            path: tuple[str | int, ...]
            if isinstance(step, str):
                to, other, path = step, None, (*at, "next", ni)
            else:
                to, other, path = step.to, step.journey, (*at, "next", ni, "to")
            if other is None or other == model.id:
                if to not in touchpoints:
                    yield from _ref(
                        bc.UNKNOWN_TOUCHPOINT, "touchpoint", to, touchpoints, journey, path
                    )
                continue
            target = project.journeys.get(other)
            if target is None:
                yield from _ref(
                    bc.UNKNOWN_JOURNEY,
                    "journey",
                    other,
                    project.journeys,
                    journey,
                    (*at, "next", ni, "journey"),
                )
                continue
            others = ids_of.get(other)
            if others is None:
                others = ids_of[other] = {t.id for t in target.item.touchpoints}
            if to not in others:
                yield from _ref(
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
