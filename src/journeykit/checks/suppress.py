"""Suppression comments in the YAML: `# journeykit: disable=JK305` and `disable-file=`.

A comment after a node's first line silences the named codes (or prefixes) within that
node: on `- id: x` the whole list item, on `key: value` that key and its value. A comment
alone on its line covers the node that starts on the next line. `disable-file` anywhere
covers the whole file. A rule may be named by code, prefix or name (`disable=missing-owner`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journeykit.checks.lintsettings import rule_code
from journeykit.findings import Finding
from journeykit.loader.source import SourceFile

_DIRECTIVE = re.compile(
    r"(?:^|\s)(#\s*journeykit:\s*(disable-file|disable)\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*))"
)


@dataclass(frozen=True, slots=True)
class Suppression:
    file: str
    line: int
    """Line of the comment (1-based)."""
    column: int
    """Column of its `#` (1-based)."""
    codes: tuple[str, ...]
    """Codes or prefixes as written, a rule's name as its code."""
    first: int
    """First line covered; with `last`, 0 and 0 for a comment that covers nothing."""
    last: int
    whole_file: bool = False

    def covers(self, finding: Finding, code: str) -> bool:
        loc = finding.location
        if loc.file != self.file or not finding.code.startswith(code):
            return False
        return self.whole_file or self.first <= loc.line <= self.last


def parse_suppressions(source: SourceFile) -> list[Suppression]:
    if not source.text or "journeykit:" not in source.text:
        return []
    lines = source.text.splitlines()
    positions = source.positions
    spans = positions.line_spans() if positions is not None else node_spans(source.root)
    found: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        codes = tuple(rule_code(c.strip()) for c in match[3].split(","))
        column = match.start(1) + 1
        if match[2] == "disable-file":
            found.append(Suppression(source.rel, number, column, codes, 1, len(lines), True))
            continue
        target = number
        if not line[: match.start(1)].strip():
            target = _next_content_line(lines, number)
        last = spans.get(target, target) if target else 0
        found.append(Suppression(source.rel, number, column, codes, target, last))
    return found


def _next_content_line(lines: list[str], after: int) -> int:
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return 0


def node_spans(root: Node | None) -> dict[int, int]:
    """1-based first line of each node below the root -> the last line it covers."""
    spans: dict[int, int] = {}

    def note(start: Node, last: int) -> None:
        first = start.start_mark.line + 1
        spans[first] = max(spans.get(first, first), last)

    def walk(node: Node) -> int:
        if isinstance(node, MappingNode):
            last = node.start_mark.line + 1
            for key, value in node.value:
                end = max(walk(key), walk(value))
                note(key, end)
                last = max(last, end)
        elif isinstance(node, SequenceNode):
            last = node.start_mark.line + 1
            for item in node.value:
                end = walk(item)
                note(item, end)
                last = max(last, end)
        else:
            last = _scalar_last_line(node)
        return last

    if root is not None:
        walk(root)
    return spans


def _scalar_last_line(node: Node) -> int:
    end = node.end_mark
    # A block scalar ends at column 0 of the line after its text.
    if isinstance(node, ScalarNode) and end.column == 0 and end.line > node.start_mark.line:
        return end.line
    return end.line + 1


def apply_suppressions(
    findings: Iterable[Finding], suppressions: list[Suppression]
) -> tuple[list[Finding], set[tuple[int, str]]]:
    """Findings no comment silences, and the (suppression index, code) pairs that did."""
    kept: list[Finding] = []
    used: set[tuple[int, str]] = set()
    by_file: dict[str, list[tuple[int, Suppression]]] = {}
    for i, suppression in enumerate(suppressions):
        by_file.setdefault(suppression.file, []).append((i, suppression))
    for finding in findings:
        here = by_file.get(finding.location.file)
        if here is None:  # most files have no suppression comment
            kept.append(finding)
            continue
        hits = [(i, code) for i, s in here for code in s.codes if s.covers(finding, code)]
        if hits:
            used.update(hits)
        else:
            kept.append(finding)
    return kept, used


def unused(
    suppressions: list[Suppression], used: set[tuple[int, str]]
) -> Iterator[tuple[Suppression, str]]:
    for i, suppression in enumerate(suppressions):
        for code in suppression.codes:
            if (i, code) not in used:
                yield suppression, code
