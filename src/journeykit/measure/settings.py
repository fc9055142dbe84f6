"""The `[measure]` table of `journeykit.toml`: how to read the event log.

The configuration reader only checks that `[measure]` is a table; its keys and values are
checked here, where measuring lives, with the line and column of the key at fault.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from journeykit.workspace.errors import ConfigError

ENGINES = ("duckdb", "spark")
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_MEMORY = re.compile(r"^\s*\d+(\.\d+)?\s*(K|M|G|T)i?B\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True, slots=True)
class MeasureSettings:
    customer_id: str = "customer_id"
    event: str = "event"
    timestamp: str = "timestamp"
    segment: str | None = None
    """A persona or segment column: the metrics are also given per value."""
    channel: str | None = None
    time_zone: str = "UTC"
    """The zone of timestamps written without an offset."""
    split_after: timedelta | None = None
    """Inactivity that ends a journey instance; None: one instance per customer."""
    engine: str = "duckdb"
    spark_master: str = "local[2]"
    spark_remote: str | None = None
    memory_limit: str | None = None
    """DuckDB's memory limit ("1GB", "512MB"); None: engines.DUCKDB_MEMORY_LIMIT."""
    temp_directory: str | None = None
    """Where DuckDB spills; None: a temporary folder of its own, removed on close."""
    attribution_half_life: timedelta = timedelta(days=7)
    """time-decay attribution: the age at which a visit's weight has halved."""
    attribution_position: tuple[int, int, int] = (40, 20, 40)
    """position attribution: percent for the first visit, those between, the last."""


def parse_duration(text: str) -> timedelta:
    """`30d`, `12h`, `90m`, `45s`, `2w`: ValueError otherwise (or when zero)."""
    match = _DURATION.match(text)
    if not match or int(match[1]) == 0:
        raise ValueError(f"{text!r} is not a duration like 30d, 12h, 90m, 45s or 2w")
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


def parse_position(text: str) -> tuple[int, int, int]:
    """`40/20/40`: three whole percentages adding up to 100; ValueError otherwise."""
    parts = text.split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{text!r} is not three percentages like 40/20/40")
    first, middle, last = (int(p) for p in parts)
    if first + middle + last != 100:
        raise ValueError(f"{text!r} adds up to {first + middle + last}, not 100")
    return first, middle, last


_PARSERS: dict[str, Any] = {
    "split_after": parse_duration,
    "attribution_half_life": parse_duration,
    "attribution_position": parse_position,
}


def settings_from(table: Mapping[str, Any], config_file: Path | None) -> MeasureSettings:
    """The `[measure]` table checked; ConfigError at the key at fault."""
    known = {f.name.replace("_", "-"): f.name for f in fields(MeasureSettings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            from journeykit.loader.schema_errors import did_you_mean

            hint = did_you_mean(key, known)
            _fail(f"unknown key 'measure.{key}'" + (f" ({hint})" if hint else ""), key, config_file)
        name = known[key]
        problem = _problem(name, value)
        if problem:
            _fail(f"measure.{key}: {problem}", key, config_file)
        parse = _PARSERS.get(name)
        values[name] = parse(value) if parse else value
    return replace(MeasureSettings(), **values)


def _problem(name: str, value: object) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if not value.strip():
        return "must not be empty"
    if name == "engine" and value not in ENGINES:
        return f"must be one of {', '.join(ENGINES)}, not {value!r}"
    if name in _PARSERS:
        try:
            _PARSERS[name](value)
        except ValueError as exc:
            return str(exc)
    if name == "memory_limit" and not _MEMORY.match(value):
        return f"{value!r} is not a size like 1GB, 512MB or 2GiB"
    if name == "time_zone":
        return zone_problem(value)
    return None


def zone_problem(zone: str) -> str | None:
    """Why `zone` is not an IANA time zone name, or None."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {zone!r} (an IANA name such as 'Europe/Helsinki')"
    return None


def _fail(message: str, key: str, config_file: Path | None) -> None:
    line, column = 1, 1
    text = ""
    if config_file is not None:
        try:
            text = config_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    if text:
        from journeykit.workspace.lintconfig import key_line

        line = key_line(text, ["measure", key])
        found = text.splitlines()[line - 1].find(key)
        column = found + 1 if found >= 0 else 1
    raise ConfigError(message, str(config_file or "journeykit.toml"), line, column)
