"""Path-shaped numbers: the funnel along the journey graph, time to each end, variants.

`fetch` runs their queries once for every group key (compute.KEYS); the functions after
it read one key's numbers out of the result."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir

from journeykit.measure.design import JourneyDesign, Names
from journeykit.measure.fetch import rows
from journeykit.measure.portable import ordered_path, whole
from journeykit.measure.quantile import NO_TIME, timings
from journeykit.measure.result import EndTiming, StageFunnel, Timing, Variant, rate

INSTANCE = ["customer_id", "inst"]
SEP = "\x1f"
Row = dict[str, Any]


@dataclass
class PathFacts:
    stages: dict[tuple[Any, ...], Row] = field(default_factory=dict)
    """(key..., stage index) -> entered, moved, ended."""
    ends: dict[tuple[Any, ...], Timing] = field(default_factory=dict)
    """(key..., end touchpoint) -> time from the instance's start to arriving there."""
    variants: dict[tuple[Any, ...], list[Row]] = field(default_factory=lambda: defaultdict(list))
    """key -> the most common paths (path, n, distinct: how many paths the key has)."""


def fetch(v: ir.Table, keys: Sequence[str], top: int, names: Names) -> PathFacts:
    facts = PathFacts()
    keys = list(keys)
    for r in rows(_funnel(v, keys)):
        facts.stages[(*(r[k] for k in keys), r["stage"])] = r
    at_end = v.filter(v.at_end)
    arrivals = at_end.group_by([*keys, *INSTANCE, "tp"]).aggregate(
        took=(at_end.start - at_end.inst_start).min()
    )
    journey = keys.index("journey")
    for (*key, tp), time in timings(arrivals, [*keys, "tp"], "took").items():
        facts.ends[(*key, names[key[journey]][tp])] = time
    # Codes written at one width (base + code) sort as the ids do (design.codes), so
    # ties at the cut of the top variants break as they would by name.
    base = 10 ** len(str(max(len(ids) for ids in names.values())))
    coded = v.mutate(__step=v.tp + base)
    walks = ordered_path(coded, "__step", [*keys, *INSTANCE], SEP, order_by=("visit",))
    counted = walks.group_by([*keys, "path"]).aggregate(n=walks.count())
    ranked = ibis.window(group_by=keys, order_by=[ibis.desc("n"), "path"])
    counted = counted.mutate(
        rank=ibis.row_number().over(ranked), distinct=counted.count().over(whole(keys))
    )
    for r in rows(counted.filter(counted["rank"] < top)):
        ids = names[r["journey"]]
        r["path"] = SEP.join(ids[int(step) - base] for step in r["path"].split(SEP))
        facts.variants[tuple(r[k] for k in keys)].append(r)
    return facts


def _funnel(v: ir.Table, keys: list[str]) -> ir.Table:
    """Per stage: instances that entered it; of those, the ones that later reached a later
    stage (moved on), stopped at a designed end without moving on (ended), or neither
    (dropped). Back-steps and skipped stages need no special case: only order counts."""
    inst = [*keys, *INSTANCE]
    stop_ok = (v.at_end & (v.visit == v.n)).cast("int64")
    per = v.group_by([*inst, "stage"]).aggregate(
        first=v.visit.min(), last=v.visit.max(), stop_ok=stop_ok.max()
    )
    later = ibis.window(group_by=inst, order_by=ibis.desc("stage"), rows=(None, -1))
    # A window, not a join with the instance's last visit: the keys hold a null segment
    # (everyone's scope), and null never equals null in a join.
    per = per.mutate(
        later_last=per["last"].max().over(later),
        end_ok=per.stop_ok.max().over(whole(inst)) == 1,
    )
    moved = per.later_last.notnull() & (per.later_last > per["first"])
    return per.group_by([*keys, "stage"]).aggregate(
        entered=per.count(),
        moved=moved.cast("int64").sum(),
        ended=(~moved & per.end_ok).cast("int64").sum(),
    )


def funnel(facts: PathFacts, key: tuple[Any, ...], design: JourneyDesign) -> list[StageFunnel]:
    out = []
    for index, stage in enumerate(design.stages):
        r = facts.stages.get((*key, index), {})
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


def time_to_end(facts: PathFacts, key: tuple[Any, ...], design: JourneyDesign) -> list[EndTiming]:
    """Seconds from the instance's first event to its first arrival at each designed end."""
    return [
        EndTiming(tp, facts.ends.get((*key, tp), NO_TIME), design.outcomes.get(tp))
        for tp in design.touchpoints
        if tp in design.ends
    ]


def variants(facts: PathFacts, key: tuple[Any, ...], instances: int) -> tuple[list[Variant], int]:
    """The most common paths (touchpoints visited, in order) and how many differ."""
    best = sorted(facts.variants.get(key, []), key=lambda r: (-int(r["n"]), r["path"]))
    distinct = int(best[0]["distinct"]) if best else 0
    return [
        Variant(r["path"].split(SEP), int(r["n"]), rate(int(r["n"]), instances)) for r in best
    ], distinct
