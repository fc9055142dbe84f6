"""`file:line:col: CODE message`, one finding per line, like ruff and flake8.

In file and line order, as ruff and flake8 list them, for the editors and scripts that
read it; the human format is the one that puts errors first."""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.findings import Finding
from journeykit.output.context import (
    OutputContext,
    capped,
    not_shown_line,
    statistics,
    summary_line,
)


def line(f: Finding) -> str:
    loc = f.location
    hint = f" ({f.hint})" if f.hint else ""
    return f"{loc.file}:{loc.line}:{loc.column}: {f.code} [{f.severity.label}] {f.message}{hint}"


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    shown, left_out = capped(findings, context)
    lines = [line(f) for f in shown]
    if left_out:
        lines.append(not_shown_line(left_out))
    if context.show_statistics:
        lines += [f"{count:>5}  {code}  {name}" for code, name, count in statistics(findings)]
    lines.append(summary_line(findings, context.files_checked))
    return "\n".join(lines) + "\n"
