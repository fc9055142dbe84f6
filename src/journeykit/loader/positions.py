"""Where every node of a file is, noted while the values are read: no node tree.

Composing a tree only to locate findings cost as much as parsing the file again (a
1,000-journey lint spent a third of its CPU there). The events the fast path reads carry
their marks, so `located` notes them as it goes, in three flat lists of plain values
(an `array` took longer to fill than the parse, a dict per key longer to send between
processes):

- `marks`: four numbers per node in document order (keys included): the start and end
  line and column, 0-based as libyaml gives them. A node is named by its offset here (a
  multiple of 4; the document's top mapping is 0).
- `names`: the text of every mapping key, in document order.
- `shape`: four numbers per collection, in the order they start: its offset, the index
  in `names` of its first key (-1 for a sequence), the offset after everything in it,
  and the index in `names` after every key in it.

That is enough to follow a path of keys and indexes as `locate.Locator` follows the
tree, with the very same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeykit.findings import Location
from journeykit.loader.locate import PathPart, format_path

_INDEX_FROM = 4
"""A lookup that passes this many entries of a collection indexes it by key or position
(lint looks up the same few collections of a journey again and again)."""


class Positions:
    """The marks of one file's nodes; see the module docstring."""

    __slots__ = ("_collections", "_found", "_indexed", "marks", "names", "shape")

    def __init__(self, marks: list[int], names: list[str], shape: list[int]) -> None:
        self.marks = marks
        self.names = names
        self.shape = shape
        self._collections: dict[int, tuple[int, int, int]] | None = None
        """Offset of each collection -> its first key, end offset and key end (`shape`)."""
        self._indexed: dict[int, dict[str, int] | list[int]] = {}
        """Collections' entries by key or position, once a lookup passed `_INDEX_FROM`."""
        self._found: dict[tuple[str, tuple[PathPart, ...], bool], Location] = {}
        """The locations given so far: the rules on a journey ask for many twice."""

    def __reduce__(self) -> tuple[Any, ...]:
        return Positions.from_data, (self.to_data(),)

    def to_data(self) -> tuple[list[int], list[str], list[int]]:
        """Plain values, for `marshal` between processes."""
        return self.marks, self.names, self.shape

    @staticmethod
    def from_data(data: Sequence[Any]) -> Positions:
        marks, names, shape = data
        return Positions(marks, names, shape)

    def forget(self) -> None:
        """Let the lookup tables go (they are made again when asked)."""
        self._collections = None
        if self._indexed:
            self._indexed = {}
        if self._found:
            self._found = {}

    def line_spans(self) -> dict[int, int]:
        """1-based first line of each node below the top -> the last line it covers, as
        `checks.suppress.node_spans` has it from the tree."""
        spans: dict[int, int] = {}
        self._span(0, spans)
        return spans

    def _span(self, node: int, spans: dict[int, int]) -> int:
        """The last line (1-based) `node` covers; its children's spans go to `spans`."""
        marks, tables = self.marks, self._tables()
        found = tables.get(node)
        if found is None:  # a scalar: a block scalar ends at column 0 of the next line
            line, column = marks[node + 2], marks[node + 3]
            return line if column == 0 and line > marks[node] else line + 1
        first_name, end, _ = found
        last, at = marks[node] + 1, node + 4
        while at < end:
            child = at + 4 if first_name >= 0 else at  # a key's value, or an item
            covered = self._span(child, spans)
            if first_name >= 0:
                covered = max(self._span(at, spans), covered)
            first = marks[at] + 1
            spans[first] = max(spans.get(first, first), covered)
            last = max(last, covered)
            after = tables.get(child)
            at = child + 4 if after is None else after[1]
        return last

    def _tables(self) -> dict[int, tuple[int, int, int]]:
        collections = self._collections
        if collections is None:
            shape = self.shape
            entries = zip(shape[1::4], shape[2::4], shape[3::4], strict=True)
            collections = self._collections = dict(zip(shape[0::4], entries, strict=True))
        return collections

    def locate(self, file: str, parts: tuple[PathPart, ...], *, key: bool = False) -> Location:
        asked = (file, parts, key)
        found = self._found.get(asked)
        if found is None:
            at = self.find(parts, key=key)
            marks = self.marks
            found = self._found[asked] = Location(
                file,
                marks[at] + 1,
                marks[at + 1] + 1,
                format_path(parts),
                marks[at + 2] + 1,
                marks[at + 3] + 1,
            )
        return found

    def find(self, parts: Sequence[PathPart], *, key: bool = False) -> int:
        """The offset of the node `parts` lead to, as far as they lead (`Locator.find`):
        a part that does not match is skipped."""
        collections = self._tables()
        node = 0
        last = len(parts) - 1
        for i, part in enumerate(parts):
            found = collections.get(node)
            if found is None or found[1] == node + 4:
                continue  # a scalar or an empty collection: nothing below it
            first_name, end, _ = found
            if first_name >= 0:
                if isinstance(part, str):
                    at = self._key(collections, node, first_name, end, part)
                    if at is not None:
                        node = at if key and i == last else at + 4
            elif isinstance(part, int) and part >= 0:
                at = self._item(collections, node, end, part)
                if at is not None:
                    node = at
        return node

    def _key(
        self,
        collections: dict[int, tuple[int, int, int]],
        node: int,
        name: int,
        end: int,
        part: str,
    ) -> int | None:
        """The offset of the key `part` of the mapping at `node`, whose first key is
        `names[name]`."""
        index = self._indexed.get(node)
        if isinstance(index, dict):
            return index.get(part)
        names, at = self.names, node + 4
        for _ in range(_INDEX_FROM):
            if at >= end:
                return None
            if names[name] == part:
                return at
            value = collections.get(at + 4)  # the key's value, when it is a collection
            at, name = (at + 8, name + 1) if value is None else (value[1], value[2])
        self._indexed[node] = by_key = self._key_index(collections, node, end)
        return by_key.get(part)

    def _key_index(
        self, collections: dict[int, tuple[int, int, int]], node: int, end: int
    ) -> dict[str, int]:
        names, at, name = self.names, node + 4, collections[node][0]
        by_key: dict[str, int] = {}
        while at < end:
            by_key.setdefault(names[name], at)
            value = collections.get(at + 4)
            at, name = (at + 8, name + 1) if value is None else (value[1], value[2])
        return by_key

    def _item(
        self, collections: dict[int, tuple[int, int, int]], node: int, end: int, part: int
    ) -> int | None:
        """The offset of item `part` of the sequence at `node`."""
        index = self._indexed.get(node)
        if isinstance(index, list):
            return index[part] if part < len(index) else None
        at = node + 4
        for count in range(min(part, _INDEX_FROM) + 1):
            if at >= end:
                return None
            if count == part:
                return at
            item = collections.get(at)
            at = at + 4 if item is None else item[1]
        items = []
        at = node + 4
        while at < end:
            items.append(at)
            item = collections.get(at)
            at = at + 4 if item is None else item[1]
        self._indexed[node] = items
        return items[part] if part < len(items) else None


class PositionsLocator:
    """`Positions` as a `locate.Where`: the locations of paths in the file `file`."""

    __slots__ = ("file", "positions")

    def __init__(self, file: str, positions: Positions) -> None:
        self.file = file
        self.positions = positions

    def locate(self, parts: Sequence[PathPart], *, key: bool = False) -> Location:
        return self.positions.locate(self.file, tuple(parts), key=key)
