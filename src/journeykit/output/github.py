"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.findings import Finding, Severity
from journeykit.output.context import OutputContext, capped, not_shown_line, summary_line

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    loc = f.location
    props = [f"file={_property(loc.file)}", f"line={loc.line}", f"col={loc.column}"]
    if loc.end_line is not None and loc.end_line == loc.line and loc.end_column:
        props += [f"endLine={loc.end_line}", f"endColumn={loc.end_column}"]
    props.append(f"title={_property(f'{f.code} {f.name}')}")
    message = f.message + (f" ({f.hint})" if f.hint else "")
    return f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(message)}"


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    shown, left_out = capped(findings, context)
    lines = [annotation(f) for f in shown]
    if left_out:
        lines.append(not_shown_line(left_out))
    lines.append(summary_line(findings, context.files_checked))
    return "\n".join(lines) + "\n"
