"""A deterministic, realistic event log for a workspace's journeys, of any size.

    python benchmarks/eventlog.py examples/retail out.csv --events 1000000
    python benchmarks/eventlog.py examples/retail out.parquet --events 10000000 --journey ID
    python benchmarks/eventlog.py examples/kuluttaja out.jsonl --events 20000 --seed 7
    python benchmarks/eventlog.py --examples [--check]   # examples/*/events/events.csv

Columns `customer_id,event,timestamp,channel,segment`: the journey graph is read through
journeykit and walked by simulated customers (benchmarks/eventsim.py says how they
behave). Customers are made in batches of a fixed size, each from its own seed, and
written as they are made, so memory stays flat and the bytes depend only on the
workspace, `--events`, `--journey`, `--seed` and `--format`. Within a batch the rows
are in time order, except a few late arrivals written some rows after their place
(out of order, as exports have them). Timestamps are UTC, ISO 8601 with a `Z`; Parquet has a real
timestamp column (microseconds, UTC).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from eventsim import Design, read_design, simulate  # noqa: E402

BATCH = 20_000
"""Customers a batch: some 150k events, a few tens of MB at most."""
LATE, LATE_ROWS = 0.002, 5_000
"""The share of a batch's rows that arrive late, and how many rows late at most."""
ID_WIDTH = 7
EXAMPLES = ("retail", "b2b-software", "kuluttaja", "subscription")
EXAMPLE_EVENTS = 20_000
"""Each example's committed log: every journey of the workspace, seed 1, some 1.3 MB."""
FORMATS = ("csv", "parquet", "jsonl")
SCHEMA = pa.schema(
    [
        ("customer_id", pa.string()),
        ("event", pa.string()),
        ("timestamp", pa.timestamp("us", tz="UTC")),
        ("channel", pa.string()),
        ("segment", pa.string()),
    ]
)


def batches(design: Design, events: int, seed: int) -> Iterator[pa.Table]:
    """Tables of whole customers (the last one cut short) until `events` rows are made."""
    left, number = events, 0
    names = pa.array(design.names)
    channels = pa.array(design.channels)
    personas = pa.array(design.personas)
    while left > 0:
        rng = np.random.default_rng([seed, number])
        made = simulate(design, BATCH, rng)
        keep = min(left, len(made.code))
        # Time order within the batch; ties keep the customer's own order (stable sort).
        order = np.argsort(made.ts[:keep], kind="stable")
        # A few rows arrive late: written up to LATE_ROWS rows after their place.
        place = np.arange(keep, dtype=np.int64)
        late = rng.random(keep) < LATE
        place[late] += rng.integers(1, LATE_ROWS, int(late.sum()))
        order = order[np.argsort(place, kind="stable")]
        customer = made.customer[order]
        ids = pc.utf8_lpad(pa.array(customer + number * BATCH + 1).cast(pa.string()), ID_WIDTH, "0")
        yield pa.table(
            [
                pc.binary_join_element_wise("c", ids, ""),
                names.take(made.code[order]),
                pa.array(made.ts[order] * 1_000_000).cast(SCHEMA.field("timestamp").type),
                channels.take(made.channel[order]),
                personas.take(made.persona[customer]),
            ],
            schema=SCHEMA,
        )
        left -= keep
        number += 1


def _iso(table: pa.Table) -> pa.Array:
    seconds = table["timestamp"].cast(pa.timestamp("s", tz="UTC"))
    return pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ").combine_chunks()


def write_csv(out: Path, tables: Iterator[pa.Table]) -> None:
    with out.open("wb") as f:
        f.write(b",".join(n.encode() for n in SCHEMA.names) + b"\n")
        for table in tables:
            # Ids and names never need quotes: rows are the fields joined by commas.
            f.write(_lines(table, [",", ",", ",", ",", "\n"]))


def write_jsonl(out: Path, tables: Iterator[pa.Table]) -> None:
    keys = [f'"{n}":"' for n in SCHEMA.names]
    seps = ['{"' + keys[0][1:]] + [f'",{k}' for k in keys[1:]] + ['"}\n']
    with out.open("wb") as f:
        for table in tables:
            f.write(_lines(table, seps[1:], prefix=seps[0]))


def _lines(table: pa.Table, after: list[str], prefix: str = "") -> bytes:
    """Each row's fields, each followed by its separator, as one buffer (no Python per row)."""
    fields = [table[n].combine_chunks() for n in SCHEMA.names]
    fields[2] = _iso(table)
    parts: list[pa.Array | str] = [prefix] if prefix else []
    for value, sep in zip(fields, after, strict=True):
        parts += [value, sep]
    joined = pc.binary_join_element_wise(*parts, "")
    offsets = np.frombuffer(joined.buffers()[1], dtype=np.int32)
    data = joined.buffers()[2]
    assert data is not None
    start, end = offsets[joined.offset], offsets[joined.offset + len(joined)]
    out: bytes = data.to_pybytes()[start:end]
    return out


def write_parquet(out: Path, tables: Iterator[pa.Table]) -> None:
    import pyarrow.parquet as pq

    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for table in tables:
            writer.write_table(table)


WRITERS = {"csv": write_csv, "parquet": write_parquet, "jsonl": write_jsonl}


def write_log(
    workspace: Path,
    out: Path,
    events: int,
    journey: str | None = None,
    seed: int = 1,
    fmt: str | None = None,
) -> None:
    """Write the log to `out` (a temporary file renamed into place: never a partial one)."""
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in WRITERS:
        raise SystemExit(f"{out}: say --format {'|'.join(FORMATS)} (or end the name in one)")
    design = read_design(workspace, journey)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        WRITERS[fmt](part, batches(design, events, seed))
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)


def examples(check: bool) -> int:
    """Write each example's log, or (`check`) say which committed ones are not up to date."""
    import tempfile

    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in EXAMPLES:
            ws = HERE.parent / "examples" / name
            committed = ws / "events" / "events.csv"
            out = Path(tmp) / f"{name}.csv" if check else committed
            write_log(ws, out, EXAMPLE_EVENTS)
            if check and (not committed.exists() or committed.read_bytes() != out.read_bytes()):
                stale.append(str(committed.relative_to(HERE.parent)))
    for path in stale:
        sys.stderr.write(f"{path}: not what eventlog.py writes now (run: make events)\n")
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--events", type=int, help="rows to write")
    parser.add_argument("--examples", action="store_true", help="the examples' logs")
    parser.add_argument("--check", action="store_true", help="with --examples: only compare")
    parser.add_argument("--journey", help="only this journey (default: every journey)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=FORMATS, help="default: from OUT's extension")
    args = parser.parse_args(argv)
    if args.examples:
        return examples(args.check)
    if args.workspace is None or args.out is None or args.events is None:
        parser.error("give WORKSPACE OUT --events N (or --examples)")
    if args.events < 1:
        parser.error("--events must be at least 1")
    write_log(args.workspace, args.out, args.events, args.journey, args.seed, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
