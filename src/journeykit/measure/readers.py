"""Reading an event log file into a table of the engine, with its rows' log order.

Every reader adds `seq`: the row's position among the file's data rows, 1 for the first,
the same number on every engine (error messages name it as the row). CSV columns are all
read as strings, and JSON Lines columns named in `strings` too: customer ids such as
"007" stay what they are, and timestamps are parsed by `portable.parse_instant`, never by
a reader's own guessing (which differs between engines).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import ibis
import ibis.expr.types as ir

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

Kind = Literal["csv", "parquet", "jsonl"]

_ROW_BITS = 33
"""monotonically_increasing_id(): the partition index above bit 33, the row within the
partition below it."""


def read_rows(
    backend: BaseBackend,
    path: Path,
    kind: Kind,
    strings: Sequence[str] = (),
    *,
    numbered: bool = True,
) -> ir.Table:
    """The rows of the file at `path` (`kind` says its format) plus `seq` (int64).
    CSV: a header row, every column a string. Parquet: the file's own types, columns in
    `strings` cast to string. JSON Lines: exactly the columns in `strings`, as strings
    (a key missing on a line is null). `numbered=False` leaves `seq` out where it is
    not free (CSV and JSON Lines on DuckDB), for a caller that stores the rows and
    numbers the stored copy (events.py)."""
    if kind == "jsonl" and not strings:
        raise ValueError("JSON Lines are read by the columns named in `strings`")
    if backend.name == "pyspark":
        return _spark(backend, path, kind, strings)
    return _duckdb(backend, path, kind, strings, numbered)


def _duckdb(
    backend: Any, path: Path, kind: Kind, strings: Sequence[str], numbered: bool
) -> ir.Table:
    if kind == "parquet":
        # The reader's own row number: exact however the file is split between threads.
        table = backend.read_parquet(path, file_row_number=True)
        table = table.mutate(seq=table.file_row_number.cast("int64") + 1)
        return _strings(table.drop("file_row_number"), strings)
    if kind == "csv":
        # Quoted "" is an empty string, an empty field null, as Spark reads them.
        table = backend.read_csv(path, header=True, all_varchar=True)
    else:
        columns = dict.fromkeys(strings, "VARCHAR")
        table = backend.read_json(path, format="newline_delimited", columns=columns)
    if not numbered:
        return table
    # With insertion order preserved (engines.connect sets it), DuckDB numbers rows with
    # a streaming window in scan order, parallel reading included.
    return table.mutate(seq=(ibis.row_number() + 1).cast("int64"))


def _spark(backend: Any, path: Path, kind: Kind, strings: Sequence[str]) -> ir.Table:
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    reader = backend._session.read
    if kind == "csv":
        # RFC 4180 quotes ("" inside quotes), not Spark's default backslash escape;
        # multiLine so a quoted line break stays in its field, as DuckDB reads it.
        frame = reader.csv(str(path), header=True, escape='"', multiLine=True, mode="FAILFAST")
    elif kind == "parquet":
        frame = reader.parquet(str(path))
    else:
        schema = StructType([StructField(name, StringType()) for name in strings])
        frame = reader.json(str(path), schema=schema, mode="FAILFAST")
    frame = frame.withColumn("__part", F.spark_partition_id()).withColumn(
        "__id", F.monotonically_increasing_id()
    )
    # One file's splits come in file order, one partition each (Spark sorts splits by
    # size, stably, and only the last split is shorter). Dense numbers: the rows of the
    # partitions before this one, plus the row's place in its own partition.
    counts = dict(frame.groupBy("__part").count().collect())
    starts, total = [], 0
    for part in range(max(counts, default=-1) + 1):
        starts.append(total)
        total += counts.get(part, 0)
    start = F.element_at(F.array(*[F.lit(s) for s in starts or [0]]), F.col("__part") + 1)
    low = F.col("__id") - F.shiftleft(F.col("__part").cast("long"), _ROW_BITS)
    frame = frame.withColumn("seq", (start + low + 1).cast("long")).drop("__part", "__id")
    name = ibis.util.gen_name("journeykit_events")
    frame.createOrReplaceTempView(name)
    return _strings(backend.table(name), strings if kind == "parquet" else ())


def _strings(table: ir.Table, strings: Sequence[str]) -> ir.Table:
    present = [name for name in strings if name in table.columns]
    return table.mutate(**{name: table[name].cast("string") for name in present})
