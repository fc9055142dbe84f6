"""From mapped events to visits: journey instances, and the visits that make their paths.

An instance is one customer's events of the journey, ordered by (ts, seq), split where
more than `split_after` passes between two of them. A visit is a run of consecutive
events at the same touchpoint; a move goes from one visit to the next. Windows that
aggregate all carry an explicit frame (engines disagree on the default).
"""

from __future__ import annotations

from datetime import timedelta

import ibis
import ibis.expr.types as ir

from journeykit.measure.design import JourneyDesign
from journeykit.measure.portable import epoch_us

ORDER = ("ts", "seq")
INSTANCE = ("customer_id", "inst")
_UP_TO_HERE = (None, 0)
_ALL = (None, None)


def visits(mapped: ir.Table, design: JourneyDesign, split_after: timedelta | None) -> ir.Table:
    """One row per visit: customer_id, inst, visit (from 1), tp, stage, start, end (epoch
    seconds), events, segment (the instance's first), prev_tp, prev_stage, prev_end, n
    (visits in the instance), rev (earlier visits to the same touchpoint), inst_start,
    designed (the move into this visit is designed; the first visit: it is an entry)."""
    t = mapped.filter(mapped.tp.notnull()).mutate(sec=epoch_us(mapped.ts) // 1_000_000)
    if split_after is None:  # one instance per customer: two window sorts fewer
        t = t.mutate(inst=ibis.literal(1, "int64"))
    else:
        by_customer = ibis.window(group_by="customer_id", order_by=list(ORDER))
        t = t.mutate(prev_sec=t.sec.lag().over(by_customer))
        new = t.prev_sec.isnull() | ((t.sec - t.prev_sec) > int(split_after.total_seconds()))
        running = ibis.window(group_by="customer_id", order_by=list(ORDER), rows=_UP_TO_HERE)
        t = t.mutate(inst=new.cast("int64").sum().over(running))
    in_instance = ibis.window(group_by=list(INSTANCE), order_by=list(ORDER))
    whole = ibis.window(group_by=list(INSTANCE), order_by=list(ORDER), rows=_ALL)
    t = t.mutate(before=t.tp.lag().over(in_instance), iseg=t.segment.first().over(whole))
    changed = (t.before.isnull() | (t.before != t.tp)).cast("int64")
    t = t.mutate(
        visit=changed.sum().over(
            ibis.window(group_by=list(INSTANCE), order_by=list(ORDER), rows=_UP_TO_HERE)
        )
    )
    v = t.group_by([*INSTANCE, "visit"]).aggregate(
        tp=t.tp.max(),
        stage=t.stage.max(),
        start=t.sec.min(),
        end=t.sec.max(),
        events=t.count(),
        first_seq=t.seq.min(),
        segment=t.iseg.max(),
    )
    return _link(v, design)


def _link(v: ir.Table, design: JourneyDesign) -> ir.Table:
    ordered = ibis.window(group_by=list(INSTANCE), order_by="visit")
    whole = ibis.window(group_by=list(INSTANCE), order_by="visit", rows=_ALL)
    same_tp = ibis.window(group_by=[*INSTANCE, "tp"], order_by="visit")
    v = v.mutate(
        prev_tp=v.tp.lag().over(ordered),
        prev_stage=v.stage.lag().over(ordered),
        prev_end=v.end.lag().over(ordered),
        n=v.visit.max().over(whole),
        rev=ibis.row_number().over(same_tp),
        inst_start=v.start.min().over(whole),
    )
    keys = [f"{a}\x1f{b}" for a, b in sorted(design.transitions)]
    pair = v.prev_tp.concat("\x1f", v.tp)
    entry = v.tp.isin(sorted(design.entries))
    moved = pair.isin(keys) if keys else ibis.literal(False)
    return v.mutate(
        designed=ibis.ifelse(v.visit == 1, entry, moved),
        at_end=v.tp.isin(sorted(design.ends)) if design.ends else ibis.literal(False),
    )
