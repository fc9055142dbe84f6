"""The configuration file read as TOML: the one reader, before any model checks it.

`workspace.config` validates what this reads. The run also looks at the plain values of
`include`, `exclude` and `[limits]` here, before pydantic is imported, to start loading
early; it keeps that start only when the validated configuration says the same.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeykit.loader.limits import Limits
from journeykit.workspace.errors import ConfigError

_LIMITS = {"max-file-size": "max_file_bytes", "max-depth": "max_depth"}
_LIMITS["max-alias-nodes"] = "max_alias_nodes"


@dataclass(frozen=True, slots=True)
class Table:
    data: dict[str, Any]
    """journeykit's table: the whole file, or `[tool.journeykit]` of a pyproject.toml."""
    text: str
    prefix: tuple[str, ...] = ()
    """Where the table sits in the file (`tool.journeykit` in pyproject.toml)."""


def read_table(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror}", str(path)) from None
    return parse_table(raw, path)


def parse_table(raw: bytes, path: Path) -> Table:
    """The TOML in `raw`, the bytes of the file `path`; ConfigError with its position."""
    try:
        # Decoded as text mode reads a file: universal newlines.
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError("the file is not valid UTF-8", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(match[1]), int(match[2])) if match else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(f"invalid TOML: {message}", str(path), line, col) from None
    if path.name == "pyproject.toml":
        return Table(data.get("tool", {}).get("journeykit", {}), text, ("tool", "journeykit"))
    return Table(data, text)


def plain_settings(table: Table | None) -> tuple[list[str], list[str], Limits] | None:
    """The include and exclude patterns and the limits, when plainly set (or not at all);
    None when anything about them is for the validation to judge."""
    if table is None:
        return ["**"], [], Limits()
    data = table.data
    include, exclude = data.get("include", ["**"]), data.get("exclude", [])
    section = data.get("limits", {})
    if not (_strings(include) and _strings(exclude) and isinstance(section, dict)):
        return None
    if not all(k in _LIMITS and type(v) is int for k, v in section.items()):
        return None
    try:
        return include, exclude, Limits(**{_LIMITS[k]: v for k, v in section.items()})
    except (TypeError, ValueError):
        return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
