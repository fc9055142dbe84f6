"""Where an event log comes from: a CSV, Parquet or JSON Lines file, or a database table.

A file is read by what its extension says, after checking that it is that: a Parquet
file starts with `PAR1`, a JSON Lines file with `{`, a CSV file is text.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
from ibis.common.exceptions import TableNotFound

from journeykit.measure.errors import EventLogError

if TYPE_CHECKING:
    from journeykit.measure.readers import Kind

FORMATS: dict[str, Kind] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_NAMES = {"csv": "CSV", "parquet": "Parquet", "jsonl": "JSON Lines"}


@contextlib.contextmanager
def reading(name: str, what: str) -> Iterator[None]:
    """Turn the engine's reader errors into an EventLogError naming the file."""
    try:
        yield
    except EventLogError:
        raise
    except engine_errors() as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EventLogError(f"cannot read it as {what}: {first}", name) from None


def engine_errors() -> tuple[type[BaseException], ...]:
    """What the engines raise for data they cannot read (a bug of ours stays a bug: exit 3)."""
    import importlib

    found: list[type[BaseException]] = []
    for module, name in (
        ("duckdb", "Error"),
        ("pyspark.errors", "PySparkException"),
        ("py4j.protocol", "Py4JJavaError"),
        ("pyarrow", "ArrowException"),
    ):
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(found)


def read_source(
    backend: ibis.BaseBackend, source: str, base: Path, *, numbered: bool = True
) -> tuple[ir.Table, str]:
    """The raw table of `source` and the name messages give it; `seq` as readers.py
    gives it (`numbered`), and never for a table the engine already holds."""
    if source.startswith("duckdb:"):
        return _duckdb_table(backend, source, base)
    path = Path(source) if Path(source).is_absolute() else base / source
    fmt: Kind | None = FORMATS.get(path.suffix.lower())
    if fmt is None:
        if not path.exists() and source.replace(".", "").replace("_", "").isalnum():
            try:
                return backend.table(source), source
            except TableNotFound:
                raise EventLogError("no such file or table", source) from None
        known = ", ".join(sorted(FORMATS))
        raise EventLogError(f"unknown event log format (use {known}, or duckdb:FILE:TABLE)", source)
    if not path.is_file():
        raise EventLogError("no such file", source)
    _check_kind(path, fmt, source)
    from journeykit.measure.readers import read_rows

    # readers.py gives every engine the same `seq` (log order) and the same string
    # columns; JSON Lines are read by the keys their first lines have, all as strings.
    strings = _json_keys(path, source) if fmt == "jsonl" else ()
    with reading(source, _NAMES[fmt]):
        return read_rows(backend, path, fmt, strings, numbered=numbered), source


def _json_keys(path: Path, name: str, lines: int = 1000) -> list[str]:
    """The keys of the objects on the first `lines` lines, in first-seen order."""
    import itertools
    import json

    keys: dict[str, None] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(itertools.islice(f, lines), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                raise EventLogError("not a JSON object", name, row=number) from None
            if not isinstance(value, dict):
                raise EventLogError("not a JSON object", name, row=number)
            keys.update(dict.fromkeys(value))
    return list(keys)


def _check_kind(path: Path, fmt: str, name: str) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise EventLogError(f"cannot read the file: {exc.strerror}", name) from None
    if not head.strip():
        raise EventLogError("the event log is empty (no rows)", name)
    if fmt == "parquet" and not head.startswith(b"PAR1"):
        raise EventLogError(f"not a Parquet file (it starts with {head[:8]!r})", name)
    if fmt == "jsonl" and not head.lstrip().startswith(b"{"):
        raise EventLogError("not a JSON Lines file (its first line is not a JSON object)", name)
    if fmt == "csv":
        text = b"\0" in head or head.startswith(b"PAR1")
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = text or exc.start < len(head) - 4
        if text:
            raise EventLogError("not a CSV file (it is binary, or not UTF-8 text)", name)


def _duckdb_table(backend: ibis.BaseBackend, source: str, base: Path) -> tuple[ir.Table, str]:
    _, _, rest = source.partition(":")
    file, sep, table = rest.rpartition(":")
    if not sep or not file or not table:
        raise EventLogError("write a DuckDB table as duckdb:FILE.duckdb:TABLE", source)
    path = Path(file) if Path(file).is_absolute() else base / file
    if not path.is_file():
        raise EventLogError("no such file", file)
    if backend.name != "duckdb":
        raise EventLogError("a DuckDB table needs --engine duckdb", source)
    with reading(file, "a DuckDB database"):
        quoted = str(path).replace("'", "''")
        backend.raw_sql(f"ATTACH '{quoted}' AS journeykit_events (READ_ONLY)")
    try:
        return backend.table(table, database="journeykit_events"), source
    except TableNotFound:  # name the tables that are there
        found = backend.raw_sql(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = 'journeykit_events' ORDER BY table_name"
        )
        names = [str(r[0]) for r in found.fetchall()]
        from journeykit.loader.schema_errors import did_you_mean

        hint = did_you_mean(table, names)
        listed = ", ".join(names) or "none"
        message = f"no table {table!r} in {file} (tables: {listed})"
        raise EventLogError(message + (f"; {hint}" if hint else ""), source) from None
