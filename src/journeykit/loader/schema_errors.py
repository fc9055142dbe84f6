"""pydantic's validation errors as findings that point into the YAML source."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader import valueslips
from journeykit.loader.locate import PathPart, Where, format_path
from journeykit.model.common import DURATION_PATTERN as _DURATION_PATTERN
from journeykit.model.common import Emotion

_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str | None:
    """A hint naming the closest candidate, or None when nothing is close.

    A candidate the word equals but for case and look-alike characters (O for 0, l for
    1: `JK3O1`) wins over one that merely shares more letters (`JK311`)."""
    pool = list(candidates)
    folded = [c for c in pool if _fold(c) == _fold(word)]
    if folded:
        return f"did you mean {folded[0]!r}?"
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else None


_LOOK_ALIKE = str.maketrans({"o": "0", "l": "1", "i": "1"})


def _fold(word: str) -> str:
    return word.casefold().translate(_LOOK_ALIKE)


def _members(annotation: Any) -> list[Any]:
    """The types an annotation stands for, with Optional, unions and Annotated unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _clean(
    loc: Sequence[str | int], model: type[BaseModel], data: Any
) -> tuple[list[PathPart], type[BaseModel] | None, bool]:
    """Drop pydantic's union-member tags from `loc`.

    Returns the clean path, the model that owns its last key, and whether the error
    belongs to a union member that does not fit the input (an echo to drop).
    """
    clean: list[PathPart] = []
    owner: type[BaseModel] | None = model
    current: list[Any] = [model]
    for part in loc:
        models = [t for t in current if _is_model(t)]
        # `X | None` is no union to pydantic: its errors carry no member tag.
        union = sum(t is not type(None) for t in current) > 1
        if isinstance(part, int):
            seqs = [t for t in current if typing.get_origin(t) in (list, tuple)]
            current = [m for s in seqs for m in _members(typing.get_args(s)[0])]
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
            clean.append(part)
        elif models and part in models[0].model_fields:
            owner = models[0]
            current = _members(owner.model_fields[part].annotation)
            data = data.get(part) if isinstance(data, dict) else None
            clean.append(part)
        elif union and any(t.__name__ == part for t in models):
            if not isinstance(data, dict):
                return clean, owner, True
            current = [t for t in models if t.__name__ == part]
        elif union:
            if isinstance(data, dict) and models:
                return clean, owner, True
            current = [t for t in current if not _is_model(t)]
        else:
            owner = models[0] if models else None
            clean.append(part)
            current = []
    return clean, owner, False


def schema_findings(
    exc: ValidationError, model: type[BaseModel], data: Any, at: Where
) -> list[Finding]:
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        parts, owner, echo = _clean(error["loc"], model, data)
        if echo:
            continue
        kind = error["type"]
        name = str(parts[-1]) if parts else ""
        if parts == ["version"]:
            findings.append(_version_finding(error, at))
        elif kind == "missing":
            where = at.locate(parts[:-1])
            findings.append(
                bc.MISSING_KEY.finding(f"missing required key {name!r}", _with_path(where, parts))
            )
        elif kind == "extra_forbidden":
            findings.append(_unknown_key(name, owner, _value_at(data, parts[:-1]), parts, at))
        else:
            slip = _value_slip(name, owner, error)
            message, hint = slip or (_value_message(name, error), None)
            findings.append(bc.INVALID_VALUE.finding(message, at.locate(parts), hint))
    if not findings:
        # Every error read as an echo of a union member: the file still failed, and a
        # file that fails must say so, or its items vanish from the workspace unseen.
        error = exc.errors(include_url=False)[0]
        parts, _, _ = _clean(error["loc"], model, data)
        findings.append(
            bc.INVALID_VALUE.finding(
                _value_message(str(parts[-1]) if parts else "", error), at.locate(parts)
            )
        )
    return findings


def _unknown_key(
    name: str, owner: type[BaseModel] | None, mapping: Any, parts: list[PathPart], at: Where
) -> Finding:
    where = at.locate(parts, key=True)
    fields = owner.model_fields if owner is not None else {}
    split = valueslips.split_decimal(
        mapping, name, lambda key: key in fields and float in _members(fields[key].annotation)
    )
    if split is not None:
        return bc.UNKNOWN_KEY.finding(split[0], where, split[1])
    hint = did_you_mean(name, fields) or (f"allowed keys: {', '.join(fields)}" if fields else None)
    return bc.UNKNOWN_KEY.finding(f"unknown key {name!r}", where, hint)


def _value_slip(name: str, owner: type[BaseModel] | None, error: Any) -> tuple[str, str] | None:
    """Plain words for a common slip: a word for an emotion, a decimal comma."""
    field = owner.model_fields.get(name) if owner is not None and name else None
    if field is None:
        return None
    if error["type"] == "model_type" and Emotion in _members(field.annotation):
        return valueslips.emotion(name, error.get("input"))
    if error["type"] in ("float_parsing", "float_type"):
        return valueslips.decimal_comma(name, error.get("input"))
    return None


def _value_at(data: Any, parts: list[PathPart]) -> Any:
    for part in parts:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _with_path(where: Any, parts: list[PathPart]) -> Any:
    from dataclasses import replace

    return replace(where, yaml_path=format_path(parts))


def _version_finding(error: Any, at: Where) -> Finding:
    if error["type"] == "missing":
        return bc.UNSUPPORTED_VERSION.finding(
            "missing `version` key", at.locate([]), "add `version: 1` at the top"
        )
    return bc.UNSUPPORTED_VERSION.finding(
        f"unsupported format version {error['input']!r}; this journeykit reads version 1",
        at.locate(["version"]),
    )


def _value_message(name: str, error: Any) -> str:
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if error["type"] == "string_pattern_mismatch" and _ID_PATTERN in str(error.get("ctx")):
        return (
            f"{name}: {shown} is not a valid id (use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit)"
        )
    if error["type"] == "string_pattern_mismatch" and _DURATION_PATTERN in str(error.get("ctx")):
        return f"{name}: {shown} is not a duration like 7d, 36h, 90m, 45s or 2w"
    prefix = f"{name}: " if name else ""
    if error["type"] == "value_error":  # a model's own check: its sentence, as it wrote it
        return f"{prefix}{str(error['msg']).removeprefix('Value error, ')}"
    return f"{prefix}{error['msg'][0].lower()}{error['msg'][1:]} (got {shown})"
