"""The common case without a node tree: plain values straight from libyaml's events.

Composing keeps a node and two marks per value: for a 10 MB journey that is ~270 MB and
most of the parse time, and nobody needs the tree while a file has no findings. `build`
makes the values from the event stream and gives up (returns None) at anything that is
reported from the tree: aliases, explicit tags, merge keys, complex or duplicate keys,
nesting past the limit, syntax errors, other than one document, a top level that is not
a mapping. The caller then composes and walks as before, so findings stay exactly the
same; `SourceFile.root` composes the tree later if something asks for a location.

`located` has a copy of `_build` that notes where each node is too: change both alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import events
from yaml._yaml import CParser

from journeykit.loader.scalars import NUMBER_START, plain

_GIVE_UP: Any = object()
_SHARED_LENGTH = 40
_KEY: Any = object()
"""The mapping on top waits for a key, not a value."""
_ITEM: Any = object()
"""The collection on top is a list."""
_RESOLVED = frozenset({"", "~", "n", "N", "t", "T", "f", "F", *NUMBER_START})
"""The first characters of the plain scalars that are not text (`scalars.plain`)."""


STREAM_START, STREAM_END = events.StreamStartEvent, events.StreamEndEvent
DOCUMENT_START, DOCUMENT_END = events.DocumentStartEvent, events.DocumentEndEvent
SCALAR = events.ScalarEvent
MAPPING_START, MAPPING_END = events.MappingStartEvent, events.MappingEndEvent
SEQUENCE_START, SEQUENCE_END = events.SequenceStartEvent, events.SequenceEndEvent


def build(text: str, max_depth: int) -> dict[str, Any] | None:
    """The document's value, or None when the composer and the walker must have a look."""
    parser = CParser(text)
    try:
        return _build(parser.get_event, max_depth)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _opens_a_mapping(get: Callable[[], Any]) -> bool:
    """Whether the stream starts a document whose top level is an untagged mapping."""
    if type(get()) is not STREAM_START or type(get()) is not DOCUMENT_START:
        return False
    first = get()
    return type(first) is MAPPING_START and first.tag in (None, "!")


def _build(get: Callable[[], Any], max_depth: int) -> dict[str, Any] | None:
    """This loop runs for every value of every file: it keeps its state in locals."""
    if not _opens_a_mapping(get):
        return None
    root: dict[str, Any] = {}
    top: Any = root
    key: Any = _KEY  # or _ITEM when `top` is a list, or the key whose value comes next
    stack: list[tuple[Any, Any]] = []
    # Keys and short values repeat thousands of times in a big file: keep one copy of each.
    same: dict[str, str] = {}
    share = same.setdefault
    plain_values: dict[str, Any] = {}  # short plain scalars already resolved to values
    resolved, special, to_value = plain_values.get, _RESOLVED, plain
    while True:
        event = get()
        kind = type(event)
        if kind is SCALAR:
            tag = event.tag
            if tag is not None and tag != "!":
                return None
            text = event.value
            if key is _KEY:
                if text in top or text == "<<":
                    return None  # a duplicate key, or a merge
                key = share(text, text)
                continue
            if event.implicit[0]:  # plain and untagged: YAML 1.2, remembered
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
                return None  # a collection as a key, too deep, or a tag
            if key is _ITEM:
                top.append(item := {} if kind is MAPPING_START else [])
            else:
                top[key] = item = {} if kind is MAPPING_START else []
            stack.append((top, _ITEM if key is _ITEM else _KEY))
            top, key = item, _KEY if kind is MAPPING_START else _ITEM
        elif kind is MAPPING_END or kind is SEQUENCE_END:
            if not stack:
                break
            top, key = stack.pop()
        else:
            return None  # an alias
    # One document only: anything after it is for the composer to report.
    return root if type(get()) is DOCUMENT_END and type(get()) is STREAM_END else None
