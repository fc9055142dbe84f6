"""Bytes to plain Python values, keeping the YAML node tree for locations.

PyYAML's C composer does the parsing. Around it, guards that make hostile input an
ordinary finding: size, encoding, binary content, nesting depth (libyaml's composer
recurses in C and crashes past ~100k levels), duplicate keys, unknown tags, and alias
expansion (PyYAML shares aliased nodes, so a "billion laughs" document composes in a
millisecond and explodes later, in whoever walks it).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit import builtin_checks as bc
from journeykit.collector import paused_gc
from journeykit.findings import Finding, Location
from journeykit.loader import fastpath, scalars
from journeykit.loader.cuttext import cut_texts
from journeykit.loader.limits import Limits
from journeykit.loader.located import build_located
from journeykit.loader.positions import Positions
from journeykit.loader.textdecode import decode
from journeykit.loader.walker import Abort, Walker, node_location
from journeykit.loader.yamlslips import slip

LOCATED_BELOW = 1_000_000
"""A text this long or longer is read without positions even when asked: they take ~40
bytes a node while noted, and a big file's findings are located in its tree (composed
when asked, one file at a time), as they were before positions."""
LIBYAML_DEPTH_CAP = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops past 1,000 levels with this problem."""


class _TooDeep(Exception):
    """Raised inside the composer as soon as nesting passes the limit."""


class _Loader(yaml.CSafeLoader):
    """libyaml's composer with the depth guard inside it and a cheaper tag resolver.

    The composer recurses in C and crashes past ~100k levels. It calls
    `descend_resolver`/`ascend_resolver` around every node and `resolve` for every
    untagged one, so counting there stops it at the limit before it gets deep, without
    a separate pass over the events. `resolve` gives YAML 1.2's tags (`scalars`), not
    PyYAML's 1.1 ones, and skips its path-resolver bookkeeping (SafeLoader has none).
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
        if kind is ScalarNode:  # YAML 1.2's core schema, as the fast path reads it
            return scalars.resolve(value) if implicit[0] else scalars.STR
        if self.depth > self.max_depth:
            raise _TooDeep
        return scalars.SEQ if kind is SequenceNode else scalars.MAP


@dataclass(slots=True)
class ParsedYaml:
    """What reading one file gives: the value (None when unreadable) and its node tree."""

    value: Any = None
    root: Node | None = None
    """None also when the fast path read a clean file: `compose(text)` gives it then."""
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
    positions: Positions | None = None
    """Where the fast path found each node, when asked to note it (`located`)."""


def _too_deep(text: str, file: str, max_depth: int) -> Finding:
    """The finding for nesting deeper than `max_depth`, at the first collection too deep.

    Runs only after the composer (or libyaml's own cap) stopped the parse: the events
    say where. libyaml's scanner refuses a flow collection past its own nesting cap of
    1,000 before the parser emits the events that lead there, so this reads the events
    with PyYAML's pure-Python parser, which has no such cap. It is slow, but it runs on
    this error path only and stops at the first collection too deep.
    """
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
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
    text, problem = decode(data, file, limits.max_file_bytes)
    if problem is not None or text is None:
        return ParsedYaml(findings=[problem])  # type: ignore[list-item]
    return parse_text(text, file, limits)


def parse_text(text: str, file: str, limits: Limits, *, located: bool = False) -> ParsedYaml:
    """`parse` after decoding. `located` has the fast path note where each node is, for a
    file whose findings will be located: no tree is composed for them then."""
    result = ParsedYaml(text=text)
    with paused_gc():
        if located and len(text) < LOCATED_BELOW:
            built = build_located(text, limits.max_depth)
            if built is not None:
                result.value, result.positions = built
        else:
            result.value = fastpath.build(text, limits.max_depth)
        if result.value is not None:
            result.findings.extend(cut_texts(text, file))
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
                    node_location(file, root),
                )
            )
            return result
        if sys.getrecursionlimit() < limits.max_depth + 500:
            sys.setrecursionlimit(limits.max_depth + 500)
        walker = Walker(file, limits)
        try:
            result.value = walker.value(root, 1, shared="*" in text)
        except Abort as abort:
            walker.findings.append(abort.finding)
            result.value = None
        result.findings.extend(walker.findings)
        if result.value is not None:
            result.findings.extend(cut_texts(text, file))
    return result


def _compose(text: str, file: str, result: ParsedYaml, max_depth: int) -> Node | None:
    loader = _Loader(text, max_depth)
    try:
        root: Node | None = loader.get_single_node()
    except _TooDeep:
        result.findings.append(_too_deep(text, file, max_depth))
        return None
    except yaml.MarkedYAMLError as exc:
        if exc.problem and LIBYAML_DEPTH_CAP in exc.problem:
            result.findings.append(_too_deep(text, file, max_depth))
            return None
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
            result.findings.append(
                slip(text, file, message, line, col)
                or bc.YAML_SYNTAX.finding(message, Location(file, line, col))
            )
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


class _PositionsLoader(yaml.CSafeLoader):
    """libyaml's composer building nodes for their positions only: no tags resolved.

    Only for a text the fast path has read (so its depth is within the limit, which
    keeps the recursive composer safe); resolving tags in Python was 40% of the time.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return ""


def compose(text: str) -> Node | None:
    """The node tree of a text the fast path loaded, for locations (tags left empty)."""
    with paused_gc():
        loader = _PositionsLoader(text)
        try:
            root: Node | None = loader.get_single_node()
            return root
        except yaml.YAMLError:
            return None
        finally:
            loader.dispose()
