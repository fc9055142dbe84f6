"""What a file with errors still defines: its valid items and the ids of the others.

A catalog with one bad persona must not take every other persona with it: journeys
that refer to them would get an "unknown persona" each, and lint, render and report
would lose them. The file's own findings already say what is wrong; this only decides
what the rest of the workspace may rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from journeykit import builtin_checks as bc
from journeykit.loader.limits import Limits
from journeykit.loader.source import SourceFile
from journeykit.loader.yamlread import parse_text

# After these the text is not read as the author meant it, or not at all: a file of
# another (or no) format version, an alias bomb, nesting beyond the limit.
_UNREADABLE = frozenset(
    {
        bc.UNSUPPORTED_VERSION.code,
        bc.ALIAS_EXPANSION.code,
        bc.RECURSIVE_ALIAS.code,
        bc.NESTING_TOO_DEEP.code,
    }
)
# The value differs from the text here (a duplicate key dropped, a tag read as null):
# an item holding one is not trusted as a model, only for its id.
_SPOILING = frozenset({bc.DUPLICATE_KEY.code, bc.UNSUPPORTED_TAG.code})


M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class Salvaged(Generic[M]):
    """The items of a file with errors: valid ones (by index) and the ids of the rest."""

    items: list[tuple[int, M]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def read_back(source: SourceFile, limits: Limits) -> dict[str, Any] | None:
    """The plain value of a file whose model failed, or None when it cannot be read."""
    if source.text is None or any(f.code in _UNREADABLE for f in source.findings):
        return None
    value = parse_text(source.text, source.rel, limits).value
    return value if isinstance(value, dict) else None


def catalog(source: SourceFile, limits: Limits, key: str, model: type[M]) -> Salvaged[M] | None:
    """The items under `key` of a catalog file, or None when its list cannot be read."""
    value = read_back(source, limits)
    items = value.get(key) if value is not None else None
    if not isinstance(items, list):
        return None
    spoiled = _spoiled_lines(source)
    found: Salvaged[M] = Salvaged()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if not spoiled or not _holds(source, (key, i), spoiled):
            try:
                found.items.append((i, model.model_validate(item)))
                continue
            except ValidationError:
                pass
        if isinstance(item.get("id"), str):
            found.ids.append(item["id"])
    return found


def journey(source: SourceFile, limits: Limits) -> tuple[str, frozenset[str] | None] | None:
    """A broken journey's id and its touchpoints' ids (None when the list is unreadable),
    or None when it has no readable id."""
    value = read_back(source, limits)
    if value is None or not isinstance(value.get("id"), str):
        return None
    touchpoints = value.get("touchpoints", [])
    if not isinstance(touchpoints, list):
        return value["id"], None
    ids = (t.get("id") for t in touchpoints if isinstance(t, dict))
    return value["id"], frozenset(i for i in ids if isinstance(i, str))


def _spoiled_lines(source: SourceFile) -> list[int]:
    return [f.location.line for f in source.findings if f.code in _SPOILING]


def _holds(source: SourceFile, path: tuple[str, int], lines: list[int]) -> bool:
    where = source.locate(*path)
    end = where.end_line or where.line
    return any(where.line <= line <= end for line in lines)
