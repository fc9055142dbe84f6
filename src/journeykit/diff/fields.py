"""Field-by-field comparison of two versions of one item, and values put into words.

Each element kind has a table: field -> kind of change. A field the table does not name
(the format grew one) still shows up, as `text-changed`, so nothing goes unreported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import cast

from pydantic import BaseModel

from journeykit.diff.changes import JsonValue

JOURNEY_FIELDS: Mapping[str, str] = {
    "title": "text-changed",
    "description": "text-changed",
    "map_type": "map-type-changed",
    "owner": "owner-changed",
    "status": "status-changed",
    "tags": "text-changed",
}
"""`personas`, `stages` and `touchpoints` are compared item by item."""

STAGE_FIELDS: Mapping[str, str] = {
    "name": "text-changed",
    "phase": "phase-changed",
    "intent": "text-changed",
    "goal": "text-changed",
    "questions": "text-changed",
    "content": "text-changed",
}

TOUCHPOINT_FIELDS: Mapping[str, str] = {
    "name": "text-changed",
    "stage": "touchpoint-moved",
    "channel": "channel-changed",
    "kind": "kind-changed",
    "description": "text-changed",
    "owner": "owner-changed",
    "trigger": "timing-changed",
    "timing": "timing-changed",
    "content": "text-changed",
    # The customer's side in words and quotes: research notes, as the description is.
    "doing": "text-changed",
    "thinking": "text-changed",
    "feeling": "text-changed",
    "quotes": "text-changed",
    "lanes": "text-changed",
    "emotion": "emotion-changed",
    "evidence": "evidence-changed",
    "personas": "touchpoint-personas-changed",
    "importance": "importance-changed",
    "entry": "entry-changed",
    "end": "entry-changed",
    "opt_in": "opt-in-changed",
    "purpose": "purpose-changed",
    "context": "purpose-changed",
    # What the event log calls the touchpoint: the nearest kind is its trigger.
    "events": "timing-changed",
}

KPI_FIELDS: Mapping[str, str] = {
    "name": "kpi-changed",
    "category": "kpi-changed",
    "unit": "kpi-changed",
    "target": "kpi-target-changed",
    "actual": "kpi-changed",
    "direction": "kpi-target-changed",
    "source": "kpi-changed",
    "measure": "kpi-changed",
    "attribution": "kpi-changed",
}

PAIN_POINT_FIELDS: Mapping[str, str] = {
    "description": "pain-point-changed",
    "severity": "pain-point-changed",
}

OPPORTUNITY_FIELDS: Mapping[str, str] = {
    "description": "opportunity-changed",
    "addresses": "opportunity-changed",
    "owner": "owner-changed",
}

TRANSITION_FIELDS: Mapping[str, str] = {
    "label": "transition-changed",
    "condition": "transition-changed",
}

PERSONA_FIELDS: Mapping[str, str] = {"channels": "channel-preference-changed"}
"""Every other persona field is description: `persona-changed`."""

CHANNEL_FIELDS: Mapping[str, str] = {
    "name": "text-changed",
    "description": "text-changed",
    "kind": "channel-definition-changed",
    "presence": "channel-definition-changed",
    "outbound": "channel-definition-changed",
    "requires_consent": "channel-definition-changed",
    "color": "text-changed",
}


def changed_fields(
    old: BaseModel, new: BaseModel, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, JsonValue, JsonValue]]:
    """(field, old value, new value) for every field whose value differs, in model order."""
    old_data = old.model_dump(mode="json")
    new_data = new.model_dump(mode="json")
    for name in type(new).model_fields:
        if name in skip or name == "id":
            continue
        before, after = old_data.get(name), new_data.get(name)
        if before != after:
            yield name, cast(JsonValue, before), cast(JsonValue, after)


def field_label(name: str) -> str:
    return name.replace("_", " ")


_MAX_TEXT = 60


def show(value: JsonValue) -> str:
    """A value in a sentence: ids bare, prose quoted and shortened, emotions signed."""
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if "score" in value and isinstance(value["score"], int):
        label = value.get("label")
        score = f"{value['score']:+d}" if value["score"] else "0"
        return f"{score} ({label})" if label else score
    parts = [f"{field_label(k)} {show(v)}" for k, v in value.items() if v not in (None, [], "")]
    return "{" + ", ".join(parts) + "}"


def _word(value: JsonValue) -> str:
    return str(value).lower() if isinstance(value, bool) else show(value)


def show_pair(old: JsonValue, new: JsonValue) -> tuple[str, str]:
    """Both values in words; of two long texts, only the words that differ, with context."""
    if {type(old), type(new)} == {bool, str}:
        # `end: true` against `end: churned`: the file's words, not "yes -> churned".
        return _word(old), _word(new)
    if not (isinstance(old, str) and isinstance(new, str)):
        return show(old), show(new)
    a, b = old.split(), new.split()
    if len(" ".join(a)) <= _MAX_TEXT and len(" ".join(b)) <= _MAX_TEXT:
        return show(old), show(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return _window(a, start, end), _window(b, start, end)


_CONTEXT_WORDS = 2


def _window(words: list[str], start: int, end: int) -> str:
    lo = max(0, start - _CONTEXT_WORDS)
    hi = min(len(words), len(words) - end + _CONTEXT_WORDS)
    text = " ".join(words[lo:hi])
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    return f'"{"…" if lo else ""}{text}{"…" if hi < len(words) else ""}"'


def _text(value: str) -> str:
    flat = " ".join(value.split())
    if len(flat) > _MAX_TEXT:
        flat = flat[: _MAX_TEXT - 1] + "…"
    simple = flat and all(c.isalnum() or c in "-_." for c in flat)
    return flat if simple else f'"{flat}"'


def transition_key(journey: str | None, to: str) -> str:
    """How a transition's target is named in marks and targets: `to` or `journey:to`."""
    return f"{journey}:{to}" if journey else to
