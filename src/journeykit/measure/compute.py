"""Every number of one journey from its visits table (see steps.py), as ibis aggregates.

Only aggregates come back to Python; the rates are made from them in result.py.
"""

from __future__ import annotations

import ibis.expr.types as ir

from journeykit.measure import paths
from journeykit.measure.design import JourneyDesign
from journeykit.measure.fetch import one, rows
from journeykit.measure.quantile import NO_TIME, timings
from journeykit.measure.result import (
    DropOut,
    Metrics,
    PlaceCount,
    Ratio,
    TouchpointStat,
    TransitionStat,
    Unmapped,
    rate,
)

VARIANTS = 10


def metrics(v: ir.Table, design: JourneyDesign, unmapped: Unmapped, segment: str | None) -> Metrics:
    totals = one(
        v.aggregate(
            customers=v.customer_id.nunique(),
            instances=(v.visit == 1).sum(),
            events=v.events.sum(),
            moves=(v.visit > 1).sum(),
            undesigned=((v.visit > 1) & ~v.designed).sum(),
            back=((v.visit > 1) & (v.stage < v.prev_stage)).sum(),
        )
    )
    instances, moves = int(totals["instances"] or 0), int(totals["moves"] or 0)
    fits = v.group_by(["customer_id", "inst"]).aggregate(
        ok=v.designed.min(), loop=(v.rev > 0).max()
    )
    per = one(fits.aggregate(fit=fits.ok.cast("int64").sum(), loops=fits.loop.cast("int64").sum()))
    stats = touchpoints(v, design)
    seen = {s.touchpoint for s in stats}
    transitions = _transitions(v, design)
    entries, exits, drop_outs = places(v, design, instances)
    variants, distinct = paths.variants(v, instances, VARIANTS)
    return Metrics(
        segment=segment,
        customers=int(totals["customers"] or 0),
        instances=instances,
        events=int(totals["events"] or 0),
        unmapped=unmapped,
        touchpoints=stats,
        never_observed=[tp for tp in design.touchpoints if tp not in seen],
        transitions=transitions,
        jumps=[t for t in transitions if not t.designed],
        unexplained_movement=Ratio.of(int(totals["undesigned"] or 0), moves),
        fitness=Ratio.of(int(per.get("fit") or 0), instances),
        entries=entries,
        exits=exits,
        drop_outs=drop_outs,
        funnel=paths.funnel(v, design),
        time_to_end=paths.time_to_end(v, design),
        variants=variants,
        distinct_variants=distinct,
        loops=Ratio.of(int(per.get("loops") or 0), instances),
        back_steps=Ratio.of(int(totals["back"] or 0), moves),
    )


def touchpoints(v: ir.Table, design: JourneyDesign) -> list[TouchpointStat]:
    """Observed touchpoints in design order."""
    agg = v.group_by("tp").aggregate(
        customers=v.customer_id.nunique(),
        instances=(v.rev == 0).sum(),
        visits=v.count(),
        events=v.events.sum(),
        revisits=(v.rev > 0).sum(),
    )
    found = {r["tp"]: r for r in rows(agg)}
    out = []
    for tp in design.touchpoints:
        if tp in found:
            r = found[tp]
            index = design.stage_of[tp]
            stage = design.stages[index] if index < len(design.stages) else None
            n = {k: int(r[k]) for k in ("customers", "instances", "visits", "events", "revisits")}
            out.append(TouchpointStat(tp, stage, **n))
    return out


def _transitions(v: ir.Table, design: JourneyDesign) -> list[TransitionStat]:
    """Every observed move, by count (most first), then source and target."""
    moves = v.filter(v.visit > 1).mutate(gap=v.start - v.prev_end)
    agg = moves.group_by(["prev_tp", "tp"]).aggregate(count=moves.count())
    inst = moves.select("prev_tp", "tp", "customer_id", "inst").distinct()
    counted = rows(inst.group_by(["prev_tp", "tp"]).aggregate(n=inst.count()))
    per_inst = {(r["prev_tp"], r["tp"]): int(r["n"]) for r in counted}
    times = timings(moves, ["prev_tp", "tp"], "gap")
    out = []
    for r in rows(agg):
        a, b = r["prev_tp"], r["tp"]
        back = design.stage_of.get(b, 0) < design.stage_of.get(a, 0)
        designed = (a, b) in design.transitions
        count, reached = int(r["count"]), per_inst.get((a, b), 0)
        out.append(TransitionStat(a, b, designed, back, count, reached, times.get((a, b), NO_TIME)))
    return sorted(out, key=lambda t: (-t.count, t.source, t.target))


def places(
    v: ir.Table, design: JourneyDesign, instances: int
) -> tuple[list[PlaceCount], list[PlaceCount], list[DropOut]]:
    """Where instances start and stop, and the stops away from a designed end."""
    firsts = v.filter(v.visit == 1)
    starts = rows(firsts.group_by("tp").aggregate(n=firsts.count()))
    lasts = v.filter(v.visit == v.n)
    stops = rows(lasts.group_by(["tp", "prev_tp"]).aggregate(n=lasts.count()))
    entries = [
        PlaceCount(r["tp"], r["tp"] in design.entries, int(r["n"]), rate(int(r["n"]), instances))
        for r in starts
    ]
    by_exit: dict[str, int] = {}
    for r in stops:
        by_exit[r["tp"]] = by_exit.get(r["tp"], 0) + int(r["n"])
    exits = [PlaceCount(tp, tp in design.ends, n, rate(n, instances)) for tp, n in by_exit.items()]
    drops = [
        DropOut(r["tp"], r["prev_tp"], int(r["n"])) for r in stops if r["tp"] not in design.ends
    ]
    order = {tp: i for i, tp in enumerate(design.touchpoints)}

    def ranked(p: PlaceCount) -> tuple[int, int]:
        return (-p.instances, order.get(p.touchpoint, 0))

    return (
        sorted(entries, key=ranked),
        sorted(exits, key=ranked),
        sorted(drops, key=lambda d: (-d.instances, d.touchpoint, d.previous or "")),
    )
