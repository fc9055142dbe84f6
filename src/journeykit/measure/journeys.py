"""The journeys a measurement covers, the period it counts, and one journey measured."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from journeykit.measure import attribution_query, kpis
from journeykit.measure.attribution import attribution, outcome_codes
from journeykit.measure.compute import KEYS, Key, fetch, metrics
from journeykit.measure.design import JourneyDesign
from journeykit.measure.errors import EventLogError, MeasureError
from journeykit.measure.events import UTC as UTC_TYPE
from journeykit.measure.events import EventLog
from journeykit.measure.fetch import one, rows
from journeykit.measure.mapping import mapped_anywhere, with_touchpoint
from journeykit.measure.result import EventCount, JourneyMeasure, LogSummary, Metrics, Unmapped
from journeykit.measure.result import rate as share
from journeykit.measure.steps import visits

if TYPE_CHECKING:
    from journeykit.measure import MeasureOptions
    from journeykit.measure.attribution import AttributionSpec
    from journeykit.workspace.project import Project

TOP_UNMAPPED = 5


def chosen_designs(
    project: Project, journey: str | None, persona: str | None
) -> list[JourneyDesign]:
    from journeykit.loader.schema_errors import did_you_mean

    if journey is not None and journey not in project.journeys:
        hint = did_you_mean(journey, project.journeys)
        raise MeasureError(f"unknown journey {journey!r}" + (f" ({hint})" if hint else ""))
    if persona is not None and persona not in project.personas:
        hint = did_you_mean(persona, project.personas)
        raise MeasureError(f"unknown persona {persona!r}" + (f" ({hint})" if hint else ""))
    chosen = [
        JourneyDesign.from_journey(j.item)
        for j in project.journeys.values()
        if (journey is None or j.item.id == journey)
        and (persona is None or persona in j.item.personas)
    ]
    if not chosen:
        raise MeasureError(
            f"no journey of persona {persona!r} to measure" if persona else "no journey to measure"
        )
    return sorted(chosen, key=lambda d: d.id)


def period(log: EventLog, options: MeasureOptions) -> tuple[ir.Table, LogSummary]:
    table = log.table
    if options.since is not None:
        table = table.filter(table.ts >= ibis.literal(options.since, type=UTC_TYPE))
    if options.until is not None:
        table = table.filter(table.ts < ibis.literal(options.until, type=UTC_TYPE))
    facts = one(table.aggregate(n=table.count(), first=table.ts.min(), last=table.ts.max()))
    n = int(facts.get("n") or 0)
    if n == 0 and (options.since or options.until):
        raise EventLogError("no events in the period asked for (--since/--until)", log.name)
    split = options.settings.split_after
    summary = LogSummary(
        source=log.name,
        rows=log.rows,
        duplicates=log.duplicates,
        rows_in_period=n,
        since=options.since.isoformat() if options.since else None,
        until=options.until.isoformat() if options.until else None,
        split_after_seconds=int(split.total_seconds()) if split else None,
        first_event=_iso(facts.get("first")),
        last_event=_iso(facts.get("last")),
    )
    return table, summary


def _iso(value: datetime | None) -> str | None:
    """In UTC, with its offset (Spark gives naive datetimes in its session zone, UTC)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def of_persona(table: ir.Table, options: MeasureOptions) -> ir.Table:
    """With `--persona` and a segment column, only that segment's rows count."""
    if options.persona is not None and options.settings.segment:
        return table.filter(table.segment == options.persona)
    return table


def stored_visits(
    table: ir.Table, designs: list[JourneyDesign], options: MeasureOptions
) -> ir.Table:
    """Every journey's visits in one table, made once in the engine's own storage (an
    ibis CachedTable: the caller releases it). Once it is made nothing reads the log:
    its copy can go, and DuckDB keeps the visits in memory instead of spilling them."""
    parts = []
    for design in designs:
        mapped = with_touchpoint(table, design)
        steps = visits(mapped, design, options.settings.split_after)
        parts.append(steps.mutate(journey=ibis.literal(design.id, "string")))
    every = parts[0] if len(parts) == 1 else ibis.union(*parts)
    scoped = every.mutate(scope=ibis.literal(0, "int64"), segment=ibis.null("string"))
    if options.settings.segment:
        scoped = scoped.union(every.mutate(scope=ibis.literal(1, "int64")))
    return scoped.cache()


def outcomes_of(
    designs: list[JourneyDesign], spec: AttributionSpec | None, warnings: list[str]
) -> dict[str, tuple[int, ...]]:
    """Journey id -> the codes of its outcome's touchpoints, for the journeys that have
    a touchpoint or stage of that id or ends with that outcome (the others are named in
    `warnings`); MeasureError when none has."""
    if spec is None:
        return {}
    found = {d.id: outcome_codes(d, spec.outcome) for d in designs}
    outcomes = {j: f[1] for j, f in found.items() if f is not None and f[1]}
    if not outcomes and not any(found.values()):
        from journeykit.loader.schema_errors import did_you_mean

        if spec.implied:
            raise MeasureError(
                f"--attribution without --outcome attributes the ends marked "
                f"`end: {spec.outcome}`, and no journey measured has one: name the "
                "touchpoint or stage to attribute with --outcome"
            )
        ids = sorted(
            {x for d in designs for x in (*d.touchpoints, *d.stages, *d.outcomes.values())}
        )
        hint = did_you_mean(spec.outcome, ids)
        raise MeasureError(
            f"--outcome: no journey measured has a touchpoint, stage or outcome {spec.outcome!r}"
            + (f" ({hint})" if hint else "")
        )
    for journey in sorted(set(found) - set(outcomes)):
        if found[journey]:
            what = "its stage {0!r} has no touchpoint"
        elif spec.implied:
            what = "no end is marked `end: {0}`"
        else:
            what = "no touchpoint, stage or outcome {0!r}"
        warnings.append(f"journey {journey!r}: {what.format(spec.outcome)}, so no attribution")
    return outcomes


def measure_journeys(
    v: ir.Table,
    designs: list[JourneyDesign],
    loose: UnmappedCounts,
    warnings: list[str],
    options: MeasureOptions,
    outcomes: dict[str, tuple[int, ...]],
) -> list[JourneyMeasure]:
    """Every journey at once from their visits (`stored_visits`): every metric a few
    grouped queries over them (compute.KEYS). `loose`: the rows no journey of the
    workspace claims, the log's figure and each segment's; `outcomes`: the journeys
    to attribute (`outcomes_of`)."""
    names = {d.id: d.codes for d in designs}
    grouped = fetch(v, names)
    spec = options.attribution
    half_life = int(spec.half_life.total_seconds()) if spec else 0
    credited = attribution_query.fetch(v, KEYS, outcomes, half_life, names)
    conversions = kpis.fetch_conversions(v, KEYS, designs)

    def measured_for(design: JourneyDesign, key: Key, unmapped: Unmapped) -> Metrics:
        found = metrics(grouped, key, design, unmapped)
        if design.kpis:
            found = replace(found, kpis=kpis.measured(design, key, found, conversions))
        if spec is None or design.id not in outcomes:
            return found
        return replace(found, attribution=attribution(credited, key, design, spec))

    measured = []
    for design in designs:
        everyone = measured_for(design, (design.id, 0, None), loose.of(None, every=True))
        values = [k[2] for k in grouped.totals if k[0] == design.id and k[1] == 1]
        segments = [
            measured_for(design, (design.id, 1, value), loose.of(value))
            for value in sorted(values, key=lambda s: (s is None, s or ""))
        ]
        if everyone.instances == 0:
            top = ", ".join(e.event for e in everyone.unmapped.top) or "none"
            warnings.append(
                f"journey {design.id!r}: no event maps to any of its touchpoints "
                f"(most common events: {top})"
            )
        measured.append(JourneyMeasure(design.id, design.title, everyone, segments))
    return measured


def _hint(event: str, names: list[str]) -> str | None:
    from journeykit.loader.schema_errors import did_you_mean

    if event in names:
        return "a touchpoint's `events` names it, but its `where` conditions do not hold"
    return did_you_mean(event, names)


class UnmappedCounts:
    """Rows that map to no touchpoint of any journey, by segment and event: one query,
    then the share and the most common names for everyone or any one segment."""

    def __init__(self, table: ir.Table, designs: list[JourneyDesign]) -> None:
        free = ~mapped_anywhere(table, designs)
        counted = table.group_by(["segment", "event"]).aggregate(
            n=table.count(), free=free.cast("int64").sum()
        )
        found = rows(counted)
        self._rows = [r for r in found if r["free"]]
        self._totals: dict[str | None, int] = {}
        for r in found:
            self._totals[r["segment"]] = self._totals.get(r["segment"], 0) + int(r["n"])
        self._names = sorted({n for d in designs for n in d.event_names()})

    def of(self, segment: str | None, *, every: bool = False) -> Unmapped:
        """Everyone's (every=True), or one segment's (None: rows without a segment)."""
        by_event: dict[str, int] = {}
        for r in self._rows:
            if every or r["segment"] == segment:
                by_event[r["event"]] = by_event.get(r["event"], 0) + int(r["free"])
        total = sum(self._totals.values()) if every else self._totals.get(segment, 0)
        free = sum(by_event.values())
        top = sorted(by_event.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_UNMAPPED]
        listed = [EventCount(e, n, _hint(e, self._names)) for e, n in top]
        return Unmapped(free, total, share(free, total), listed)
