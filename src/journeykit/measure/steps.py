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

ORDER = ("us", "seq")
INSTANCE = ("customer_id", "inst")
_UP_TO_HERE = (None, 0)
_ALL = (None, None)


def visits(mapped: ir.Table, design: JourneyDesign, split_after: timedelta | None) -> ir.Table:
    """One row per visit: customer_id, inst, visit (from 1), tp (its code), stage, start, end (epoch
    seconds), events, segment (the instance's first), prev_tp, prev_stage,
    prev_end, n (visits in the instance), inst_start, designed (the move into this visit
    is designed; the first visit: it is an entry), at_end (tp is a designed end).

    Two sorts: the instance's events in log order say where each visit starts (the tp
    changes) and where the previous one ended (the event before); the starts alone, in
    that order, then give each visit its number, its length and its neighbours."""
    # Only what the visits need goes through the sorts (not the log's other columns).
    t = mapped.filter(mapped.tp.notnull()).select(
        "customer_id", "tp", "stage", "seq", "segment", us=epoch_us(mapped.ts)
    )
    t = _instances(t.mutate(sec=t.us // 1_000_000), split_after)
    logged = ibis.window(group_by=list(INSTANCE), order_by=list(ORDER))
    whole = ibis.window(group_by=list(INSTANCE), order_by=list(ORDER), rows=_ALL)
    t = t.mutate(
        before=t.tp.lag().over(logged),
        before_sec=t.sec.lag().over(logged),
        pos=ibis.row_number().over(logged),
        size=t.count().over(whole),
        last_sec=t.sec.max().over(whole),
        first_sec=t.sec.min().over(whole),
        iseg=t.segment.first().over(whole),
    )
    starts = t.filter(t.before.isnull() | (t.before != t.tp))
    ordered = ibis.window(group_by=list(INSTANCE), order_by="pos")
    every = ibis.window(group_by=list(INSTANCE), order_by="pos", rows=_ALL)
    v = starts.mutate(
        visit=ibis.row_number().over(ordered) + 1,
        next_pos=starts.pos.lead().over(ordered),
        next_before_sec=starts.before_sec.lead().over(ordered),
        prev_tp=starts.tp.lag().over(ordered),
        prev_stage=starts.stage.lag().over(ordered),
        n=starts.count().over(every),
    )
    v = v.select(
        "customer_id",
        "inst",
        "visit",
        "tp",
        "stage",
        start=v.sec,
        end=v.next_before_sec.fill_null(v.last_sec),
        events=v.next_pos.fill_null(v.size) - v.pos,
        segment=v.iseg,
        prev_tp=v.prev_tp,
        prev_stage=v.prev_stage,
        prev_end=v.before_sec,
        n=v.n,
        inst_start=v.first_sec,
    )
    return _link(v, design)


def _instances(t: ir.Table, split_after: timedelta | None) -> ir.Table:
    """`t` with `inst`: each customer's instance number, a new one after a gap."""
    if split_after is None:  # one instance per customer: two window sorts fewer
        return t.mutate(inst=ibis.literal(1, "int64"))
    by_customer = ibis.window(group_by="customer_id", order_by=list(ORDER))
    t = t.mutate(prev_sec=t.sec.lag().over(by_customer))
    new = t.prev_sec.isnull() | ((t.sec - t.prev_sec) > int(split_after.total_seconds()))
    running = ibis.window(group_by="customer_id", order_by=list(ORDER), rows=_UP_TO_HERE)
    return t.mutate(inst=new.cast("int64").sum().over(running))


def _link(v: ir.Table, design: JourneyDesign) -> ir.Table:
    code, n = design.code_of, len(design.codes)
    keys = sorted(code[a] * n + code[b] for a, b in design.transitions)
    entry = v.tp.isin(sorted(code[tp] for tp in design.entries))
    moved = (v.prev_tp * n + v.tp).isin(keys) if keys else ibis.literal(False)
    ends = sorted(code[tp] for tp in design.ends)
    return v.mutate(
        designed=ibis.ifelse(v.visit == 1, entry, moved),
        at_end=v.tp.isin(ends) if ends else ibis.literal(False),
    )
