"""From a path of keys and indexes to the YAML node, its line and column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit.findings import Location

PathPart = str | int

_INDEX_FROM = 16
"""Mappings with this many entries or more are indexed by key on the first lookup; a
smaller one is scanned (cheaper than building a dict for a handful of keys)."""


def format_path(parts: Sequence[PathPart]) -> str:
    """`("touchpoints", 2, "channel")` -> `touchpoints[2].channel`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Where(Protocol):
    """What gives the locations of paths in one file: `Locator` over its node tree, or
    `positions.PositionsLocator` over what the fast path noted."""

    def locate(self, parts: Sequence[PathPart], *, key: bool = False) -> Location: ...


class Locator:
    """Locations in one file's node tree, for any number of paths at linear cost.

    Each big mapping is indexed by key the first time a path goes through it, so a file
    with 200,000 unknown top-level keys is walked once, not once per finding (which took
    minutes). The index lives as long as the locator: make one per tree.
    """

    __slots__ = ("_keys", "file", "root")

    def __init__(self, file: str, root: Node | None, *, index: bool = True) -> None:
        self.file = file
        self.root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] | None = {} if index else None
        """By id() of a mapping node (alive as long as `root`): its first pair per key."""

    def _pair(self, node: MappingNode, part: str) -> tuple[Node, Node] | None:
        pairs = node.value
        if self._keys is None or len(pairs) < _INDEX_FROM:
            for key_node, value_node in pairs:
                if isinstance(key_node, ScalarNode) and key_node.value == part:
                    return key_node, value_node
            return None
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in pairs:
                if isinstance(key_node, ScalarNode) and isinstance(key_node.value, str):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index.get(part)

    def find(self, parts: Sequence[PathPart], *, key: bool = False) -> Node | None:
        """Follow `parts` as far as they lead; the node reached.

        Parts that do not match (pydantic adds union member names such as `Transition`)
        are skipped. With `key=True` a final mapping key points at the key, not its value.
        """
        node = self.root
        last = len(parts) - 1
        for i, part in enumerate(parts):
            if isinstance(node, MappingNode) and isinstance(part, str):
                pair = self._pair(node, part)
                if pair is not None:
                    node = pair[0] if key and i == last else pair[1]
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                node = node.value[part]
        return node

    def locate(self, parts: Sequence[PathPart], *, key: bool = False) -> Location:
        node = self.find(parts, key=key)
        if node is None:
            return Location(self.file, 1, 1, format_path(parts))
        start, end = node.start_mark, node.end_mark
        return Location(
            self.file,
            start.line + 1,
            start.column + 1,
            format_path(parts),
            end.line + 1,
            end.column + 1,
        )


def locate(
    file: str, root: Node | None, parts: Sequence[PathPart], *, key: bool = False
) -> Location:
    """One location, by scanning; for many in the same tree, keep a `Locator`."""
    return Locator(file, root, index=False).locate(parts, key=key)
