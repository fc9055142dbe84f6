"""A canonical, line-oriented text form of a journeykit file, for `git diff` (textconv).

Formatting, quoting, comments and key order make no difference; each field is one line,
items are headed by their ids, and touchpoints are listed under their stage, so a line
diff of this text reads as a semantic diff.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from journeykit.loader.source import load_bytes
from journeykit.model import FileKind, Journey

_SINGULAR = {
    "personas": "persona",
    "channels": "channel",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "kpis": "kpi",
    "pain_points": "pain point",
    "opportunities": "opportunity",
}
_SKIP = frozenset({"version"})


def textconv(data: bytes, name: str) -> str:
    """The canonical text of a file; a file that does not load is shown as it is."""
    source = load_bytes(data, name, FileKind.for_name(name))
    if source.model is None:
        text = data.decode("utf-8", "replace")
        return text if text.endswith("\n") or not text else text + "\n"
    return canonical(source.model)


def canonical(model: BaseModel) -> str:
    lines: list[str] = []
    if isinstance(model, Journey):
        _journey(model, lines)
    else:
        _mapping(model.model_dump(mode="json", exclude_defaults=True), lines, 0)
    return "\n".join(lines) + "\n"


def _journey(journey: Journey, lines: list[str]) -> None:
    data = journey.model_dump(mode="json", exclude_defaults=True)
    head = {k: v for k, v in data.items() if k not in ("stages", "touchpoints", "id")}
    head.setdefault("map_type", journey.map_type.value)
    head.setdefault("status", journey.status.value)
    lines.append(f"journey {journey.id}")
    _mapping(head, lines, 1)
    stage_ids = {s.id for s in journey.stages}
    for stage, stage_data in zip(journey.stages, data["stages"], strict=True):
        lines.append("")
        _item("stage", stage_data, lines, 0)
        for tp, tp_data in zip(journey.touchpoints, data.get("touchpoints", []), strict=False):
            if tp.stage == stage.id:
                lines.append("")
                _item("touchpoint", _without_stage(tp_data), lines, 1)
    strays = [
        tp_data
        for tp, tp_data in zip(journey.touchpoints, data.get("touchpoints", []), strict=False)
        if tp.stage not in stage_ids
    ]
    for tp_data in strays:
        lines.append("")
        _item("touchpoint", tp_data, lines, 0)


def _without_stage(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "stage"}


def _item(word: str, data: dict[str, Any], lines: list[str], depth: int) -> None:
    title = data.get("name") or data.get("description")
    head = f"{word} {data.get('id', '?')}"
    lines.append("  " * depth + (f"{head}: {_flat(title)}" if isinstance(title, str) else head))
    rest = {k: v for k, v in data.items() if k not in ("id", "name")}
    if isinstance(title, str) and "name" not in data:
        rest.pop("description", None)
    _mapping(rest, lines, depth + 1)


def _mapping(data: dict[str, Any], lines: list[str], depth: int) -> None:
    pad = "  " * depth
    for key, value in data.items():
        if key in _SKIP or value in (None, [], {}, ""):
            continue
        label = key.replace("_", " ")
        if key == "next" and isinstance(value, list):
            for step in value:
                lines.append(pad + "next -> " + _step(step))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                if "id" in entry:
                    _item(_SINGULAR.get(key, label), entry, lines, depth)
                else:
                    lines.append(f"{pad}{label}:")
                    _mapping(entry, lines, depth + 1)
        elif isinstance(value, list):
            lines.append(f"{pad}{label}:")
            lines.extend(f"{pad}  - {_flat(v)}" for v in value)
        elif isinstance(value, dict):
            if "score" in value:
                lines.append(f"{pad}{label}: {_emotion(value)}")
            else:
                lines.append(f"{pad}{label}:")
                _mapping(value, lines, depth + 1)
        else:
            lines.append(f"{pad}{label}: {_flat(value)}")


def _step(step: Any) -> str:
    if isinstance(step, str):
        return step
    target = f"{step['journey']}:{step['to']}" if step.get("journey") else str(step["to"])
    extra = [
        f'"{_flat(step[k])}"' if k == "label" else f"if {_flat(step[k])}"
        for k in ("label", "condition")
        if step.get(k)
    ]
    return " ".join([target, *extra])


def _emotion(value: dict[str, Any]) -> str:
    score = int(value["score"])
    text = f"{score:+d}" if score else "0"
    return f"{text} ({value['label']})" if value.get("label") else text


def _flat(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())
