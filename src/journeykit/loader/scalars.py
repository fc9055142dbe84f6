"""Plain scalars as YAML 1.2's core schema reads them, for both ways of loading.

PyYAML resolves YAML 1.1: `19:30` is 1170 (base 60), `1_000` is 1000, `010` is 8,
`yes`/`no`/`on`/`off` are booleans. journeykit reads YAML 1.2 (docs/format.md has the
table), so the fast path (`plain`, from events) and the composer (`resolve`, tags for
the walker, which converts them with `to_int`/`to_float`) both resolve here, and agree.
"""

from __future__ import annotations

import re
from typing import Any

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE = frozenset({"true", "True", "TRUE"})
FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
INF = float("inf")
NAN = float("nan")
"""One NaN for every `.nan`: NaN is not equal to itself, the same object is (in a list)."""
_SPECIAL = {
    **{
        f"{sign}.{inf}": value
        for inf in ("inf", "Inf", "INF")
        for sign, value in (("", INF), ("+", INF), ("-", -INF))
    },
    **{f".{nan}": NAN for nan in ("nan", "NaN", "NAN")},
}
NUMBER_START = frozenset("-+.0123456789")
"""Every number of the core schema starts with one of these; most text does not."""


def resolve(text: str) -> str:
    """The tag of an untagged plain scalar: YAML 1.2's core schema, and merge keys."""
    if text in NULLS:
        return NULL
    if text in TRUE or text in FALSE:
        return BOOL
    if text[:1] in NUMBER_START:
        if _INT.fullmatch(text):
            return INT
        if _FLOAT.fullmatch(text) or text in _SPECIAL:
            return FLOAT
    if text == "<<":
        return MERGE  # YAML 1.1's merge key: journeykit keeps it (only as a key)
    return STR


def plain(text: str) -> Any:
    """The value of an untagged plain scalar: what `resolve` and the conversions give."""
    if text in NULLS:
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    if text[:1] in NUMBER_START:
        if _INT.fullmatch(text):
            return _int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return _SPECIAL.get(text, text)
    return text


def to_int(text: str) -> Any:
    """A core-schema integer (12, -3, 0o17, 0x1F); any other text stays the text."""
    return _int(text) if _INT.fullmatch(text) else text


def to_float(text: str) -> Any:
    """A core-schema float (1.5, .5, 1e3, .inf, .nan) or integer; else the text."""
    if _FLOAT.fullmatch(text):
        return float(text)
    return _SPECIAL.get(text, text)


def _int(text: str) -> Any:
    """The text itself when it has more digits than Python converts (4,300), so the
    schema reports it instead of a crash."""
    try:
        if text[:2] == "0x":
            return int(text[2:], 16)
        if text[:2] == "0o":
            return int(text[2:], 8)
        return int(text)
    except ValueError:
        return text
