"""What a change does to the analysis: findings introduced and findings fixed.

Lines shift with every edit and list indexes with every insertion, so findings are
compared by code, the file's identity (a journey's id, else its path with renames
followed), the YAML path with list indexes replaced by item ids, and the message with
line numbers blanked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from journeykit.diff.changes import Action, Change, Collector, Element
from journeykit.diff.rules import Level
from journeykit.findings import Finding, Severity
from journeykit.loader.source import SourceFile
from journeykit.model import Journey

FindingKey = tuple[str, str, str, str]

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_LINE_NUMBERS = re.compile(r"(\bline |\.ya?ml:)\d+(:\d+)?")
_RULE = {
    Severity.ERROR: "error-introduced",
    Severity.WARNING: "warning-introduced",
    Severity.INFO: "info-introduced",
}


def semantic_path(model: BaseModel | None, yaml_path: str) -> str:
    """`touchpoints[3].channel` -> `touchpoints[cart-sms].channel`, following the model."""
    if model is None or not yaml_path:
        return yaml_path
    node: Any = model
    out = ""
    for match in _TOKEN.finditer(yaml_path):
        name, index = match.group(1), match.group(2)
        if name is not None:
            out += f".{name}" if out else name
            node = getattr(node, name, None) if isinstance(node, BaseModel) else None
            continue
        i = int(index)
        item = node[i] if isinstance(node, list) and i < len(node) else None
        item_id = getattr(item, "id", None)
        out += f"[{item_id}]" if isinstance(item_id, str) else f"[{i}]"
        node = item
    return out


def file_identity(source: SourceFile | None, rel: str, rename: Callable[[str], str]) -> str:
    if source is not None and isinstance(source.model, Journey):
        return f"journey:{source.model.id}"
    return f"file:{rename(rel)}"


def finding_key(
    finding: Finding, sources: dict[str, SourceFile], rename: Callable[[str], str]
) -> FindingKey:
    rel = finding.location.file
    source = sources.get(rel)
    model = source.model if source is not None else None
    return (
        finding.code,
        file_identity(source, rel, rename),
        semantic_path(model, finding.location.yaml_path),
        _LINE_NUMBERS.sub(r"\1#", finding.message),
    )


def compare_findings(
    old: Iterable[Finding],
    old_sources: dict[str, SourceFile],
    new: Iterable[Finding],
    new_sources: dict[str, SourceFile],
    rename: Callable[[str], str],
) -> tuple[list[Finding], list[Finding]]:
    """(introduced, fixed): findings only the new side has, and only the old side has."""
    old_keyed = [(finding_key(f, old_sources, rename), f) for f in old]
    new_keyed = [(finding_key(f, new_sources, _same), f) for f in new]
    before = Counter(k for k, _ in old_keyed)
    after = Counter(k for k, _ in new_keyed)
    introduced = _beyond(new_keyed, before)
    fixed = _beyond(old_keyed, after)
    return introduced, fixed


def _same(rel: str) -> str:
    return rel


def _beyond(keyed: list[tuple[FindingKey, Finding]], other: Counter[FindingKey]) -> list[Finding]:
    """The findings of `keyed` that `other` does not account for (multiset difference)."""
    left = Counter(other)
    out = []
    for key, finding in keyed:
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(finding)
    return out


def finding_changes(
    introduced: list[Finding], fixed: list[Finding], levels: Callable[[str], Level | None]
) -> list[Change]:
    c = Collector(levels)
    for f in introduced:
        c.add(
            _RULE[f.severity],
            Element.finding,
            Action.introduced,
            f.location.yaml_path,
            f"new {f.severity.label} {f.code} ({f.name}): {f.message}",
            new=f.code,
            location=f.location,
        )
    for f in fixed:
        c.add(
            "finding-fixed",
            Element.finding,
            Action.fixed,
            f.location.yaml_path,
            f"fixed {f.severity.label} {f.code} ({f.name}): {f.message}",
            old=f.code,
        )
    return c.changes
