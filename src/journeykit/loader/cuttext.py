"""JK020: an unquoted ` #` that cut a text short, as in `content: Use code #WELCOME`.

YAML starts a comment at a `#` after a space, so that value is "Use code" and nothing
says so. The rule: a plain (unquoted) value that ends, on its line, one space before a
`#` that is followed by a character other than a space. That is how a hashtag, a code
or a number (`#WELCOME`, `#1`) reads inside text, and it is not how comments are
usually written: `key: value  # note` (two spaces) and `key: value # note` (a space
after the `#`) are comments and stay silent, as do comments on their own line and after
a key with no value (`key: #TODO`).

libyaml's events carry no comments, so the text is searched for the candidates first
(`#` plus a non-space character, with one space and a non-space character before it),
which is a C-speed scan of the text. Only a file that has one is parsed again for its
events, and only up to the last candidate: an event says exactly where a plain value
ends, so a `#` inside quotes, a block scalar or a comment is never taken for a cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml._yaml import CParser

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location

_HASH = re.compile(r"#(?=\S)")
_SPACE = frozenset(" \t\r\n\ufeff")
_SHOWN = 40
_REST_OF_LINE = re.compile("[^\r\n\x85\u2028\u2029]*")


def candidates(text: str) -> set[int]:
    """Indexes of the spaces before each `#` that could end a plain value."""
    found = set()
    for match in _HASH.finditer(text):
        at = match.start()
        if at >= 2 and text[at - 1] == " " and text[at - 2] not in _SPACE:
            found.add(at - 1)
    return found


def cut_texts(text: str, file: str) -> list[Finding]:
    """A JK020 warning for every plain value that an unquoted ` #` cut short."""
    spaces = candidates(text)
    if not spaces:
        return []
    findings: list[Finding] = []
    parser = CParser(text)
    try:
        _scan(parser.get_event, spaces, findings, text, file)
    except yaml.YAMLError:
        pass  # the file has been read already: a syntax error has its own finding
    finally:
        parser.dispose()
    return findings


def _scan(
    get: Callable[[], Any], spaces: set[int], findings: list[Finding], text: str, file: str
) -> None:
    """The events up to the last candidate; the plain values that end at one."""
    last = max(spaces)
    while (event := get()) is not None:
        end = event.end_mark
        if end is None:
            continue
        if (
            type(event) is yaml.ScalarEvent
            and event.style == ""
            and event.value  # an empty value is no text cut short
            and end.index in spaces
        ):
            at = (end.index, end.line, end.column)
            findings.append(_finding(text, file, event.value, *at))
        if end.index > last:
            break


def _finding(text: str, file: str, value: str, space: int, line: int, column: int) -> Finding:
    """The warning for `value`, whose plain scalar ends at the 0-based `space`."""
    rest = _REST_OF_LINE.match(text, space + 1)
    comment = rest[0].rstrip() if rest else "#"
    shown = value if len(value) <= _SHOWN else "..." + value[-_SHOWN:]
    cut = comment if len(comment) <= _SHOWN else comment[:_SHOWN] + "..."
    line, column = line + 1, column + 2  # the `#` after the space, 1-based
    return bc.COMMENT_IN_TEXT.finding(
        f"the text is cut at this '#': YAML reads {cut!r} as a comment, so the value is {shown!r}",
        Location(file, line, column, "", line, column + len(comment)),
        "quote the whole value to keep the '#' in it; to write a comment, put two "
        "spaces before the '#' or a space after it",
    )
