"""Every number of every journey from one visits table (see steps.py), as ibis aggregates.

The table holds the visits of all the journeys measured, each once for everyone
(scope 0) and once more for its segment (scope 1) when the log has one; every query
groups by KEYS, so a measurement takes a fixed number of queries whatever the number
of journeys and segments. Only aggregates come back to Python; the rates are made from
them in result.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from journeykit.measure import paths
from journeykit.measure.design import JourneyDesign, Names, named
from journeykit.measure.fetch import rows
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

KEYS = ["journey", "scope", "segment"]
"""journey id; scope 0 = everyone (segment null), 1 = one segment's instances."""
Key = tuple[str, int, str | None]
VARIANTS = 10


def key_of(row: dict[str, Any]) -> Key:
    return (row["journey"], int(row["scope"]), row["segment"])


@dataclass
class Grouped:
    """The aggregates of every key, fetched once (a few queries in all)."""

    totals: dict[Key, dict[str, Any]] = field(default_factory=dict)
    fits: dict[Key, dict[str, Any]] = field(default_factory=dict)
    touchpoints: dict[Key, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    transitions: dict[Key, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    times: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    starts: dict[Key, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    stops: dict[Key, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    paths: paths.PathFacts = field(default_factory=paths.PathFacts)


def fetch(v: ir.Table, names: Names) -> Grouped:
    g = Grouped()
    g.totals = _totals(v)
    _per_touchpoint(v, g, names)
    _moves(v, g, names)
    _places_of(v, g, names)
    g.paths = paths.fetch(v, KEYS, VARIANTS, names)
    return g


def _totals(v: ir.Table) -> dict[Key, dict[str, Any]]:
    totals = v.group_by(KEYS).aggregate(
        customers=v.customer_id.nunique(),
        instances=(v.visit == 1).sum(),
        events=v.events.sum(),
        moves=(v.visit > 1).sum(),
        undesigned=((v.visit > 1) & ~v.designed).sum(),
        back=((v.visit > 1) & (v.stage < v.prev_stage)).sum(),
    )
    return {key_of(r): r for r in rows(totals)}


def _per_touchpoint(v: ir.Table, g: Grouped, names: Names) -> None:
    """Fitness, loops and the touchpoint counts, from one row per instance and touchpoint.

    A hash aggregate gives revisits and loops without numbering each touchpoint's
    visits (a sort of every visit); the table is cached for the two queries on it and
    released after them.
    """
    grouped = v.group_by([*KEYS, *paths.INSTANCE, "tp"]).aggregate(
        visits=v.count(), events=v.events.sum(), ok=v.designed.min()
    )
    with grouped.cache() as at_tp:
        per = at_tp.group_by([*KEYS, *paths.INSTANCE]).aggregate(
            ok=at_tp.ok.min(), loop=(at_tp.visits > 1).max()
        )
        fits = per.group_by(KEYS).aggregate(
            fit=per.ok.cast("int64").sum(), loops=per.loop.cast("int64").sum()
        )
        g.fits = {key_of(r): r for r in rows(fits)}
        tps = at_tp.group_by([*KEYS, "tp"]).aggregate(
            customers=at_tp.customer_id.nunique(),
            instances=at_tp.count(),
            visits=at_tp.visits.sum(),
            events=at_tp.events.sum(),
        )
        for r in named(rows(tps), names, "tp"):
            g.touchpoints[key_of(r)].append(r)


def _moves(v: ir.Table, g: Grouped, names: Names) -> None:
    """Every observed transition: moves, instances that made it, and the time it took."""
    moves = v.filter(v.visit > 1).mutate(gap=v.start - v.prev_end)
    pair = [*KEYS, "prev_tp", "tp"]
    each = moves.group_by([*pair, *paths.INSTANCE]).aggregate(c=moves.count())
    counted = each.group_by(pair).aggregate(count=each.c.sum(), n=each.count())
    for r in named(rows(counted), names, "prev_tp", "tp"):
        g.transitions[key_of(r)].append(r)
    for (journey, *key, a, b), time in timings(moves, pair, "gap").items():
        ids = names[journey]
        g.times[(journey, *key, ids[a], ids[b])] = time


def _places_of(v: ir.Table, g: Grouped, names: Names) -> None:
    """Where instances start, and where (after what) they stop."""
    firsts = v.filter(v.visit == 1)
    for r in named(rows(firsts.group_by([*KEYS, "tp"]).aggregate(n=firsts.count())), names, "tp"):
        g.starts[key_of(r)].append(r)
    lasts = v.filter(v.visit == v.n)
    stops = lasts.group_by([*KEYS, "tp", "prev_tp"]).aggregate(n=lasts.count())
    for r in named(rows(stops), names, "tp", "prev_tp"):
        g.stops[key_of(r)].append(r)


def metrics(g: Grouped, key: Key, design: JourneyDesign, unmapped: Unmapped) -> Metrics:
    totals, per = g.totals.get(key, {}), g.fits.get(key, {})
    instances, moves = int(totals.get("instances") or 0), int(totals.get("moves") or 0)
    stats = _touchpoints(g.touchpoints.get(key, []), design)
    seen = {s.touchpoint for s in stats}
    transitions = _transitions(g, key, design)
    entries, exits, drop_outs = _places(g, key, design, instances)
    variants, distinct = paths.variants(g.paths, key, instances)
    return Metrics(
        segment=key[2],
        customers=int(totals.get("customers") or 0),
        instances=instances,
        events=int(totals.get("events") or 0),
        unmapped=unmapped,
        touchpoints=stats,
        never_observed=[tp for tp in design.touchpoints if tp not in seen],
        transitions=transitions,
        jumps=[t for t in transitions if not t.designed],
        unexplained_movement=Ratio.of(int(totals.get("undesigned") or 0), moves),
        fitness=Ratio.of(int(per.get("fit") or 0), instances),
        entries=entries,
        exits=exits,
        drop_outs=drop_outs,
        funnel=paths.funnel(g.paths, key, design),
        time_to_end=paths.time_to_end(g.paths, key, design),
        variants=variants,
        distinct_variants=distinct,
        loops=Ratio.of(int(per.get("loops") or 0), instances),
        back_steps=Ratio.of(int(totals.get("back") or 0), moves),
    )


def _touchpoints(found_rows: list[dict[str, Any]], design: JourneyDesign) -> list[TouchpointStat]:
    """Observed touchpoints in design order."""
    found = {r["tp"]: r for r in found_rows}
    out = []
    for tp in design.touchpoints:
        if tp in found:
            r = found[tp]
            index = design.stage_of[tp]
            stage = design.stages[index] if index < len(design.stages) else None
            n = {k: int(r[k]) for k in ("customers", "instances", "visits", "events")}
            # Every visit after an instance's first to the touchpoint is a revisit.
            revisits = n["visits"] - n["instances"]
            out.append(TouchpointStat(tp, stage, **n, revisits=revisits))
    return out


def _transitions(g: Grouped, key: Key, design: JourneyDesign) -> list[TransitionStat]:
    """Every observed move, by count (most first), then source and target."""
    out = []
    for r in g.transitions.get(key, []):
        a, b = r["prev_tp"], r["tp"]
        back = design.stage_of.get(b, 0) < design.stage_of.get(a, 0)
        designed = (a, b) in design.transitions
        time = g.times.get((*key, a, b), NO_TIME)
        out.append(TransitionStat(a, b, designed, back, int(r["count"]), int(r["n"]), time))
    return sorted(out, key=lambda t: (-t.count, t.source, t.target))


def _places(
    g: Grouped, key: Key, design: JourneyDesign, instances: int
) -> tuple[list[PlaceCount], list[PlaceCount], list[DropOut]]:
    """Where instances start and stop, and the stops away from a designed end."""
    starts, stops = g.starts.get(key, []), g.stops.get(key, [])
    entries = [
        PlaceCount(r["tp"], r["tp"] in design.entries, int(r["n"]), rate(int(r["n"]), instances))
        for r in starts
    ]
    by_exit: dict[str, int] = {}
    for r in stops:
        by_exit[r["tp"]] = by_exit.get(r["tp"], 0) + int(r["n"])
    exits = [
        PlaceCount(tp, tp in design.ends, n, rate(n, instances), design.outcomes.get(tp))
        for tp, n in by_exit.items()
    ]
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
