"""What a change does to the analysis: findings introduced and findings fixed.

Lines shift with every edit and list indexes with every insertion, so findings are
compared by code, the file's identity (a journey's id, else its path with renames
followed), the YAML path with list indexes replaced by item ids, and the message with
line numbers blanked. An item renamed with its content kept (a touchpoint, stage or
journey under a new id) keeps its findings: the old side's keys use the new ids.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class IdRenames:
    """The ids one journey's items changed to, content kept: what its findings follow."""

    journey: str | None = None
    """The journey's new id, when it changed."""
    items: dict[str, dict[str, str]] = field(default_factory=dict)
    """The list's path by new ids (`stages`, `stages[purchase].kpis`) -> old id -> new id."""

    def quoted(self) -> dict[str, str]:
        """Every old id -> new id, for the ids a finding's message quotes."""
        return {old: new for ids in self.items.values() for old, new in ids.items()}


_NO_RENAMES = IdRenames()


def semantic_path(
    model: BaseModel | None, yaml_path: str, renames: Mapping[str, Mapping[str, str]] = {}
) -> str:
    """`touchpoints[3].channel` -> `touchpoints[cart-sms].channel`, following the model;
    with the ids of `renames` (the list's path -> old id -> new id) replaced."""
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
        if isinstance(item_id, str):
            out += f"[{renames.get(out, {}).get(item_id, item_id)}]"
        else:
            out += f"[{i}]"
        node = item
    return out


def file_identity(source: SourceFile | None, rel: str, rename: Callable[[str], str]) -> str:
    if source is not None and isinstance(source.model, Journey):
        return f"journey:{source.model.id}"
    return f"file:{rename(rel)}"


def finding_key(
    finding: Finding,
    sources: dict[str, SourceFile],
    rename: Callable[[str], str],
    ids: Mapping[str, IdRenames] = {},
) -> FindingKey:
    """The finding's key; `ids` (old journey id -> its renames) for the old side."""
    rel = finding.location.file
    source = sources.get(rel)
    model = source.model if source is not None else None
    identity = file_identity(source, rel, rename)
    message = _LINE_NUMBERS.sub(r"\1#", finding.message)
    renames = ids.get(model.id, _NO_RENAMES) if isinstance(model, Journey) else _NO_RENAMES
    if renames.journey is not None:
        identity = f"journey:{renames.journey}"
    path = semantic_path(model, finding.location.yaml_path, renames.items)
    # Journey ids are the workspace's: any finding may name one; item ids only its own.
    named = {old: r.journey for old, r in ids.items() if r.journey is not None}
    named.update(renames.quoted())
    return (finding.code, identity, path, _requote(message, named))


_QUOTED = re.compile(r"(?:(?<=['\"`(])|(?<=, ))([A-Za-z0-9_.-]+)(?=['\"`),])")


def _requote(message: str, renames: Mapping[str, str]) -> str:
    """The ids a message quotes ('cart-sms', `cart-sms`) or lists ("(checkout,
    returns)") under their new names: only those, so a stage renamed from `purchase`
    leaves the word purchase in a sentence alone."""
    if not renames:
        return message
    return _QUOTED.sub(lambda m: renames.get(m.group(1), m.group(1)), message)


def compare_findings(
    old: Iterable[Finding],
    old_sources: dict[str, SourceFile],
    new: Iterable[Finding],
    new_sources: dict[str, SourceFile],
    rename: Callable[[str], str],
    ids: Mapping[str, IdRenames] = {},
) -> tuple[list[Finding], list[Finding]]:
    """(introduced, fixed): findings only the new side has, and only the old side has.

    `ids`: old journey id -> the ids its items were renamed to, followed by old findings.
    """
    old_keyed = [(finding_key(f, old_sources, rename, ids), f) for f in old]
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
