"""SARIF 2.1.0, for code-scanning dashboards (GitHub's `upload-sarif`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from journeykit import __version__
from journeykit.findings import Finding, Severity
from journeykit.output.context import OutputContext, RuleInfo, capped, not_shown_line

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(code: str, info: RuleInfo | None, example: Finding) -> dict[str, Any]:
    name = info.name if info else example.name
    severity = info.severity if info else example.severity
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": info.summary if info else name},
        "defaultConfiguration": {"level": _LEVEL[severity]},
    }


def _result(f: Finding, index: int) -> dict[str, Any]:
    loc = f.location
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if (
        loc.end_line is not None
        and loc.end_column is not None
        and (loc.end_line, loc.end_column) > (loc.line, loc.column)
    ):
        region.update(endLine=loc.end_line, endColumn=loc.end_column)
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": loc.file, "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }
    if loc.yaml_path:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.yaml_path, "kind": "member"}]
    text = f.message + (f" ({f.hint})" if f.hint else "")
    return {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [location],
    }


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    """With a cap, the run holds the first results, and says how many more there are in a
    tool notification and the run property `findingsNotShown`."""
    shown, left_out = capped(findings, context)
    codes: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    for f in shown:
        if f.code not in codes:
            codes[f.code] = len(rules)
            rules.append(_rule(f.code, context.rules.get(f.code), f))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "journeykit",
                "version": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, codes[f.code]) for f in shown],
    }
    if left_out:
        notice = {"level": "warning", "message": {"text": not_shown_line(left_out)}}
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [notice]}]
        run["properties"] = {"findingsNotShown": left_out}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
