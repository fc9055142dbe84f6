"""Syntax errors that common slips cause, said in plain words with their fix.

libyaml's problems name its own state ("while scanning a plain scalar found a tab
character that violates indentation", "mapping values are not allowed in this
context"). Two slips give most of them in hand-written journey files: a tab in the
indentation (an editor's Tab key) and an unquoted `: ` inside a text (`name: Step 2:
pay`). The text of the line the error points at tells them apart from other errors;
anything else keeps libyaml's words.
"""

from __future__ import annotations

import re

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location

_INDENT = re.compile(r"(?:[ \t]|-(?=[ \t]))*")
"""The start of a line up to its first key or value: spaces, tabs and `- ` markers."""
_KEY_VALUE = re.compile(
    r"""(?P<lead>(?:[ ]*-[ ]+)*[ ]*)"""
    r"""(?P<key>"[^"\\]*"|'[^']*'|[^\s"'\[\]{},#&*!|>%@`][^:#]*?)"""
    r""":[ \t]+(?P<value>[^\s"'\[\]{}&*!|>%@`#].*?)(?:[ ]+\#.*)?[ ]*$"""
)
"""`key: value` in block style, the value plain (unquoted), a trailing comment apart."""
_MAPPING_VALUES = "mapping values are not allowed"
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks libyaml counts lines by."""


def slip(text: str, file: str, problem: str | None, line: int, column: int) -> Finding | None:
    """The plain-words finding for the syntax error at 1-based `line`:`column`, or None
    when it is not one of the slips."""
    lines = _BREAK.split(text)
    if not 1 <= line <= len(lines):
        return None
    row = lines[line - 1]
    tab = _tab(row, problem or "", column)
    if tab is not None:
        return bc.YAML_SYNTAX.finding(
            f"YAML indents with spaces; line {line} has a tab",
            Location(file, line, tab),
            "replace the tab with spaces",
        )
    if problem and _MAPPING_VALUES in problem:
        return _colon_in_text(row, file, line, column)
    return None


def _tab(row: str, problem: str, column: int) -> int | None:
    """For an error about a tab, the 1-based column of the first tab in the line's
    indentation, or of the tab the error points at. (A tab is fine between the values
    of a flow collection `[...]`, so a tab elsewhere on the line is no cause.)"""
    at_tab = 1 <= column <= len(row) and row[column - 1] == "\t"
    if not at_tab and "tab" not in problem:
        return None
    indent = _INDENT.match(row)
    where = indent[0].find("\t") if indent else -1
    if where >= 0:
        return where + 1
    return column if at_tab else None


def _colon_in_text(row: str, file: str, line: int, column: int) -> Finding | None:
    """`name: Step 2: pay`: the second `: ` starts a mapping where no mapping can be."""
    match = _KEY_VALUE.fullmatch(row)
    if match is None or match.start("value") >= column - 1:
        return None  # the colon is the key's own: say, a line indented too far
    key, value = match["key"], match["value"]
    return bc.YAML_SYNTAX.finding(
        f"the text of {key!r} holds a ':' that YAML reads as the start of another key",
        Location(file, line, column),
        f"quote the text: {key}: {quoted(value)}",
    )


def quoted(value: str) -> str:
    """`value` as a YAML quoted scalar: double quotes unless it holds `"` or `\\`, whose
    escapes would change it; then single quotes, with `'` doubled."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"
