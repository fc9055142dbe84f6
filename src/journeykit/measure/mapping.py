"""Events to touchpoints: an event equal to a touchpoint's id, or its `events` matchers.

The touchpoints are tried in file order and the first that matches wins, so one event
maps to at most one touchpoint of a journey.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from journeykit.measure.design import JourneyDesign, Matcher
from journeykit.measure.errors import MeasureError


def with_touchpoint(table: ir.Table, design: JourneyDesign) -> ir.Table:
    """`table` with `tp` (the touchpoint's code, `design.code_of`; null when the event
    maps to none) and `stage` (the index of its stage in the journey)."""
    branches: list[tuple[ir.BooleanValue, int]] = []
    for tp in design.touchpoints:
        conditions = [_condition(table, m, design.id, tp) for m in design.matchers[tp]]
        if conditions:
            branches.append((ibis.or_(*conditions), design.code_of[tp]))
    if not branches:
        return table.mutate(tp=ibis.null("int64"), stage=ibis.null("int64"))
    tp_col = ibis.cases(*branches, else_=ibis.null("int64")).cast("int64")
    stage = ibis.cases(
        *[(tp_col == design.code_of[tp], design.stage_of[tp]) for tp in design.touchpoints],
        else_=ibis.null("int64"),
    )
    return table.mutate(tp=tp_col, stage=stage.cast("int64"))


def _condition(table: ir.Table, matcher: Matcher, journey: str, tp: str) -> ir.BooleanValue:
    test = table.event == matcher.name
    for column, values in matcher.where:
        if column not in table.columns:
            from journeykit.loader.schema_errors import did_you_mean

            hint = did_you_mean(column, table.columns)
            raise MeasureError(
                f"journey {journey!r}, touchpoint {tp!r}: the event log has no column "
                f"{column!r} for `where`" + (f" ({hint})" if hint else "")
            )
        test = test & table[column].cast("string").isin(list(values))
    return test


def mapped_anywhere(table: ir.Table, designs: list[JourneyDesign]) -> ir.BooleanValue:
    """Whether a row maps to some touchpoint of any of `designs` (the workspace's)."""
    conditions = [
        _condition(table, m, d.id, tp)
        for d in designs
        for tp in d.touchpoints
        for m in d.matchers[tp]
    ]
    return ibis.or_(*conditions) if conditions else ibis.literal(False)
