"""What a catalog with errors still defines: its valid items, and the ids of the rest.

A personas or channels file with one bad key used to count as no catalog at all, so
every journey then reported each of its references as unknown: dozens of findings that
only repeated the one real error. A catalog is a list of independent items, so each is
validated on its own. The valid ones are kept (lint and the renderers use them); an
item with an error but a readable `id` still counts as defined, so references to it
are not reported again (its error already is, at its own line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from journeykit.model import FileKind

_ITEMS = {FileKind.personas: "personas", FileKind.channels: "channels"}


@dataclass(frozen=True, slots=True)
class Salvage:
    """The usable part of a catalog file that did not validate as a whole."""

    items: tuple[tuple[int, BaseModel], ...]
    """(index in the file's list, the item's model) for every item that validated."""
    broken_ids: frozenset[str]
    """Ids of the items that did not validate."""


def salvage(kind: FileKind | None, value: Any) -> Salvage | None:
    """The valid items of a catalog's `value`; None for journeys or an unusable shape."""
    key = _ITEMS.get(kind) if kind is not None else None
    if key is None or not isinstance(value, dict):
        return None
    entries = value.get(key)
    if not isinstance(entries, list):
        return None
    model = _item_model(kind)
    items: list[tuple[int, BaseModel]] = []
    broken: set[str] = set()
    for i, entry in enumerate(entries):
        try:
            items.append((i, model.model_validate(entry)))
        except ValidationError:
            ident = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(ident, str) and ident:
                broken.add(ident)
    return Salvage(tuple(items), frozenset(broken))


def _item_model(kind: FileKind | None) -> type[BaseModel]:
    from journeykit.model import Channel, Persona

    return Persona if kind is FileKind.personas else Channel
