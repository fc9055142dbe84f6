"""How messages word a count or a list, for every layer (rules, renderers, output)."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, noun: str, many: str | None = None) -> str:
    """`1 journey`, `2 journeys`, `1,200 files`: a count with its noun in the right number."""
    return f"{n:,} {noun if n == 1 else (many or noun + 's')}"


def listed(items: Sequence[str], last: str = "or") -> str:
    """'a', 'a or b', 'a, b or c' (with `last="and"`: 'a, b and c')."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
