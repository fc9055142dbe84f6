"""A committed measurement snapshot (`measure -f json -o FILE`) read back: for `diff`,
and in place of an event log for `render`, `report` and `lint --events FILE.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from journeykit.measure.errors import MeasureError
from journeykit.measure.result import FORMAT, Measurement


def is_snapshot(path: str) -> bool:
    """A `.json` file: an event log is `.jsonl` (JSON Lines), never `.json`."""
    return path.lower().endswith(".json")


def read_snapshot(path: Path, label: str) -> dict[str, Any]:
    """The snapshot's data; MeasureError with the file (and line and column) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MeasureError(f"{label}: no such file") from None
    except OSError as exc:
        raise MeasureError(f"{label}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MeasureError(f"{label}: not UTF-8 text, not a measurement snapshot") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MeasureError(f"{label}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MeasureError(
            f"{label}: not a measurement snapshot (a `journeykit measure -f json` file, "
            f"format {FORMAT})"
        )
    return data


def load_snapshot(path: Path, label: str) -> Measurement:
    """The measurement a snapshot holds."""
    try:
        return Measurement.from_data(read_snapshot(path, label))
    except ValueError as exc:
        raise MeasureError(f"{label}: {exc}") from None
