"""Reference integrity: every id a file names must exist, with a "did you mean" if not.

An id that a file with errors defines (`Project.lent`) resolves. A reference that does
not resolve while a file of its kind could not be read at all (`Project.unread`) may
well point into that file: such references are not reported one by one but counted,
and each referring file gets one JK208 at the first of them that names the cause.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location, Severity, sort_findings
from journeykit.loader.locate import PathPart
from journeykit.loader.schema_errors import did_you_mean
from journeykit.loader.source import SourceFile
from journeykit.model import Journey
from journeykit.workspace.project import Located, Project

SUGGESTION_BUDGET = 1_000_000
"""Known ids that "did you mean" may compare unknown ones with, in all, per check (about
1.5 s): 100,000 unknown ids against a catalog of 100,000 would otherwise be 10^10."""

_CATALOG_KINDS = frozenset({"persona", "channel", "journey"})
"""Kinds whose known ids are the same for the whole run, so a hint can be kept."""


class Budget:
    """What is left of SUGGESTION_BUDGET for one run of `check_references`."""

    __slots__ = ("left",)

    def __init__(self, comparisons: int = SUGGESTION_BUDGET) -> None:
        self.left = comparisons


def check_references(project: Project, budget: Budget | None = None) -> Iterator[Finding]:
    """Every reference of the project that names nothing; linear in the references."""
    refs = _Refs(project, budget or Budget())
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
    yield from refs.folded()


def _id_of(located: Located[object]) -> str:
    return str(getattr(located.item, "id", "?"))


@dataclass(slots=True)
class _Unchecked:
    count: int
    first: Location
    causes: list[SourceFile]


class _Refs:
    """The ids references may name, and the references that could not be checked."""

    def __init__(self, project: Project, budget: Budget) -> None:
        self.project = project
        self.budget = budget
        self.hints: dict[tuple[str, str], str | None] = {}
        """Catalog hints by (kind, id): a typo repeated 100,000 times costs one search."""
        self.personas = self._known("persona", project.personas)
        self.channels = self._known("channel", project.channels)
        self.journeys = self._known("journey", project.journeys)
        self.unchecked: dict[tuple[str, str], _Unchecked] = {}
        """By (referring file, what the references are to)."""

    def _known(self, kind: str, index: Mapping[str, object]) -> Collection[str]:
        """The ids of `kind` a reference may name: the index's, and those lent to it."""
        lent = self.project.lent.get(kind)
        return index.keys() | lent if lent else index.keys()

    def unknown(
        self,
        check: bc.Check,
        kind: str,
        value: str,
        known: Iterable[str],
        at: Located[object],
        path: tuple[PathPart, ...],
        causes: list[SourceFile] | None = None,
        what: str | None = None,
    ) -> Iterator[Finding]:
        """A reference to `value`, which `known` lacks: a finding, or counted under `what`
        when a file that may define it (`causes`, by default the unread files of `kind`)
        could not be read."""
        causes = causes if causes is not None else self.project.unread.get(kind)
        if causes:
            what = what or f"{kind}s"
            entry = self.unchecked.get((at.source.rel, what))
            if entry is None:
                self.unchecked[at.source.rel, what] = _Unchecked(1, at.locate(*path), causes)
            else:
                entry.count += 1
            return
        yield check.finding(
            f"unknown {kind} {value!r}", at.locate(*path), self.hint(kind, value, known)
        )

    def hint(self, kind: str, value: str, known: Iterable[str]) -> str | None:
        """ "did you mean", while the budget lasts; after that findings come without one."""
        key = (kind, value)
        if key in self.hints:
            return self.hints[key]
        candidates = known if isinstance(known, Collection) else list(known)
        hint = None
        if len(candidates) <= self.budget.left:
            self.budget.left -= len(candidates)
            hint = did_you_mean(value, candidates)
        if kind in _CATALOG_KINDS:
            self.hints[key] = hint
        return hint

    def folded(self) -> Iterator[Finding]:
        for (_, what), entry in self.unchecked.items():
            files = [c.rel for c in entry.causes]
            named = files[0] if len(files) == 1 else ", ".join(files[:-1]) + " and " + files[-1]
            seen = [_cause(c) for c in entry.causes]
            see = "; ".join(s for s in seen if s)
            n = entry.count
            yield bc.UNCHECKED_REFERENCES.finding(
                f"{n} reference{'s' if n != 1 else ''} to {what} could not be checked because "
                f"{named} could not be read" + (f" (see {see})" if see else ""),
                entry.first,
                f"fix {named} first; then these references are checked",
            )


def _cause(source: SourceFile) -> str:
    """Where the first error of a file that could not be read is."""
    errors = sort_findings(f for f in source.findings if f.severity is Severity.ERROR)
    if not errors:
        return ""
    where = errors[0].location
    return f"{errors[0].code} at {where.file}:{where.line}:{where.column}"


def _journey(
    refs: _Refs, journey: Located[Journey], ids_of: dict[str, set[str]]
) -> Iterator[Finding]:
    """Every reference of one journey; the membership tests come first, as nearly all
    references resolve (a finding's location and message cost far more)."""
    model = journey.item
    personas, channels = refs.personas, refs.channels
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
            if other is None or other == model.id:
                if to not in touchpoints:
                    yield from refs.unknown(
                        bc.UNKNOWN_TOUCHPOINT, "touchpoint", to, touchpoints, journey, path
                    )
                continue
            yield from _other_journey(refs, journey, other, to, path, ids_of)


def _other_journey(
    refs: _Refs,
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
