"""Path-shaped numbers: the funnel along the journey graph, time to each end, variants."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from journeykit.measure.design import JourneyDesign
from journeykit.measure.fetch import rows, scalar
from journeykit.measure.quantile import NO_TIME, timings
from journeykit.measure.result import EndTiming, StageFunnel, Variant, rate

INSTANCE = ["customer_id", "inst"]
SEP = "\x1f"


def funnel(v: ir.Table, design: JourneyDesign) -> list[StageFunnel]:
    """Per stage: instances that entered it; of those, the ones that later reached a later
    stage (moved on), stopped at a designed end without moving on (ended), or neither
    (dropped). Back-steps and skipped stages need no special case: only order counts."""
    per = v.group_by([*INSTANCE, "stage"]).aggregate(first=v.visit.min())
    last_of = v.group_by([*INSTANCE, "stage"]).aggregate(last=v.visit.max())
    per = per.join(last_of, [*INSTANCE, "stage"])
    later = ibis.window(group_by=INSTANCE, order_by=ibis.desc("stage"), rows=(None, -1))
    per = per.mutate(later_last=per["last"].max().over(later))
    stops = v.filter(v.visit == v.n).select(*INSTANCE, end_ok=v.at_end)
    per = per.join(stops, INSTANCE)
    moved = per.later_last.notnull() & (per.later_last > per["first"])
    agg = per.group_by("stage").aggregate(
        entered=per.count(),
        moved=moved.cast("int64").sum(),
        ended=(~moved & per.end_ok).cast("int64").sum(),
    )
    found = {r["stage"]: r for r in rows(agg)}
    out = []
    for index, stage in enumerate(design.stages):
        r = found.get(index, {})
        entered, moved_n, ended = (int(r.get(k) or 0) for k in ("entered", "moved", "ended"))
        dropped = entered - moved_n - ended
        out.append(
            StageFunnel(
                stage,
                entered,
                moved_n,
                ended,
                dropped,
                rate(moved_n, entered),
                rate(dropped, entered),
            )
        )
    return out


def time_to_end(v: ir.Table, design: JourneyDesign) -> list[EndTiming]:
    """Seconds from the instance's first event to its first arrival at each designed end."""
    arrivals = v.filter(v.at_end & (v.rev == 0)).mutate(took=v.start - v.inst_start)
    times = timings(arrivals, ["tp"], "took")
    return [
        EndTiming(tp, times.get((tp,), NO_TIME)) for tp in design.touchpoints if tp in design.ends
    ]


def variants(v: ir.Table, instances: int, top: int) -> tuple[list[Variant], int]:
    """The `top` most common paths (touchpoints visited, in order) and how many differ."""
    walks = v.group_by(INSTANCE).aggregate(path=v.tp.collect(order_by=v.visit).join(SEP))
    counted = walks.group_by("path").aggregate(n=walks.count())
    distinct = int(scalar(counted.count()))
    best = rows(counted.order_by([ibis.desc("n"), "path"]).limit(top))
    return [
        Variant(r["path"].split(SEP), int(r["n"]), rate(int(r["n"]), instances)) for r in best
    ], distinct
