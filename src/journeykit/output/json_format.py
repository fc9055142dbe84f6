"""Findings as one JSON document, for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from journeykit import __version__
from journeykit.findings import Finding
from journeykit.output.context import OutputContext, capped, counts, statistics


def finding_dict(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "hint": f.hint,
        "location": {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "yaml_path": loc.yaml_path,
        },
    }


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    """`summary` counts every finding; with a cap, `findings` holds the first ones and
    `findings_not_shown` says how many more there are."""
    shown, left_out = capped(findings, context)
    document: dict[str, Any] = {
        "tool": "journeykit",
        "version": __version__,
        "files_checked": context.files_checked,
        "summary": counts(findings),
        "findings": [finding_dict(f) for f in shown],
    }
    if left_out:
        document["findings_not_shown"] = left_out
    if context.show_statistics:
        document["statistics"] = [
            {"code": c, "name": n, "count": k} for c, n, k in statistics(findings)
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
