"""KPIs measured from the log: the actual of every KPI whose `measure` says how.

- conversion: of the instances that visit `from` (a touchpoint, or any of a stage's),
  the share that visit `to` after their first visit there (within `within` of it);
- reach: the instances that visit the touchpoint or stage, of all instances;
- transition: of the instances that visit `from`, the share that move straight on to `to`;
- time_to_end: the median or p90 of the time from an instance's first event to its first
  arrival at the end (the same figure as the measurement's `time_to_end`).

Shares are percentages when the KPI's unit is `%`; times are given in the unit (s, min, h,
d; seconds for any other). Conversions take one engine query for all KPIs of all
journeys; the rest are read off the metrics already computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis.expr.types as ir

from journeykit.analysis.measurement import meets_target
from journeykit.measure.attribution import outcome_codes
from journeykit.measure.design import JourneyDesign
from journeykit.measure.fetch import rows
from journeykit.measure.paths import INSTANCE
from journeykit.measure.portable import whole
from journeykit.measure.result import MeasuredKpi, Metrics
from journeykit.measure.settings import parse_duration
from journeykit.model import Kpi

SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400}
Conversions = dict[tuple[Any, ...], tuple[int, int]]
"""(key..., kpi id) -> (instances at `from`, of them the ones that reached `to`)."""


def fetch_conversions(
    v: ir.Table, keys: Sequence[str], designs: Sequence[JourneyDesign]
) -> Conversions:
    """Every conversion KPI of every journey in one pass: a window over each instance
    gives its first visit to each KPI's `from`, one aggregate per instance whether it
    reached `to` after it, and one more the counts per key."""
    wanted = []
    for design in designs:
        for _, kpi in design.kpis:
            how = kpi.measure.conversion if kpi.measure else None
            if how is not None:
                begin, reach = outcome_codes(design, how.start), outcome_codes(design, how.to)
                if begin and reach and begin[1] and reach[1]:
                    wanted.append((design.id, kpi.id, begin[1], reach[1], _seconds(how.within)))
    if not wanted:
        return {}
    keys, inst = list(keys), [*list(keys), *INSTANCE]
    each = whole(inst)
    firsts: dict[str, ir.Value] = {}
    for i, (journey, _, codes, _, _) in enumerate(wanted):
        here = (v.journey == journey) & v.tp.isin(list(codes))
        firsts[f"f{i}"] = v.visit.min(where=here).over(each)
        firsts[f"s{i}"] = v.start.min(where=here).over(each)
    t = v.mutate(**firsts)
    per_instance: dict[str, ir.Value] = {}
    for i, (journey, _, _, goal, within) in enumerate(wanted):
        reached = (t.journey == journey) & t.tp.isin(list(goal)) & (t.visit > t[f"f{i}"])
        if within is not None:
            reached = reached & ((t.start - t[f"s{i}"]) <= within)
        per_instance[f"a{i}"] = t[f"f{i}"].notnull().cast("int64").max()
        per_instance[f"b{i}"] = reached.cast("int64").max()
    per = t.group_by(inst).aggregate(**per_instance)
    counted = per.group_by(keys).aggregate(**{name: per[name].sum() for name in per_instance})
    out: Conversions = {}
    for r in rows(counted):
        for i, (journey, kpi_id, *_) in enumerate(wanted):
            if r["journey"] == journey:
                key = tuple(r[k] for k in keys)
                out[(*key, kpi_id)] = (int(r[f"a{i}"] or 0), int(r[f"b{i}"] or 0))
    return out


def _seconds(duration: str | None) -> int | None:
    return None if duration is None else int(parse_duration(duration).total_seconds())


def measured(
    design: JourneyDesign, key: tuple[Any, ...], m: Metrics, conversions: Conversions
) -> tuple[MeasuredKpi, ...]:
    """The design's measured KPIs for one key, from its metrics and the conversions."""
    return tuple(_one(design, owner, kpi, key, m, conversions) for owner, kpi in design.kpis)


def _one(
    design: JourneyDesign,
    owner: str,
    kpi: Kpi,
    key: tuple[Any, ...],
    m: Metrics,
    conversions: Conversions,
) -> MeasuredKpi:
    how = kpi.measure
    assert how is not None  # design.kpis holds only KPIs with a measure
    counts: tuple[int, int] | None = None
    value: float | None = None
    if how.conversion is not None:
        kind = "conversion"
        found = conversions.get((*key, kpi.id), (0, 0))
        counts = (found[1], found[0])
    elif how.reach is not None:
        kind = "reach"
        counts = (_reached(design, how.reach, m), m.instances)
        value = float(counts[0])
    elif how.transition is not None:
        kind = "transition"
        a, b = how.transition.start, how.transition.to
        moved = next((t.instances for t in m.transitions if (t.source, t.target) == (a, b)), 0)
        at = next((t.instances for t in m.touchpoints if t.touchpoint == a), 0)
        counts = (moved, at)
    else:
        kind = "time_to_end"
        timed = how.time_to_end
        assert timed is not None  # KpiMeasure holds exactly one key
        time = next((e.time for e in m.time_to_end if e.touchpoint == timed.end), None)
        seconds = None
        if time is not None:
            seconds = time.median_seconds if timed.quantile == "median" else time.p90_seconds
        if seconds is not None:
            value = seconds / SECONDS.get(kpi.unit or "s", 1)
    if counts is not None and kind != "reach":
        share = counts[0] / counts[1] if counts[1] else None
        value = None if share is None else share * (100 if kpi.unit == "%" else 1)
    value = None if value is None else round(value, 6) + 0.0
    return MeasuredKpi(
        kpi=kpi.id,
        at=owner,
        measure=kind,
        value=value,
        numerator=counts[0] if counts else None,
        denominator=counts[1] if counts else None,
        unit=kpi.unit,
        target=kpi.target,
        typed_actual=kpi.actual,
        met=None if value is None else meets_target(kpi, value),
    )


def _reached(design: JourneyDesign, ref: str, m: Metrics) -> int:
    if ref in design.stages:
        return next((f.entered for f in m.funnel if f.stage == ref), 0)
    return next((t.instances for t in m.touchpoints if t.touchpoint == ref), 0)
