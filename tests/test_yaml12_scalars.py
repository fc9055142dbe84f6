"""Plain scalars read as YAML 1.2's core schema says, the same on both loading paths.

The table is the one in docs/format.md ("YAML as journeykit reads it"). Each input is
read by the fast path (values from events) and by composing and walking the tree, both
the light walk (no aliases) and the general one (aliases in the text).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from journeykit.findings import Finding
from journeykit.loader import fastpath, scalars, walker, yamlread
from journeykit.loader.limits import Limits

INF = math.inf
NAN: Any = "NaN"  # compared with math.isnan below

TABLE: list[tuple[str, Any]] = [
    # null
    ("", None),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("nULL", "nULL"),
    ("nil", "nil"),
    ("None", "None"),
    # booleans: true/false only, three spellings each
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("tRUE", "tRUE"),
    ("yes", "yes"),
    ("no", "no"),
    ("NO", "NO"),
    ("on", "on"),
    ("Off", "Off"),
    ("y", "y"),
    ("N", "N"),
    # integers: decimal (leading zeros and sign allowed), 0o octal, 0x hexadecimal
    ("0", 0),
    ("12", 12),
    ("-3", -3),
    ("+12", 12),
    ("-0", 0),
    ("010", 10),
    ("007", 7),
    ("0o17", 15),
    ("0x1F", 31),
    ("0xff", 255),
    ("0X1F", "0X1F"),
    ("0O17", "0O17"),
    ("-0x1F", "-0x1F"),
    ("+0o7", "+0o7"),
    ("0o8", "0o8"),
    ("0b101", "0b101"),
    ("1_000", "1_000"),
    ("19:30", "19:30"),
    ("1:20:30", "1:20:30"),
    ("1" + "0" * 5000, "1" + "0" * 5000),  # more digits than Python converts: the text
    # floats
    ("1.5", 1.5),
    ("-1.5", -1.5),
    ("+.5", 0.5),
    (".5", 0.5),
    ("5.", 5.0),
    ("1e3", 1000.0),
    ("1E3", 1000.0),
    ("1.5e-3", 0.0015),
    ("-1e+3", -1000.0),
    ("1e999", INF),
    (".inf", INF),
    ("+.Inf", INF),
    ("-.INF", -INF),
    (".nan", NAN),
    (".NaN", NAN),
    (".NAN", NAN),
    (".nAn", ".nAn"),
    ("-.nan", "-.nan"),
    ("inf", "inf"),
    ("nan", "nan"),
    (".", "."),
    ("1.0e", "1.0e"),
    ("e3", "e3"),
    (".e3", ".e3"),
    ("1_000.5", "1_000.5"),
    ("1:30.5", "1:30.5"),
    ("1,5", "1,5"),
    # no timestamps in the core schema: dates stay text
    ("2025-01-02", "2025-01-02"),
    ("2025-01-02T10:30:00Z", "2025-01-02T10:30:00Z"),
    ("2025-1-2 10:30", "2025-1-2 10:30"),
    # YAML 1.1's value and merge keys, as values
    ("=", "="),
    ("<<", "<<"),
    # not plain: always text
    ('"12"', "12"),
    ("'true'", "true"),
    ('"null"', "null"),
    ("!!str 19:30", "19:30"),
    # libyaml reads the non-specific tag `!` as no tag at all, whatever the style
    ("! 12", 12),
    ('! "12"', 12),
    # explicit standard tags: their core-schema forms, else the text for the schema
    ("!!int '12'", 12),
    ("!!int 1_000", "1_000"),
    ("!!float 12", 12.0),
    ("!!float 1:30", "1:30"),
    ("!!bool yes", "yes"),
    ("!!null ''", None),
]


def composed(text: str) -> tuple[Any, list[Finding]]:
    result = yamlread.ParsedYaml(text=text)
    root = yamlread._compose(text, "f", result, 100)
    assert root is not None, result.findings
    tree_walker = walker.Walker("f", Limits())
    value = tree_walker.value(root, 1, shared="*" in text)
    return value, [*result.findings, *tree_walker.findings]


def same(actual: Any, expected: Any) -> bool:
    if expected is NAN:
        return isinstance(actual, float) and math.isnan(actual)
    return type(actual) is type(expected) and actual == expected


@pytest.mark.parametrize(("written", "expected"), TABLE, ids=[w[:20] for w, _ in TABLE])
def test_the_fast_path_reads_the_core_schema(written: str, expected: Any) -> None:
    value = fastpath.build(f"v: {written}\nw:\n  - {written}\n", 100)
    if written.startswith("!!"):
        assert value is None  # tags are read by the composer and the walker
        return
    assert value is not None
    assert same(value["v"], expected), value
    assert same(value["w"][0], expected), value


@pytest.mark.parametrize("shared", [False, True], ids=["light-walk", "general-walk"])
@pytest.mark.parametrize(("written", "expected"), TABLE, ids=[w[:20] for w, _ in TABLE])
def test_composing_and_walking_reads_the_core_schema(
    written: str, expected: Any, shared: bool
) -> None:
    alias = "a: &x 1\nb: *x\n" if shared else ""
    value, findings = composed(f"v: {written}\nw:\n  - {written}\n{alias}")
    assert findings == []
    assert same(value["v"], expected), value
    assert same(value["w"][0], expected), value


@pytest.mark.parametrize(("written", "expected"), TABLE, ids=[w[:20] for w, _ in TABLE])
def test_resolve_names_the_tag_of_what_plain_gives(written: str, expected: Any) -> None:
    if written[:1] in "\"'!":
        return
    convert: dict[str, Callable[[str], Any]] = {
        scalars.NULL: lambda t: None,
        scalars.BOOL: lambda t: t in scalars.TRUE,
        scalars.INT: scalars.to_int,
        scalars.FLOAT: scalars.to_float,
    }
    converted = convert.get(scalars.resolve(written), str)(written)
    assert same(scalars.plain(written), expected)
    assert same(converted, expected)


def test_keys_stay_text_whatever_they_look_like() -> None:
    text = "19:30: a\n010: b\ntrue: c\nnull: d\n1.5: e\n"
    expected = {"19:30": "a", "010": "b", "true": "c", "null": "d", "1.5": "e"}
    assert fastpath.build(text, 100) == expected
    assert composed(text) == (expected, [])


def test_a_merge_key_still_merges() -> None:
    text = "base: &b {x: 1}\nitem:\n  <<: *b\n  y: <<\n"
    assert composed(text) == ({"base": {"x": 1}, "item": {"x": 1, "y": "<<"}}, [])


def test_every_nan_is_the_same_object_so_the_paths_compare_equal() -> None:
    assert fastpath.build("a: .nan\nb: [.NaN]\n", 100) == composed("a: .nan\nb: [.NaN]\n")[0]
