"""The diff as JSON for tools: every change with its kind, level, target, old and new value."""

from __future__ import annotations

import json
from typing import Any

from journeykit.diff.changes import Change, DiffReport, JourneyDiff, WorkspaceDiff, diff_marks
from journeykit.diff.format_base import DiffContext, level_counts
from journeykit.findings import Location

FORMAT_VERSION = 1


def _location(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"file": loc.file, "line": loc.line, "column": loc.column, "yaml_path": loc.yaml_path}


def change_data(change: Change) -> dict[str, Any]:
    return {
        "kind": change.rule,
        "level": change.level.label,
        "element": change.element.value,
        "action": change.action.value,
        "target": change.target,
        "message": change.message,
        "old": change.old,
        "new": change.new,
        "location": _location(change.location),
    }


def _counts(changes: list[Change]) -> dict[str, int]:
    return {level.label: n for level, n in level_counts(changes).items()}


def _journey(journey: JourneyDiff) -> dict[str, Any]:
    return {
        "id": journey.journey_id,
        "title": journey.title,
        "status": journey.status,
        "old_id": journey.old_id,
        "new_id": journey.new_id,
        "old_file": journey.old_file,
        "new_file": journey.new_file,
        "counts": _counts(journey.changes),
        "changes": [change_data(c) for c in journey.changes],
        "marks": diff_marks(journey),
    }


def _workspace(workspace: WorkspaceDiff) -> dict[str, Any]:
    return {
        "root": workspace.root,
        "journeys": [_journey(j) for j in workspace.journeys],
        "catalog": [change_data(c) for c in workspace.catalog],
        "analysis": [change_data(c) for c in workspace.analysis],
    }


def render(report: DiffReport, context: DiffContext) -> str:
    changes = report.changes()
    worst = report.level()
    data = {
        "version": FORMAT_VERSION,
        "old": report.old_label,
        "new": report.new_label,
        "level": worst.label if worst is not None else None,
        "counts": _counts(changes),
        "workspaces": [_workspace(w) for w in report.workspaces],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
