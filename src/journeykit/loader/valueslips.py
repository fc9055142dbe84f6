"""Schema errors that common slips cause, said in plain words with their fix.

pydantic says "input should be a valid dictionary or instance of Emotion" for
`emotion: frustrated` and "unable to parse string as a number" for `target: 9,5`. These
say what was meant instead: the `{score, label}` form with the word as its label, and a
decimal point. Each returns the message and the hint, or None when it is no such slip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from journeykit.loader import scalars
from journeykit.model.common import EMOTION_MAX, EMOTION_MIN

_SCORES = {
    -2: "angry furious livid outraged lost desperate helpless hopeless panicked betrayed",
    -1: "frustrated annoyed irritated unsure uncertain confused anxious worried nervous "
    "stressed hesitant impatient disappointed sceptical skeptical doubtful upset sad "
    "overwhelmed bored concerned",
    0: "neutral indifferent calm ok okay fine",
    1: "pleased happy satisfied glad content confident reassured hopeful curious "
    "interested comfortable positive",
    2: "delighted relieved thrilled excited ecstatic elated grateful amazed overjoyed",
}
EMOTION_WORDS: dict[str, int] = {
    word: score for score, words in _SCORES.items() for word in words.split()
}
"""Feelings whose score is plain (the scale in docs/format.md), for the hint."""
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")
_INTEGER = re.compile(r"[-+]?[0-9]{1,3}")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9 _.'-]*[A-Za-z0-9.']|[A-Za-z]")


def emotion(name: str, value: Any) -> tuple[str, str] | None:
    """`emotion: frustrated` (a word) or `emotion: -1` (a bare score)."""
    scale = f"from {EMOTION_MIN} to {EMOTION_MAX}"
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if EMOTION_MIN <= value <= EMOTION_MAX:
            return (
                f"{name}: {value} is a bare score; {name} is a mapping with a score",
                f"write {name}: {{score: {value}}}",
            )
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    word = value.strip()
    label = _flow_text(word)
    message = f"{name}: {word!r} is a word; {name} is a score {scale}, with the word as its label"
    score = EMOTION_WORDS.get(word.casefold())
    if score is not None:
        return message, f"write {name}: {{score: {score}, label: {label}}}"
    return message, (
        f"pick a score {scale} (-2 very negative, 0 neutral, 2 very positive) and write "
        f"{name}: {{score: <score>, label: {label}}}"
    )


def decimal_comma(name: str, value: Any) -> tuple[str, str] | None:
    """`target: 9,5` in block style: the text '9,5' where a number goes."""
    if not isinstance(value, str):
        return None
    written = value.strip()
    if not _DECIMAL_COMMA.fullmatch(written):
        return None
    pointed = written.replace(",", ".")
    if _THOUSANDS.fullmatch(written):
        bare = written.replace(",", "")
        return (
            f"{name}: {written!r} is not a number: YAML numbers have no thousands "
            "separator and use a decimal point",
            f"write {name}: {bare} (or {name}: {pointed} if the comma is a decimal comma)",
        )
    return (
        f"{name}: {written!r} has a decimal comma; YAML numbers use a decimal point",
        f"write {name}: {pointed}",
    )


def split_decimal(
    mapping: Any, key: str, takes_decimals: Callable[[str], bool]
) -> tuple[str, str] | None:
    """`{target: 9,5}`: in a flow mapping the comma ends the value, so the mapping holds
    `target: 9` and an unknown key `5`, with no value, just after it. Only where the key
    before takes a decimal number (`takes_decimals`): `{score: -1,5}` is no such slip."""
    if not isinstance(mapping, dict) or not _DIGITS.fullmatch(key) or mapping.get(key) is not None:
        return None
    keys = list(mapping)
    at = keys.index(key) if key in keys else 0
    if at == 0:
        return None
    before = keys[at - 1]
    number = mapping[before]
    if not isinstance(number, int) or isinstance(number, bool) or not takes_decimals(before):
        return None
    return (
        f"unknown key {key!r}: {number},{key} has a decimal comma, and between {{ }} a "
        f"comma ends the value, so YAML read {before}: {number} and a key {key!r}",
        f"use a decimal point: {before}: {number}.{key}",
    )


def _flow_text(word: str) -> str:
    """`word` as it can stand in a flow mapping: plain when it reads back as that text."""
    if _PLAIN_WORD.fullmatch(word) and scalars.resolve(word) == scalars.STR:
        return word
    return json.dumps(word, ensure_ascii=False)
