"""Reference integrity: every id a file names must exist, with a "did you mean" if not."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader.schema_errors import did_you_mean
from journeykit.model import Journey
from journeykit.project import Located, Project

SUGGESTION_BUDGET = 1_000_000
"""Known ids that "did you mean" may compare unknown ones with, in all, per check (about
1.5 s): 100,000 unknown ids against a catalog of 100,000 would otherwise be 10^10."""


class Budget:
    """What is left of SUGGESTION_BUDGET for one run of `check_references`."""

    __slots__ = ("left",)

    def __init__(self, comparisons: int = SUGGESTION_BUDGET) -> None:
        self.left = comparisons


class Suggester:
    """ "did you mean" hints against one collection of known ids: each unknown id is
    looked up once (a typo repeated 100,000 times costs one search), and only while the
    shared budget lasts; after that the findings come without a hint."""

    __slots__ = ("_budget", "_cache", "known")

    def __init__(self, known: Collection[str], budget: Budget) -> None:
        self.known = known
        self._budget = budget
        self._cache: dict[str, str | None] = {}

    def hint(self, value: str) -> str | None:
        if value in self._cache:
            return self._cache[value]
        hint = None
        if len(self.known) <= self._budget.left:
            self._budget.left -= len(self.known)
            hint = did_you_mean(value, self.known)
        self._cache[value] = hint
        return hint


def check_references(project: Project, budget: Budget | None = None) -> Iterator[Finding]:
    """Every reference of the project that names nothing; linear in the references."""
    budget = budget or Budget()
    catalogs = _Catalogs(
        Suggester(project.personas, budget),
        Suggester(project.channels, budget),
        Suggester(project.journeys, budget),
        budget,
    )
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
                catalogs.channels,
                located,
                ("channels", i, "channel"),
            )
    for journey in project.journeys.values():
        yield from _journey(project, journey, catalogs)


@dataclass(slots=True)
class _Catalogs:
    personas: Suggester
    channels: Suggester
    journeys: Suggester
    budget: Budget
    touchpoints_of: dict[str, Suggester] = field(default_factory=dict)
    """Touchpoint ids of the journeys that transitions lead to, by journey id."""


def _id_of(located: Located[object]) -> str:
    return str(getattr(located.item, "id", "?"))


def _ref(
    check: bc.Check,
    kind: str,
    value: str,
    known: Suggester,
    at: Located[object],
    path: tuple[str | int, ...],
) -> Iterator[Finding]:
    if value not in known.known:
        yield check.finding(f"unknown {kind} {value!r}", at.locate(*path), known.hint(value))


def _journey(project: Project, journey: Located[Journey], cat: _Catalogs) -> Iterator[Finding]:
    """Every reference of one journey; the membership tests come first, as nearly all
    references resolve (a finding's location and message cost far more)."""
    model = journey.item
    personas, channels = project.personas, project.channels
    for i, persona in enumerate(model.personas):
        if persona not in personas:
            yield from _ref(
                bc.UNKNOWN_PERSONA, "persona", persona, cat.personas, journey, ("personas", i)
            )
    stage_ids = [s.id for s in model.stages]
    touchpoint_ids = [t.id for t in model.touchpoints]
    yield from _duplicates(journey, "stage", stage_ids, "stages")
    yield from _duplicates(journey, "touchpoint", touchpoint_ids, "touchpoints")
    stages = Suggester(set(stage_ids), cat.budget)
    touchpoints = Suggester(set(touchpoint_ids), cat.budget)
    pains = Suggester({p.id for t in model.touchpoints for p in t.pain_points}, cat.budget)
    journey_personas = set(model.personas)
    for ti, tp in enumerate(model.touchpoints):
        at = ("touchpoints", ti)
        if tp.stage not in stages.known:
            yield from _ref(bc.UNKNOWN_STAGE, "stage", tp.stage, stages, journey, (*at, "stage"))
        if tp.channel not in channels:
            yield from _ref(
                bc.UNKNOWN_CHANNEL, "channel", tp.channel, cat.channels, journey, (*at, "channel")
            )
        for i, channel in enumerate(tp.opt_in):
            if channel not in channels:
                yield from _ref(
                    bc.UNKNOWN_CHANNEL,
                    "channel",
                    channel,
                    cat.channels,
                    journey,
                    (*at, "opt_in", i),
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
                    bc.UNKNOWN_PERSONA,
                    "persona",
                    persona,
                    cat.personas,
                    journey,
                    (*at, "personas", i),
                )
        for oi, opportunity in enumerate(tp.opportunities):
            for i, pain in enumerate(opportunity.addresses):
                if pain not in pains.known:
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
                if to not in touchpoints.known:
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
                    cat.journeys,
                    journey,
                    (*at, "next", ni, "journey"),
                )
                continue
            others = cat.touchpoints_of.get(other)
            if others is None:
                ids = {t.id for t in target.item.touchpoints}
                others = cat.touchpoints_of[other] = Suggester(ids, cat.budget)
            if to not in others.known:
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
