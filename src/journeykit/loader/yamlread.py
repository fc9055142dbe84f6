"""Bytes to plain Python values, keeping the YAML node tree for locations.

PyYAML's C composer does the parsing. Around it, guards that make hostile input an
ordinary finding: size, encoding, binary content, nesting depth (libyaml's composer
recurses in C and crashes past ~100k levels), duplicate keys, unknown tags, and alias
expansion (PyYAML shares aliased nodes, so a "billion laughs" document composes in a
millisecond and explodes later, in whoever walks it).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location
from journeykit.loader import fastpath
from journeykit.loader.fastpath import resolve_scalar
from journeykit.loader.limits import Limits

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class _MergeKey(Exception):
    """A merge key (<<) met by the light walk: the general one handles merges."""


class _TooDeep(Exception):
    """Raised inside the composer as soon as nesting passes the limit."""


class _Loader(yaml.CSafeLoader):
    """libyaml's composer with the depth guard inside it and a cheaper tag resolver.

    The composer recurses in C and crashes past ~100k levels. It calls
    `descend_resolver`/`ascend_resolver` around every node and `resolve` for every
    untagged one, so counting there stops it at the limit before it gets deep, without
    a separate pass over the events. `resolve` gives the same tags as PyYAML's, without
    its path-resolver bookkeeping (SafeLoader has no path resolvers).
    """

    def __init__(self, text: str, max_depth: int) -> None:
        super().__init__(text)
        self.depth = 0
        self.max_depth = max_depth

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.depth += 1
        if self.depth > self.max_depth + 1:  # a node below a collection that is too deep
            raise _TooDeep

    def ascend_resolver(self) -> None:
        self.depth -= 1

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return resolve_scalar(value, implicit)
        if self.depth > self.max_depth:
            raise _TooDeep
        return _SEQ if kind is SequenceNode else _MAP


@dataclass(slots=True)
class ParsedYaml:
    """What reading one file gives: the value (None when unreadable) and its node tree."""

    value: Any = None
    root: Node | None = None
    """None also when the fast path read a clean file: `compose(text)` gives it then."""
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)


class _Abort(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


@contextmanager
def paused_gc() -> Iterator[None]:
    """Parsing makes millions of objects and no cycles; the collector only slows it down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode(data: bytes, file: str, limits: Limits) -> tuple[str | None, Finding | None]:
    if len(data) > limits.max_file_bytes:
        return None, bc.FILE_TOO_LARGE.finding(
            f"file is larger than the limit of {limits.max_file_bytes:,} bytes",
            Location(file),
            "raise `max-file-size` under [limits] in journeykit.toml if this is intended",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        return None, bc.BINARY_FILE.finding(
            "file holds a NUL byte: it is binary, not YAML text", Location(file, line, col)
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line, col = _line_col(data, start)
        return None, bc.INVALID_ENCODING.finding(
            f"file is not valid UTF-8: byte 0x{data[start]:02x} cannot be decoded",
            Location(file, line, col),
            "save the file as UTF-8",
        )
    return text, None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _too_deep(text: str, file: str, max_depth: int) -> Finding:
    """The finding for nesting deeper than `max_depth`, at the first collection too deep.

    Runs only after the composer stopped at the limit: the events say where.
    """
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, starts):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    return bc.NESTING_TOO_DEEP.finding(
                        f"nesting is deeper than the limit of {max_depth} levels",
                        Location(file, line, col),
                    )
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError:
        pass
    return bc.NESTING_TOO_DEEP.finding(
        f"nesting is deeper than the limit of {max_depth} levels", Location(file)
    )


def parse(data: bytes, file: str, limits: Limits | None = None) -> ParsedYaml:
    """Read one YAML file into plain values; every problem becomes a finding."""
    limits = limits or Limits()
    text, problem = decode(data, file, limits)
    if problem is not None or text is None:
        return ParsedYaml(findings=[problem])  # type: ignore[list-item]
    return parse_text(text, file, limits)


def parse_text(text: str, file: str, limits: Limits) -> ParsedYaml:
    """`parse` after decoding."""
    result = ParsedYaml(text=text)
    with paused_gc():
        result.value = fastpath.build(text, limits.max_depth)
        if result.value is not None:
            return result
        root = _compose(text, file, result, limits.max_depth)
        if root is None:
            return result
        result.root = root
        if not isinstance(root, MappingNode):
            kind = "a list" if isinstance(root, SequenceNode) else "a single value"
            result.findings.append(
                bc.WRONG_TOP_LEVEL.finding(
                    f"the document is {kind}, but a journeykit file is a mapping of keys",
                    _loc(file, root),
                )
            )
            return result
        if sys.getrecursionlimit() < limits.max_depth + 500:
            sys.setrecursionlimit(limits.max_depth + 500)
        walker = _Walker(file, limits)
        try:
            result.value = walker.value(root, 1, shared="*" in text)
        except _Abort as abort:
            walker.findings.append(abort.finding)
            result.value = None
        result.findings.extend(walker.findings)
    return result


def _compose(text: str, file: str, result: ParsedYaml, max_depth: int) -> Node | None:
    loader = _Loader(text, max_depth)
    try:
        root: Node | None = loader.get_single_node()
    except _TooDeep:
        result.findings.append(_too_deep(text, file, max_depth))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "expected a single document" in f"{exc.context} {exc.problem}":
            result.findings.append(
                bc.MULTIPLE_DOCUMENTS.finding(
                    "the file holds more than one YAML document; journeykit reads one per file",
                    Location(file, line, col),
                    "split the documents into separate files",
                )
            )
        else:
            message = " ".join(p for p in (exc.context, exc.problem) if p)
            result.findings.append(bc.YAML_SYNTAX.finding(message, Location(file, line, col)))
        return None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        reason = getattr(exc, "reason", None) or str(exc)
        character = getattr(exc, "character", None)
        if isinstance(character, str):
            reason = f"{reason}: character U+{ord(character):04X} is not allowed in YAML"
        result.findings.append(bc.YAML_SYNTAX.finding(reason, Location(file, line, col)))
        return None
    finally:
        loader.dispose()
    if root is None:
        result.findings.append(
            bc.EMPTY_FILE.finding("the file is empty: it holds no YAML document", Location(file))
        )
    return root


def compose(text: str, max_depth: int = 10_000) -> Node | None:
    """The node tree of a text that loaded before: for locations, after the fast path."""
    with paused_gc():
        loader = _Loader(text, max_depth)
        try:
            root: Node | None = loader.get_single_node()
            return root
        except (yaml.YAMLError, _TooDeep):
            return None
        finally:
            loader.dispose()


def _loc(file: str, node: Node) -> Location:
    start, end = node.start_mark, node.end_mark
    return Location(file, start.line + 1, start.column + 1, "", end.line + 1, end.column + 1)


_IN_PROGRESS: Any = object()
_Converted = tuple[Any, int, int]
"""A converted node: its value, its size and its height, aliases expanded."""


class _Walker:
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
            self._check_tag(node, _SEQ)
            return [self._plain(child) for child in node.value]
        self._check_tag(node, _MAP)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self._complex_key(key_node)
                continue
            if key_node.tag == _MERGE:
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
                _loc(self.file, key_node),
            )
        )

    def _duplicate_key(self, key_node: Node, first: Node) -> None:
        self.findings.append(
            bc.DUPLICATE_KEY.finding(
                f"duplicate key {key_node.value!r} (first defined on line "
                f"{first.start_mark.line + 1})",
                _loc(self.file, key_node),
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
            raise _Abort(self._too_deep(node))
        self.seen[key] = _IN_PROGRESS
        if isinstance(node, MappingNode):
            result = self._mapping(node, depth)
        else:
            assert isinstance(node, SequenceNode)
            self._check_tag(node, _SEQ)
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
            raise _Abort(
                bc.RECURSIVE_ALIAS.finding(
                    "an alias refers to a node that contains it", _loc(self.file, parent)
                )
            )
        if depth - 1 + seen[2] > self.limits.max_depth:
            raise _Abort(self._too_deep(parent))
        self.alias_nodes += seen[1]
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise _Abort(
                bc.ALIAS_EXPANSION.finding(
                    f"aliases expand the document by more than "
                    f"{self.limits.max_alias_nodes:,} nodes (an alias bomb?)",
                    _loc(self.file, parent),
                )
            )
        return seen

    def _too_deep(self, node: Node) -> Finding:
        return bc.NESTING_TOO_DEEP.finding(
            f"nesting is deeper than the limit of {self.limits.max_depth} levels "
            "once aliases are expanded",
            _loc(self.file, node),
        )

    def _mapping(self, node: MappingNode, depth: int) -> _Converted:
        self._check_tag(node, _MAP)
        out: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        merges: list[Node] = []
        size = 1
        height = 0
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._complex_key(key_node)
                continue
            if key_node.tag == _MERGE:
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
                        "a merge key (<<) must refer to a mapping", _loc(self.file, source)
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
                    _loc(self.file, node),
                )
            )

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag in (_STR, _TIMESTAMP) or tag == "!":
            return text
        if tag == _INT:
            return fastpath.to_int(text)
        if tag == _FLOAT:
            return fastpath.to_float(text)
        if tag == _BOOL:
            # YAML 1.2: only true/false are booleans; "no" stays the text it looks like.
            return True if text in _TRUE else False if text in _FALSE else text
        if tag == _NULL:
            return None
        self._check_tag(node, _STR)
        return text
