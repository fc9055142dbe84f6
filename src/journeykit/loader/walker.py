"""The node tree to plain values, with the checks only a tree walk can make.

Duplicate keys, unsupported tags, complex keys, merge keys, recursive aliases, and
alias expansion: PyYAML shares aliased nodes, so a "billion laughs" document composes
in a millisecond and explodes later, in whoever walks it. Here every collection is
converted once and remembered with its size and height, so an alias costs a lookup.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location
from journeykit.loader import scalars
from journeykit.loader.limits import Limits


class _MergeKey(Exception):
    """A merge key (<<) met by the light walk: the general one handles merges."""


class Abort(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def node_location(file: str, node: Node) -> Location:
    start, end = node.start_mark, node.end_mark
    return Location(file, start.line + 1, start.column + 1, "", end.line + 1, end.column + 1)


_IN_PROGRESS: Any = object()
_Converted = tuple[Any, int, int]
"""A converted node: its value, its size and its height, aliases expanded."""


class Walker:
    """Turns the node tree into plain values, counting what aliases add.

    Every collection is converted once and remembered with its size and height, so an
    alias costs a lookup: the alias bomb is measured, never expanded.
    """

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.findings: list[Finding] = []
        self.seen: dict[int, _Converted] = {}
        self.alias_nodes = 0

    def value(self, node: Node, depth: int, shared: bool = True) -> Any:
        """The plain value of `node`.

        `shared=False` promises that no node appears twice (the text has no alias): then
        a lighter walk does, with no sizes to count and no depth to check (the composer
        already did).
        """
        if not shared:
            try:
                return self._plain(node)
            except _MergeKey:
                self.findings.clear()
        return self._node(node, depth, node)[0]

    def _plain(self, node: Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            return self._scalar(node)  # type: ignore[arg-type]
        if kind is SequenceNode:
            self._check_tag(node, scalars.SEQ)
            return [self._plain(child) for child in node.value]
        self._check_tag(node, scalars.MAP)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self._complex_key(key_node)
                continue
            if key_node.tag == scalars.MERGE:
                raise _MergeKey
            key = key_node.value
            if key in out:
                first = next(k for k, _ in node.value if k.value == key and k is not key_node)
                self._duplicate_key(key_node, first)
                continue
            out[key] = self._plain(value_node)
        return out

    def _complex_key(self, key_node: Node) -> None:
        self.findings.append(
            bc.COMPLEX_KEY.finding(
                "a mapping key must be a plain value, not a mapping or a list",
                node_location(self.file, key_node),
            )
        )

    def _duplicate_key(self, key_node: Node, first: Node) -> None:
        self.findings.append(
            bc.DUPLICATE_KEY.finding(
                f"duplicate key {key_node.value!r} (first defined on line "
                f"{first.start_mark.line + 1})",
                node_location(self.file, key_node),
                "YAML parsers silently keep only one of them; remove one",
            )
        )

    def _node(self, node: Node, depth: int, parent: Node) -> _Converted:
        if isinstance(node, ScalarNode):
            return self._scalar(node), 1, 0
        key = id(node)
        seen = self.seen.get(key)
        if seen is not None:
            return self._alias(seen, depth, parent)
        if depth > self.limits.max_depth:
            raise Abort(self._too_deep(node))
        self.seen[key] = _IN_PROGRESS
        if isinstance(node, MappingNode):
            result = self._mapping(node, depth)
        else:
            assert isinstance(node, SequenceNode)
            self._check_tag(node, scalars.SEQ)
            items = []
            size = 1
            height = 0
            for child in node.value:
                value, child_size, child_height = self._node(child, depth + 1, node)
                items.append(value)
                size += child_size
                height = max(height, child_height)
            result = (items, size, height + 1)
        self.seen[key] = result
        return result

    def _alias(self, seen: _Converted, depth: int, parent: Node) -> _Converted:
        if seen is _IN_PROGRESS:
            raise Abort(
                bc.RECURSIVE_ALIAS.finding(
                    "an alias refers to a node that contains it", node_location(self.file, parent)
                )
            )
        if depth - 1 + seen[2] > self.limits.max_depth:
            raise Abort(self._too_deep(parent))
        self.alias_nodes += seen[1]
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise Abort(
                bc.ALIAS_EXPANSION.finding(
                    f"aliases expand the document by more than "
                    f"{self.limits.max_alias_nodes:,} nodes (an alias bomb?)",
                    node_location(self.file, parent),
                )
            )
        return seen

    def _too_deep(self, node: Node) -> Finding:
        return bc.NESTING_TOO_DEEP.finding(
            f"nesting is deeper than the limit of {self.limits.max_depth} levels "
            "once aliases are expanded",
            node_location(self.file, node),
        )

    def _mapping(self, node: MappingNode, depth: int) -> _Converted:
        self._check_tag(node, scalars.MAP)
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        merges: list[Node] = []
        size = 1
        height = 0
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._complex_key(key_node)
                continue
            if key_node.tag == scalars.MERGE:
                merges.append(value_node)
                continue
            key = key_node.value
            if key in first_seen:
                self._duplicate_key(key_node, first_seen[key])
                continue
            first_seen[key] = key_node
            out[key], child_size, child_height = self._node(value_node, depth + 1, node)
            size += child_size + 1
            height = max(height, child_height)
        for merge in merges:
            size += self._merge(out, merge, depth, node)
        return out, size, height + 1

    def _merge(self, out: dict[str, Any], merge: Node, depth: int, parent: Node) -> int:
        sources = merge.value if isinstance(merge, SequenceNode) else [merge]
        size = 0
        for source in sources:
            value, child_size, _ = self._node(source, depth, parent)
            if not isinstance(value, dict):
                self.findings.append(
                    bc.INVALID_VALUE.finding(
                        "a merge key (<<) must refer to a mapping", node_location(self.file, source)
                    )
                )
                continue
            for key, item in value.items():
                out.setdefault(key, item)
            size += child_size
        return size

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            self.findings.append(
                bc.UNSUPPORTED_TAG.finding(
                    f"tag {node.tag!r} is not supported; journeykit reads plain YAML only",
                    node_location(self.file, node),
                )
            )

    def _scalar(self, node: ScalarNode) -> Any:
        """The value of a scalar by its tag: the composer resolved untagged ones with
        `scalars.resolve` (YAML 1.2), which the fast path's `scalars.plain` agrees with."""
        tag, text = node.tag, node.value
        if tag == scalars.STR or tag == "!":
            return text
        if tag == scalars.INT:
            return scalars.to_int(text)
        if tag == scalars.FLOAT:
            return scalars.to_float(text)
        if tag == scalars.BOOL:
            return True if text in scalars.TRUE else False if text in scalars.FALSE else text
        if tag == scalars.NULL:
            return None
        if tag == scalars.TIMESTAMP or (tag == scalars.MERGE and text == "<<"):
            return text  # an explicit !!timestamp stays text; `<<` is a merge only as a key
        self._check_tag(node, scalars.STR)
        return text
