"""ibis expressions that give the same answer on DuckDB and on Spark.

Each helper handles one place where the two engines differ when the expression is
written the obvious way (docs/measure-engines.md, "Pitfalls", lists them with the test
that shows each). The rules they share:

- Log order is (`ts`, `seq`): `seq` is the row's position in the file (readers.py), so
  events at the same instant keep the order the log has them in, on both engines.
- Every window has an explicit frame: one with only `order_by` is cumulative (RANGE ...
  CURRENT ROW, peers included) on Spark, and ibis gives DuckDB a different default.
- Instants are compared as integer microseconds since the epoch, never as intervals or
  float seconds.
- Percentiles are discrete (nearest rank), never interpolated, never approximate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from fractions import Fraction
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

LOG_ORDER = ("ts", "seq")
"""The order of a customer's events: instant, then position in the log."""

UTC = dt.Timestamp(timezone="UTC")

OFFSET = r"(Z|z|[+-]\d\d(:?\d\d)?)$"
"""A timestamp string that names its offset ("Z", "+02:00", "+0200", "-05")."""

AWARE = r"\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?\s*" + OFFSET
"""A time followed by an offset: OFFSET alone also fits a date's day ("2024-05-01")."""


def engine_of(value: ir.Expr) -> str:
    """The name of the backend `value` is bound to ("duckdb", "pyspark")."""
    backend = value._find_backend(use_default=False)
    return str(backend.name)


def _one(a0: Any) -> None: ...
def _two(a0: Any, a1: Any) -> None: ...


def _builtin(name: str, args: tuple[Any, ...], result: Any) -> Any:
    """An engine's own SQL function, called by name (ibis passes it through as is); the
    stub gives only the number of arguments."""
    stub = _one if len(args) == 1 else _two
    return ibis.udf.scalar.builtin(stub, name=name, signature=(args, result))


# Microseconds since the epoch of an instant.
_duckdb_epoch_us = _builtin("epoch_us", (UTC,), dt.int64)
_spark_epoch_us = _builtin("unix_micros", (UTC,), dt.int64)


def epoch_us(ts: ir.TimestampValue) -> ir.IntegerValue:
    """Microseconds since 1970-01-01T00:00Z, exact. ibis's `epoch_seconds` is `epoch()`
    on DuckDB (a float with the fraction) and `unix_timestamp` on Spark (truncated)."""
    if engine_of(ts) == "pyspark":
        return _spark_epoch_us(ts)
    return _duckdb_epoch_us(ts)


def whole(group_by: Sequence[str | ir.Value]) -> ibis.expr.builders.LegacyWindowBuilder:
    """Every row of the group: a frame for counts and totals over a group."""
    return ibis.window(group_by=list(group_by), rows=(None, None))


def in_log_order(
    group_by: Sequence[str | ir.Value], order_by: Sequence[str] = LOG_ORDER
) -> ibis.expr.builders.LegacyWindowBuilder:
    """The group's rows in log order, frame from its first row to the current one (ROWS,
    so rows with equal keys are not peers). Also right for lag, lead and row_number,
    which ignore the frame on both engines."""
    return ibis.window(group_by=list(group_by), order_by=list(order_by), rows=(None, 0))


def previous(value: ir.Column, group_by: Sequence[str]) -> ir.Column:
    """`value` of the customer's event before this one in log order (null for the first)."""
    return value.lag().over(in_log_order(group_by))


def following(value: ir.Column, group_by: Sequence[str]) -> ir.Column:
    """`value` of the customer's next event in log order (null for the last)."""
    return value.lead().over(in_log_order(group_by))


def running_sum(value: ir.NumericColumn, group_by: Sequence[str]) -> ir.IntegerColumn:
    """The sum of `value` over the group's rows up to and including this one, in log
    order. Spark's default frame here would be RANGE: rows tied in (ts, seq) summed at
    once; seq makes ties impossible, and the ROWS frame says so."""
    total = value.sum().over(in_log_order(group_by))
    return total.cast("int64")


def sessions(
    table: ir.Table, customer: str, split_after: timedelta | None, name: str = "instance"
) -> ir.Table:
    """Number each customer's journey instances 1, 2, ... in column `name`: a new one
    starts with the customer's first event and after every gap longer than `split_after`
    (none when it is None). Needs `ts` and `seq`."""
    if split_after is None:
        return table.mutate(ibis.literal(1, "int64").name(name))
    gap = split_after // timedelta(microseconds=1)
    now = epoch_us(table.ts)
    before = previous(now, [customer])
    starts = (before.isnull() | ((now - before) > gap)).cast("int64")
    flagged = table.mutate(__starts=starts)
    numbered = flagged.mutate(running_sum(flagged.__starts, [customer]).name(name))
    return numbered.drop("__starts")


def nearest_rank(
    table: ir.Table,
    value: str,
    group_by: Sequence[str],
    quantiles: dict[str, Fraction],
) -> ir.Table:
    """Per group: the count and, for each named quantile q, the nearest-rank percentile of
    integer column `value`: the ceil(q*n)-th smallest of the n non-null values (the
    smallest for q=0). Exact: no interpolation (Spark's `percentile` and DuckDB's
    `quantile_cont` interpolate differently), no approximation, integer arithmetic only."""
    values = table.filter(table[value].notnull())
    ranked = values.mutate(
        __n=values[value].count().over(whole(group_by)),
        __rank=(ibis.row_number().over(ibis.window(group_by=list(group_by), order_by=value)) + 1),
    )
    picks = {}
    for name, q in quantiles.items():
        if not 0 <= q <= 1:
            raise ValueError(f"quantile {name}={q} is outside 0..1")
        # ceil(num*n/den), at least 1, in integers: (num*n + den - 1) // den.
        wanted = ibis.greatest((ranked.__n * q.numerator + (q.denominator - 1)) // q.denominator, 1)
        picks[name] = ranked[value].max(where=ranked.__rank == wanted)
    return ranked.group_by(list(group_by)).agg(n=ranked.count(), **picks)


def ordered_path(
    table: ir.Table,
    item: str,
    group_by: Sequence[str],
    separator: str = " > ",
    order_by: Sequence[str] = LOG_ORDER,
) -> ir.Table:
    """Per group, the `item`s in log order joined by `separator` (a path, for variants).
    `collect(order_by=...)` compiles to ARRAY_AGG ... WITHIN GROUP on Spark, which Spark
    4.0 rejects; a sorted array of (order keys, item) structs is the same on both."""
    keys = {f"k{i}": table[key] for i, key in enumerate(order_by)}
    entry = ibis.struct({**keys, "item": table[item].cast("string")})
    collected = table.group_by(list(group_by)).agg(__entries=entry.collect())
    path = collected.__entries.sort().map(lambda e: e["item"]).join(separator)
    return collected.mutate(path=path).drop("__entries")


def null_count(column: ir.Column) -> ir.IntegerScalar:
    """How many rows have no value in `column` (an exact count; divide in Python). Not
    `isnull()` on float columns: ibis counts NaN as null on Spark, not on DuckDB."""
    if column.type().is_floating():
        raise TypeError("null_count is for string, integer and timestamp columns")
    return column.isnull().cast("int64").sum().fill_null(0)


def distinct_count(column: ir.Column) -> ir.IntegerScalar:
    """The exact number of distinct non-null values (COUNT(DISTINCT) on both engines;
    never `approx_nunique`)."""
    return column.nunique()


SHAPE = r"^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?)?" + r"( ?" + OFFSET[:-1] + r")?$"
"""The timestamps both engines read alike: ISO 8601 date, time to the microsecond, offset.
Spark's cast also takes "2024" or "2024-1-5"; DuckDB does not, so neither does this."""


# The instant a wall-clock time in a zone names: DuckDB takes the later one in a fold,
# Spark the earlier one. And DuckDB's wall-clock time in a zone of an instant.
_duckdb_local_to_utc = _builtin("timezone", (dt.string, dt.timestamp), UTC)
_duckdb_utc_to_local = _builtin("timezone", (dt.string, UTC), dt.timestamp)
_spark_local_to_utc = _builtin("to_utc_timestamp", (dt.timestamp, dt.string), UTC)


def parse_instant(text: ir.StringValue, time_zone: str = "UTC") -> ir.TimestampValue:
    """The UTC instant an ISO 8601 string names; a string without an offset is a wall-clock
    time in `time_zone`. Null when the string is not one (the caller reports those rows).

    DuckDB's cast of "...+02:00" to a plain TIMESTAMP drops the offset silently, so
    strings with an offset are cast to a UTC timestamp, the others converted from
    `time_zone`. In a fold (a wall-clock hour that happens twice when clocks go back) the
    earlier instant is taken, as Java, Spark and Python's zoneinfo (fold=0) do; DuckDB
    takes the later one, so its answer is moved back when the earlier one also fits. A
    wall-clock time in a gap (clocks go forward) moves forward by the gap on both.

    Surrounding blanks are allowed; the string is stripped only when it does not fit as
    written (stripping every row costs as much as the parse)."""
    stripped = text.strip()
    return ibis.cases(
        (text.re_search(SHAPE), _instant(text, time_zone)),
        (stripped.re_search(SHAPE), _instant(stripped, time_zone)),
        else_=ibis.null(UTC),
    )


def has_offset(text: ir.StringValue) -> ir.BooleanValue:
    """Whether a string `parse_instant` reads named its own offset (after a time)."""
    return text.re_search(SHAPE).ifelse(names_offset(text), names_offset(text.strip()))


def _instant(text: ir.StringValue, time_zone: str) -> ir.TimestampValue:
    """`parse_instant` of a string that fits SHAPE as it is."""
    aware = text.try_cast(dt.Timestamp(timezone="UTC"))
    if time_zone == "UTC":
        return aware
    naive = text.try_cast(dt.Timestamp())
    if engine_of(text) == "pyspark":
        local = _spark_local_to_utc(naive, time_zone)
    else:
        local = _duckdb_local_to_utc(time_zone, naive)
        for shift in (timedelta(hours=1), timedelta(minutes=30)):
            earlier = local - ibis.interval(seconds=int(shift.total_seconds()))
            fits = _duckdb_utc_to_local(time_zone, earlier) == naive
            local = fits.ifelse(earlier, local)
    return names_offset(text).ifelse(aware, local)


def names_offset(text: ir.StringValue) -> ir.BooleanValue:
    """Whether a stripped string that fits SHAPE has a time and an offset (what AWARE
    says of it), read off positions rather than by a second regex over every row: the
    date takes 10 characters and the time at least 6 more ("Thh:mm"); after those only
    an offset writes "+", "-", "Z" or "z"."""
    tail = text.substr(16)
    marked = tail.contains("+") | tail.contains("-") | tail.endswith("Z") | tail.endswith("z")
    return (text.length() > 16) & marked
