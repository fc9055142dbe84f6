"""GitHub Actions: breaking changes and warnings as annotations on the changed lines.

The job summary (the markdown format) goes to `$GITHUB_STEP_SUMMARY`; the command
appends it there, since only the CLI writes files.
"""

from __future__ import annotations

from journeykit.diff.changes import Change, DiffReport
from journeykit.diff.format_base import DiffContext, summary_sentence
from journeykit.diff.rules import Level

_COMMAND = {Level.BREAKING: "error", Level.WARNING: "warning"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(change: Change, root: str) -> str | None:
    command = _COMMAND.get(change.level)
    loc = change.location
    if command is None:
        return None
    title = _property(f"journeykit diff: {change.rule}")
    if loc is None:
        return f"::{command} title={title}::{_data(change.message)}"
    file = loc.file if root in ("", ".") else f"{root.rstrip('/')}/{loc.file}"
    props = f"file={_property(file)},line={loc.line},col={loc.column},title={title}"
    return f"::{command} {props}::{_data(change.message)}"


def render(report: DiffReport, context: DiffContext) -> str:
    lines = []
    for workspace in report.workspaces:
        for change in workspace.changes():
            line = annotation(change, workspace.root)
            if line is not None:
                lines.append(line)
    lines.append(summary_sentence(report))
    return "\n".join(lines) + "\n"
