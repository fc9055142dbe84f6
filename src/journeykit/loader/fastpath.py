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

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import yaml
import yaml._yaml
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


def _arg(index: int) -> Callable[[BaseException], Any]:
    def get(event: BaseException) -> Any:
        return event.args[index]

    return get


def _light(base: type[events.Event], fields: tuple[str, ...]) -> type[BaseException]:
    """A subclass of PyYAML's event class `base` that costs no Python code to make.

    PyYAML's C parser makes an event per value by calling the class named in its module,
    and the event's Python `__init__` was a fifth of the parse time. BaseException's C
    constructor keeps the arguments in `args` instead (it is never raised). Properties
    give PyYAML's attribute names, so the events are what anyone else would expect.
    """
    namespace: dict[str, Any] = {"__slots__": (), "__repr__": base.__repr__}
    for index, name in enumerate(fields):
        namespace[name] = property(_arg(index))
    return type(base.__name__, (BaseException, base), namespace)


_MARKS = ("start_mark", "end_mark")
_COLLECTION = ("anchor", "tag", "implicit", *_MARKS, "flow_style")
_LIGHT = {
    "StreamStartEvent": _light(events.StreamStartEvent, (*_MARKS, "encoding")),
    "StreamEndEvent": _light(events.StreamEndEvent, _MARKS),
    "DocumentStartEvent": _light(
        events.DocumentStartEvent, (*_MARKS, "explicit", "version", "tags")
    ),
    "DocumentEndEvent": _light(events.DocumentEndEvent, (*_MARKS, "explicit")),
    "AliasEvent": _light(events.AliasEvent, ("anchor", *_MARKS)),
    "ScalarEvent": _light(
        events.ScalarEvent, ("anchor", "tag", "implicit", "value", *_MARKS, "style")
    ),
    "SequenceStartEvent": _light(events.SequenceStartEvent, _COLLECTION),
    "SequenceEndEvent": _light(events.SequenceEndEvent, _MARKS),
    "MappingStartEvent": _light(events.MappingStartEvent, _COLLECTION),
    "MappingEndEvent": _light(events.MappingEndEvent, _MARKS),
}
STREAM_START, STREAM_END = _LIGHT["StreamStartEvent"], _LIGHT["StreamEndEvent"]
DOCUMENT_START, DOCUMENT_END = _LIGHT["DocumentStartEvent"], _LIGHT["DocumentEndEvent"]
SCALAR = _LIGHT["ScalarEvent"]
MAPPING_START, MAPPING_END = _LIGHT["MappingStartEvent"], _LIGHT["MappingEndEvent"]
SEQUENCE_START, SEQUENCE_END = _LIGHT["SequenceStartEvent"], _LIGHT["SequenceEndEvent"]
_SCALAR_TAG, _SCALAR_IMPLICIT, _SCALAR_VALUE, _COLLECTION_TAG = 1, 2, 3, 1


@contextmanager
def light_events() -> Iterator[None]:
    """PyYAML's C parser makes the light events while this lasts (for one parse)."""
    module = yaml._yaml
    saved = {name: getattr(module, name) for name in _LIGHT}
    for name, light in _LIGHT.items():
        setattr(module, name, light)
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(module, name, original)


def _works() -> bool:
    """Whether this PyYAML's parser makes the light events, each with its values right.

    Otherwise `build` leaves every file to the composer: slower, with the same results.
    """
    sample = "%YAML 1.1\n---\na: &x [1, {b: !!str c}]\nd: *x\n...\n"
    try:
        with light_events():
            light: list[Any] = list(yaml.parse(sample, Loader=yaml.CSafeLoader))
    except Exception:  # any failure means: do not use them
        return False
    usual: list[Any] = list(yaml.parse(sample, Loader=yaml.CSafeLoader))
    return len(light) == len(usual) and all(
        type(a) is _LIGHT.get(type(b).__name__)
        and all(getattr(a, k) == v for k, v in vars(b).items() if not k.endswith("_mark"))
        for a, b in zip(light, usual, strict=True)
    )


LIGHT_EVENTS = _works()
"""This PyYAML's C parser can make the light events (`build` needs them)."""


def build(text: str, max_depth: int) -> dict[str, Any] | None:
    """The document's value, or None when the composer and the walker must have a look."""
    if not LIGHT_EVENTS:
        return None
    parser = CParser(text)
    try:
        with light_events():
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
    return type(first) is MAPPING_START and first.args[_COLLECTION_TAG] in (None, "!")


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
            args = event.args
            tag = args[_SCALAR_TAG]
            if tag is not None and tag != "!":
                return None
            text = args[_SCALAR_VALUE]
            if key is _KEY:
                if text in top or text == "<<":
                    return None  # a duplicate key, or a merge
                key = share(text, text)
                continue
            if args[_SCALAR_IMPLICIT][0]:  # plain and untagged: YAML 1.2, remembered
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
            tag = event.args[_COLLECTION_TAG]
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
