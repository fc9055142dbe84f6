"""The fast path noting where every node is as it reads the values: `positions.Positions`.

For lint, whose findings are located in every journey: the tree composed for that cost
as much as parsing the file again, noting the marks costs about a fifth. The loop is
`fastpath._build`'s with the noting woven in (a hook per event cost more than the noting
itself); `fastpath` stays as it was for everything else. Change both loops alike: the
tests compare their values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml._yaml import CParser

from journeykit.loader.fastpath import (
    _GIVE_UP,
    _ITEM,
    _KEY,
    _RESOLVED,
    _SHARED_LENGTH,
    DOCUMENT_END,
    DOCUMENT_START,
    MAPPING_END,
    MAPPING_START,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    STREAM_END,
    STREAM_START,
)
from journeykit.loader.positions import Positions
from journeykit.loader.scalars import plain


def build_located(text: str, max_depth: int) -> tuple[dict[str, Any], Positions] | None:
    """`fastpath.build`'s value and where each of its nodes is, or None as `build` has it."""
    noted = Positions([], [], [])
    parser = CParser(text)
    try:
        first = _opening(parser.get_event)
        if first is None:
            return None
        _open(noted, first, True)
        value = _build(parser.get_event, max_depth, noted)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return None if value is None else (value, noted)


def _opening(get: Callable[[], Any]) -> Any:
    """The event that starts the document's top level if it is an untagged mapping."""
    if type(get()) is not STREAM_START or type(get()) is not DOCUMENT_START:
        return None
    first = get()
    return first if type(first) is MAPPING_START and first.tag in (None, "!") else None


def _build(get: Callable[[], Any], max_depth: int, noted: Positions) -> dict[str, Any] | None:
    """`fastpath._build` past the opening, each scalar's marks noted inline, each
    collection's by `_open` and `_close` (`at`: the top one's place in `noted.shape`)."""
    marks, name, at = noted.marks, noted.names.append, 0
    root: dict[str, Any] = {}
    top: Any = root
    key: Any = _KEY  # or _ITEM when `top` is a list, or the key whose value comes next
    stack: list[tuple[Any, Any, int]] = []
    share = dict[str, str]().setdefault
    plain_values: dict[str, Any] = {}
    resolved, special, to_value = plain_values.get, _RESOLVED, plain
    while True:
        event = get()
        kind = type(event)
        if kind is SCALAR:
            tag = event.tag
            if tag is not None and tag != "!":
                return None
            text = event.value
            start, end = event.start_mark, event.end_mark
            marks += (start.line, start.column, end.line, end.column)
            if key is _KEY:
                if text in top or text == "<<":
                    return None
                name(key := share(text, text))
                continue
            if event.implicit[0]:
                item = resolved(text, _GIVE_UP)
                if item is _GIVE_UP:
                    item = to_value(text) if text[:1] in special else text
                    if len(text) <= _SHARED_LENGTH:
                        item = plain_values[text] = share(text, text) if item is text else item
            elif len(text) <= _SHARED_LENGTH:
                item = share(text, text)
            else:
                item = text
            if key is _ITEM:
                top.append(item)
            else:
                top[key] = item
                key = _KEY
        elif kind is MAPPING_START or kind is SEQUENCE_START:
            tag = event.tag
            if key is _KEY or len(stack) + 1 >= max_depth or (tag is not None and tag != "!"):
                return None
            if key is _ITEM:
                top.append(item := {} if kind is MAPPING_START else [])
            else:
                top[key] = item = {} if kind is MAPPING_START else []
            stack.append((top, _ITEM if key is _ITEM else _KEY, at))
            top, key = item, _KEY if kind is MAPPING_START else _ITEM
            at = _open(noted, event, kind is MAPPING_START)
        elif kind is MAPPING_END or kind is SEQUENCE_END:
            _close(noted, event, at)
            if not stack:
                break
            top, key, at = stack.pop()
        else:
            return None
    return root if type(get()) is DOCUMENT_END and type(get()) is STREAM_END else None


def _open(noted: Positions, event: Any, mapping: bool) -> int:
    """Note the collection `event` starts; its place in `noted.shape`."""
    at, marks, start = len(noted.shape), noted.marks, event.start_mark
    noted.shape += (len(marks), len(noted.names) if mapping else -1, 0, 0)
    marks += (start.line, start.column, 0, 0)
    return at


def _close(noted: Positions, event: Any, at: int) -> None:
    """Note the end of the collection at `at` in `noted.shape`."""
    shape, marks, end = noted.shape, noted.marks, event.end_mark
    slot = shape[at]
    marks[slot + 2], marks[slot + 3] = end.line, end.column
    shape[at + 2], shape[at + 3] = len(marks), len(noted.names)
