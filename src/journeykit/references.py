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
    for journey in project.journeys.values():
        yield from _journey(project, journey)


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


def _journey(project: Project, journey: Located[Journey]) -> Iterator[Finding]:
    model = journey.item
    for i, persona in enumerate(model.personas):
        yield from _ref(
            bc.UNKNOWN_PERSONA, "persona", persona, project.personas, journey, ("personas", i)
        )
    yield from _duplicates(journey, "stage", [s.id for s in model.stages], "stages")
    yield from _duplicates(journey, "touchpoint", [t.id for t in model.touchpoints], "touchpoints")
    stages = {s.id for s in model.stages}
    touchpoints = {t.id for t in model.touchpoints}
    pains = {p.id for t in model.touchpoints for p in t.pain_points}
    journey_personas = set(model.personas)
    for ti, tp in enumerate(model.touchpoints):
        at = ("touchpoints", ti)
        yield from _ref(bc.UNKNOWN_STAGE, "stage", tp.stage, stages, journey, (*at, "stage"))
        yield from _ref(
            bc.UNKNOWN_CHANNEL, "channel", tp.channel, project.channels, journey, (*at, "channel")
        )
        for i, channel in enumerate(tp.opt_in):
            yield from _ref(
                bc.UNKNOWN_CHANNEL,
                "channel",
                channel,
                project.channels,
                journey,
                (*at, "opt_in", i),
            )
        for i, persona in enumerate(tp.personas):
            if persona not in journey_personas and persona in project.personas:
                yield bc.UNKNOWN_PERSONA.finding(
                    f"persona {persona!r} is not one of the journey's personas",
                    journey.locate(*at, "personas", i),
                    "add it to the journey's `personas` list",
                )
            else:
                yield from _ref(
                    bc.UNKNOWN_PERSONA,
                    "persona",
                    persona,
                    project.personas,
                    journey,
                    (*at, "personas", i),
                )
        for oi, opportunity in enumerate(tp.opportunities):
            for i, pain in enumerate(opportunity.addresses):
                yield from _ref(
                    bc.UNKNOWN_PAIN_POINT,
                    "pain point",
                    pain,
                    pains,
                    journey,
                    (*at, "opportunities", oi, "addresses", i),
                )
        for ni, transition in enumerate(tp.transitions):
            path = (*at, "next", ni) if isinstance(tp.next[ni], str) else (*at, "next", ni, "to")
            if transition.journey is None or transition.journey == model.id:
                yield from _ref(
                    bc.UNKNOWN_TOUCHPOINT, "touchpoint", transition.to, touchpoints, journey, path
                )
                continue
            target = project.journeys.get(transition.journey)
            if target is None:
                yield from _ref(
                    bc.UNKNOWN_JOURNEY,
                    "journey",
                    transition.journey,
                    project.journeys,
                    journey,
                    (*at, "next", ni, "journey"),
                )
            else:
                others = {t.id for t in target.item.touchpoints}
                yield from _ref(
                    bc.UNKNOWN_TOUCHPOINT,
                    f"touchpoint of {transition.journey!r}",
                    transition.to,
                    others,
                    journey,
                    path,
                )


def _duplicates(
    journey: Located[Journey], kind: str, ids: list[str], key: str
) -> Iterator[Finding]:
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
