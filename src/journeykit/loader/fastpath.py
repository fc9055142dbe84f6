"""The common case without a node tree: plain values straight from libyaml's events.

Composing keeps a node and two marks per value: for a 10 MB journey that is ~270 MB and
most of the parse time, and nobody needs the tree while a file has no findings. `build`
makes the values from the event stream and gives up (returns None) at anything that is
reported from the tree: aliases, explicit tags, merge keys, complex or duplicate keys,
nesting past the limit, syntax errors, other than one document, a top level that is not
a mapping. The caller then composes and walks as before, so findings stay exactly the
same; `SourceFile.root` composes the tree later if something asks for a location.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})

Resolvers = tuple[tuple[str, "re.Pattern[str]"], ...]
_TABLE: dict[str | None, list[tuple[str, re.Pattern[str]]]] = dict(
    yaml.CSafeLoader.yaml_implicit_resolvers
)
WILDCARD: Resolvers = tuple(_TABLE.get(None, ()))
IMPLICIT: dict[str, Resolvers] = {
    first: (*resolvers, *WILDCARD) for first, resolvers in _TABLE.items() if first is not None
}
"""PyYAML's implicit resolvers by first character, as `Resolver.resolve` looks them up."""

_CONSTRUCTOR = SafeConstructor()
_GIVE_UP: Any = object()
_SHARED_LENGTH = 40
_KEY: Any = object()
"""In `pending`: the mapping on top waits for a key, not a value."""


def resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag PyYAML's SafeLoader gives an untagged scalar."""
    if implicit[0]:
        for tag, regexp in IMPLICIT.get(value[:1], WILDCARD):
            if regexp.match(value):
                return tag
    return STR


def _scalar(tag: str, text: str) -> Any:
    """What the walker's `_scalar` gives, or `_GIVE_UP` where it would report the tag."""
    if tag in (STR, TIMESTAMP):
        return text
    if tag == NULL:
        return None
    if tag == BOOL:
        # YAML 1.2: only true/false are booleans; "no" stays the text it looks like.
        return True if text in TRUE else False if text in FALSE else text
    if tag == INT:
        return to_int(text)
    if tag == FLOAT:
        return to_float(text)
    return _GIVE_UP


def to_int(text: str) -> Any:
    """A YAML 1.1 integer (0x1F, 0o17, 1_000, 1:30); the text itself when it has more
    digits than Python converts (4,300), so the schema reports it instead of a crash."""
    try:
        return int(text)
    except ValueError:
        try:
            return _CONSTRUCTOR.construct_yaml_int(ScalarNode(INT, text))
        except ValueError:
            return text


def to_float(text: str) -> Any:
    """A YAML 1.1 float (.inf, .nan, 1_000.5, 1:30.5)."""
    try:
        return float(text)
    except ValueError:
        try:
            return _CONSTRUCTOR.construct_yaml_float(ScalarNode(FLOAT, text))
        except ValueError:
            return text


def build(text: str, max_depth: int) -> dict[str, Any] | None:
    """The document's value, or None when the composer and the walker must have a look."""
    parser = yaml.CSafeLoader(text)
    try:
        return _build(parser.get_event, max_depth)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _build(get: Callable[[], Any], max_depth: int) -> dict[str, Any] | None:
    if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
        return None
    first = get()
    if type(first) is not MappingStartEvent or first.tag not in (None, "!"):
        return None
    root: dict[str, Any] = {}
    containers: list[Any] = [root]
    pending: list[Any] = [_KEY]
    # Keys and short values repeat thousands of times in a big file: keep one copy of each.
    same: dict[str, str] = {}
    share = same.setdefault
    implicit_resolvers, wildcard = IMPLICIT.get, WILDCARD
    while containers:
        event = get()
        kind = type(event)
        top = containers[-1]
        if kind is ScalarEvent:
            if event.tag is not None and event.tag != "!":
                return None
            text = event.value
            plain = event.implicit[0]
            if pending[-1] is _KEY:
                if text in top or (plain and text == "<<"):
                    return None  # a duplicate key, or a merge
                pending[-1] = share(text, text)
                continue
            if len(text) <= _SHARED_LENGTH:
                text = share(text, text)
            item: Any = text
            if plain:  # what `resolve_scalar` does, inline: this loop runs for every value
                for tag, regexp in implicit_resolvers(text[:1], wildcard):
                    if regexp.match(text):
                        item = _scalar(tag, text)
                        if item is _GIVE_UP:
                            return None
                        break
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag not in (None, "!") or len(containers) >= max_depth or pending[-1] is _KEY:
                return None  # a tag, too deep, or a collection as a key
            item = {} if kind is MappingStartEvent else []
            if type(top) is dict:
                top[pending[-1]] = item
                pending[-1] = _KEY
            else:
                top.append(item)
            containers.append(item)
            pending.append(_KEY if kind is MappingStartEvent else None)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            containers.pop()
            pending.pop()
            continue
        else:
            return None  # an alias
        if type(top) is dict:
            top[pending[-1]] = item
            pending[-1] = _KEY
        else:
            top.append(item)
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        return None
    return root
