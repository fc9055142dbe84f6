"""The portable helpers give the same, hand-computed, numbers on DuckDB and on Spark."""

from __future__ import annotations

import json
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis.expr.datatypes as dt
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journeykit.measure import portable, readers

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

HOUR = 3_600_000_000
JAN1 = 1_704_067_200_000_000  # 2024-01-01T00:00:00Z in microseconds


def rows(table: ir.Table, *order: str) -> list[dict[str, Any]]:
    """The table's rows as plain Python values (no pandas NaN), in the given order."""
    result: list[dict[str, Any]] = table.order_by(list(order)).to_pyarrow().to_pylist()
    return result


def csv_log(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    return path


def events(backend: BaseBackend, tmp_path: Path, lines: list[str]) -> ir.Table:
    """customer_id,event,timestamp lines read as the core will: strings, seq, ts (UTC)."""
    path = csv_log(tmp_path, "customer_id,event,timestamp\n" + "\n".join(lines) + "\n")
    table = readers.read_rows(backend, path, "csv")
    return table.mutate(ts=portable.parse_instant(table.timestamp))


def test_csv_is_read_as_strings_in_file_order(backend: BaseBackend, tmp_path: Path) -> None:
    path = csv_log(
        tmp_path,
        'customer_id,event,note\n007,home,"a ""quoted"" one"\n007,cart,\n'
        '8,home,""\n8,pay,"two\nlines"\n',
    )
    table = readers.read_rows(backend, path, "csv")
    assert dict(table.schema().items()) == {
        "customer_id": dt.string,
        "event": dt.string,
        "note": dt.string,
        "seq": dt.int64,
    }
    assert rows(table, "seq") == [
        {"customer_id": "007", "event": "home", "note": 'a "quoted" one', "seq": 1},
        {"customer_id": "007", "event": "cart", "note": None, "seq": 2},
        {"customer_id": "8", "event": "home", "note": None, "seq": 3},
        {"customer_id": "8", "event": "pay", "note": "two\nlines", "seq": 4},
    ]


def test_jsonl_and_parquet_columns_as_strings(backend: BaseBackend, tmp_path: Path) -> None:
    records = [
        {"customer_id": "007", "event": "home", "n": 1},
        {"customer_id": 8, "event": "cart"},
        {"customer_id": "9", "event": "pay", "n": 3, "extra": True},
    ]
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    table = readers.read_rows(backend, jsonl, "jsonl", ["customer_id", "event", "n"])
    assert rows(table, "seq") == [
        {"customer_id": "007", "event": "home", "n": "1", "seq": 1},
        {"customer_id": "8", "event": "cart", "n": None, "seq": 2},
        {"customer_id": "9", "event": "pay", "n": "3", "seq": 3},
    ]
    parquet = tmp_path / "events.parquet"
    pq.write_table(pa.table({"customer_id": [7, 8, 9], "event": ["a", "b", "c"]}), parquet)
    table = readers.read_rows(backend, parquet, "parquet", ["customer_id"])
    assert rows(table, "seq") == [
        {"customer_id": "7", "event": "a", "seq": 1},
        {"customer_id": "8", "event": "b", "seq": 2},
        {"customer_id": "9", "event": "c", "seq": 3},
    ]


def test_seq_is_file_order_across_many_splits(backend: BaseBackend, tmp_path: Path) -> None:
    """Spark splits a 3,000-line file into ~20 partitions here; seq still counts lines."""
    path = tmp_path / "many.jsonl"
    path.write_text("".join(f'{{"i": "{i}"}}\n' for i in range(3000)), encoding="utf-8")
    session = getattr(backend, "_session", None)
    if session is not None:
        session.conf.set("spark.sql.files.maxPartitionBytes", "2048")
    try:
        table = readers.read_rows(backend, path, "jsonl", ["i"])
        wrong = table.filter(table.i.cast("int64") + 1 != table.seq).count().execute()
        assert (table.count().execute(), wrong) == (3000, 0)
    finally:
        if session is not None:
            session.conf.unset("spark.sql.files.maxPartitionBytes")


def test_the_stored_log_is_numbered_in_file_order(backend: BaseBackend, tmp_path: Path) -> None:
    """400,000 rows (14 MB): read by several threads and stored in several row groups,
    each row's `seq` is still its line among the data rows."""
    from journeykit.measure.events import open_events
    from journeykit.measure.settings import MeasureSettings

    lines = (f"c{i % 977},e{i % 7},2024-01-01T00:{i % 60:02}:00Z,{i}\n" for i in range(400_000))
    path = csv_log(tmp_path, "customer_id,event,timestamp,i\n" + "".join(lines))
    log = open_events(backend, str(path), MeasureSettings(), tmp_path)
    try:
        table = log.table
        wrong = table.filter(table.i.cast("int64") + 1 != table.seq).count().execute()
        assert (log.rows, log.duplicates, wrong) == (400_000, 0, 0)
    finally:
        log.release()


INSTANTS = [
    ("2024-01-01T00:00:00Z", JAN1),
    ("2024-01-01 02:00:00+02:00", JAN1),
    ("2024-01-01T02:00:00+0200", JAN1),
    ("2023-12-31T19:00:00-05", JAN1),
    ("2024-01-01T00:00:00.000001Z", JAN1 + 1),
    ("2024-01-01", JAN1),
    (" 2024-01-01T00:00:00Z ", JAN1),
    ("2024", None),
    ("2024-1-1", None),
    ("2024-01-01T00:00:00.0000001Z", None),
    ("yesterday", None),
    ("", None),
]


def test_instants_with_offsets_and_in_utc(backend: BaseBackend, tmp_path: Path) -> None:
    table = _texts(backend, tmp_path, [text for text, _ in INSTANTS])
    parsed = table.mutate(us=portable.epoch_us(portable.parse_instant(table.text)))
    assert [(r["text"], r["us"]) for r in rows(parsed, "i")] == INSTANTS


OFFSETS = [
    ("2024-01-01T00:00:00Z", True),
    ("2024-01-01T00:00z", True),
    ("2024-01-01 02:00:00 +02:00", True),
    ("2024-01-01T02:00+0200", True),
    ("2023-12-31T19:00:00.5-05", True),
    ("2024-01-01T00:00:00", False),
    ("2024-01-01T00:00:00.123456", False),
    ("2024-01-01", False),
    ("2024-01-01Z", False),  # an offset, but no time for it to belong to
    ("2024-01-01 +02:00", False),
    ("2024-01-01 -05:00", False),
    ("      2024-01-01 +02:00", False),  # stripped before it is looked at
    (" 2024-01-01T00:00:00 ", False),
    ("\t2024-01-01T00:00:00-01:00 ", True),
]


def test_has_offset_needs_a_time_and_an_offset(backend: BaseBackend, tmp_path: Path) -> None:
    table = _texts(backend, tmp_path, [text for text, _ in OFFSETS])
    result = rows(table.mutate(aware=portable.has_offset(table.text)), "i")
    assert [(r["text"], r["aware"]) for r in result] == OFFSETS


NAIVE_HELSINKI = [
    ("2024-01-01 02:00:00", JAN1),  # EET, +02:00
    ("2024-07-01T03:00:00", JAN1 + 182 * 24 * HOUR),  # EEST, +03:00
    ("2024-01-01T00:00:00Z", JAN1),  # an offset wins over the zone
    # clocks go back at 04:00 EEST on 27 October: 03:30 happens twice, the first is taken
    ("2024-10-27 03:30:00", 1_729_989_000_000_000),  # 00:30Z
    ("2024-10-27 04:30:00", 1_729_996_200_000_000),  # 02:30Z, after the fold
    # clocks go forward at 03:00 EET on 31 March: 03:30 does not exist, it moves to 04:30
    ("2024-03-31 03:30:00", 1_711_848_600_000_000),  # 01:30Z
]


def test_naive_instants_in_a_zone(backend: BaseBackend, tmp_path: Path) -> None:
    table = _texts(backend, tmp_path, [text for text, _ in NAIVE_HELSINKI])
    parsed = portable.parse_instant(table.text, "Europe/Helsinki")
    result = rows(table.mutate(us=portable.epoch_us(parsed)), "i")
    assert [(r["text"], r["us"]) for r in result] == NAIVE_HELSINKI


def _texts(backend: BaseBackend, folder: Path, texts: list[str]) -> ir.Table:
    return _parquet(backend, folder, {"i": list(range(len(texts))), "text": texts})


def _parquet(backend: BaseBackend, folder: Path, columns: dict[str, list[Any]]) -> ir.Table:
    """A table from a file: `create_table` on Spark writes a managed table into
    ./spark-warehouse, and a memtable belongs to no backend."""
    path = folder / "table.parquet"
    pq.write_table(pa.table(columns), path)
    return readers.read_rows(backend, path, "parquet")


LOG = [
    "a,home,2024-01-01T10:00:00Z",
    "a,cart,2024-01-01T10:00:00Z",  # same instant as home: the log's order decides
    "b,home,2024-01-02T09:00:00Z",
    "a,pay,2024-01-01T09:00:00Z",  # written later, happened first
    "a,home,2024-01-01T10:30:00Z",
    "b,cart,2024-01-02T09:00:00Z",
    "a,cart,2024-01-02T10:30:00Z",  # exactly one day after the last: same instance
    "a,pay,2024-01-03T10:30:01Z",  # a day and a second later: a new instance
]


def test_previous_and_following_in_log_order(backend: BaseBackend, tmp_path: Path) -> None:
    table = events(backend, tmp_path, LOG)
    moves = table.mutate(
        before=portable.previous(table.event, ["customer_id"]),
        after=portable.following(table.event, ["customer_id"]),
    )
    assert [(r["seq"], r["before"], r["after"]) for r in rows(moves, "seq")] == [
        (1, "pay", "cart"),
        (2, "home", "home"),
        (3, None, "cart"),
        (4, None, "home"),
        (5, "cart", "cart"),
        (6, "home", None),
        (7, "home", "pay"),
        (8, "cart", None),
    ]


def test_sessions_split_after_a_gap(backend: BaseBackend, tmp_path: Path) -> None:
    table = events(backend, tmp_path, LOG)
    split = portable.sessions(table, "customer_id", timedelta(days=1))
    assert [(r["seq"], r["instance"]) for r in rows(split, "seq")] == [
        (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 2),
    ]  # fmt: skip
    whole = portable.sessions(table, "customer_id", None)
    assert {r["instance"] for r in rows(whole, "seq")} == {1}
    paths = portable.ordered_path(split, "event", ["customer_id", "instance"])
    assert rows(paths, "customer_id", "instance") == [
        {"customer_id": "a", "instance": 1, "path": "pay > home > cart > home > cart"},
        {"customer_id": "a", "instance": 2, "path": "pay"},
        {"customer_id": "b", "instance": 1, "path": "home > cart"},
    ]


def test_running_sum_counts_rows_not_peers(backend: BaseBackend, tmp_path: Path) -> None:
    table = events(backend, tmp_path, LOG)
    counted = table.mutate(k=portable.running_sum(table.seq * 0 + 1, ["customer_id"]))
    assert [(r["seq"], r["k"]) for r in rows(counted, "seq")] == [
        (1, 2), (2, 3), (3, 1), (4, 1), (5, 4), (6, 2), (7, 5), (8, 6),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([7], (1, 7, 7, 7)),
        ([5, 1, 4, 2, 3], (5, 3, 5, 1)),
        ([10, 20], (2, 10, 20, 10)),
        (list(range(1, 11)), (10, 5, 9, 1)),
        ([3, 3, 3, 9], (4, 3, 9, 3)),
    ],
)
def test_nearest_rank_percentiles(
    backend: BaseBackend, tmp_path: Path, values: list[int], expected: tuple[int, int, int, int]
) -> None:
    table = _parquet(backend, tmp_path, {"g": ["x"] * len(values), "v": values})
    quantiles = {"p50": Fraction(1, 2), "p90": Fraction(9, 10), "p0": Fraction(0)}
    [row] = rows(portable.nearest_rank(table, "v", ["g"], quantiles), "g")
    assert (row["n"], row["p50"], row["p90"], row["p0"]) == expected


def test_null_and_distinct_counts(backend: BaseBackend, tmp_path: Path) -> None:
    path = csv_log(tmp_path, "customer_id,event\n1,a\n,b\n2,\n1,c\n,\n")
    table = readers.read_rows(backend, path, "csv")
    counts = table.aggregate(
        missing=portable.null_count(table.customer_id),
        distinct=portable.distinct_count(table.customer_id),
    )
    assert rows(counts, "missing") == [{"missing": 2, "distinct": 2}]
    empty = table.filter(table.seq < 0)
    counts = empty.aggregate(missing=portable.null_count(empty.customer_id))
    assert rows(counts, "missing") == [{"missing": 0}]
