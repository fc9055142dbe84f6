"""Exact nearest-rank quantiles per group, the same on every engine.

For n sorted values x[1..n], the q-quantile is x[k] with k = ceil(q * n): the median is
x[ceil(n / 2)] (the lower middle value for even n), p90 is x[ceil(0.9 * n)]. Computed with
row_number and count over sorted windows, in integer arithmetic, never approximated.
DuckDB's `quantile_disc` is that definition too (the smallest value whose cumulative
share reaches q; tests/measure/test_quantile.py holds it to `nearest_rank`), so there one
aggregate replaces the two windows and the sort of every gap they need. Spark's
`percentile_disc` takes only the WITHIN GROUP form ibis cannot write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from journeykit.measure.fetch import rows
from journeykit.measure.portable import engine_of
from journeykit.measure.result import Timing


def nearest_rank(values: Sequence[int], num: int, den: int) -> int | None:
    """The plain-Python definition (the reference the tests hold the engines to)."""
    if not values:
        return None
    ordered = sorted(values)
    k = (num * len(ordered) + den - 1) // den
    return ordered[max(k, 1) - 1]


def timings(table: ir.Table, keys: Sequence[str], value: str) -> dict[tuple[Any, ...], Timing]:
    """Group key -> count, median and p90 of `value` (whole seconds) in each group."""
    t = table.filter(table[value].notnull())
    if engine_of(t) == "duckdb":
        agg = t.group_by(list(keys)).aggregate(
            count=t.count(),
            median=_quantile_disc(t[value], 0.5),
            p90=_quantile_disc(t[value], 0.9),
        )
    else:
        agg = _by_windows(t, keys, value)
    out: dict[tuple[Any, ...], Timing] = {}
    for row in rows(agg):
        key = tuple(row[k] for k in keys)
        out[key] = Timing(int(row["count"]), _int(row["median"]), _int(row["p90"]))
    return out


@ibis.udf.agg.builtin(name="quantile_disc", signature=((dt.int64, dt.float64), dt.int64))  # type: ignore[untyped-decorator]
def _quantile_disc(value: object, q: object) -> object:
    """DuckDB's quantile_disc(value, q)."""


def _by_windows(t: ir.Table, keys: Sequence[str], value: str) -> ir.Table:
    ranked = ibis.window(group_by=list(keys), order_by=value)
    whole = ibis.window(group_by=list(keys), rows=(None, None))
    t = t.mutate(rn=ibis.row_number().over(ranked) + 1, cnt=t.count().over(whole))
    k50 = ((t.cnt + 1) // 2).cast("int64")
    k90 = ((t.cnt * 9 + 9) // 10).cast("int64")
    return t.group_by(list(keys)).aggregate(
        count=t.cnt.max(),
        median=t[value].max(where=t.rn == k50),
        p90=t[value].max(where=t.rn == k90),
    )


def _int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


NO_TIME = Timing(0, None, None)
