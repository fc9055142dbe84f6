"""`journeykit gaps`: the coverage matrix and the gaps to fix first (a report, not a check)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import (
    EXIT_FINDINGS,
    checked,
    emit,
    fail,
    say_left_out,
    terminal_width,
    use_color,
)
from journeykit.cli.options import OUTPUT, PATHS

if TYPE_CHECKING:
    from journeykit.analysis.gaps import GapReport
    from journeykit.workspace.leftout import LeftOut


class GapsFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def gaps(
    paths: Annotated[list[Path] | None, PATHS] = None,
    persona: Annotated[
        str | None, typer.Option("--persona", "-p", help="Only this persona's journeys.")
    ] = None,
    fmt: Annotated[GapsFormat, typer.Option("--format", "-f", help="Output format.")] = (
        GapsFormat.text
    ),
    top: Annotated[
        int, typer.Option("--top", min=0, help="How many items to list in Fix first.")
    ] = 10,
    output: Annotated[Path | None, OUTPUT] = None,
) -> None:
    """Report coverage (persona x stage x channel), pain, dead ends, drop-outs,
    assumptions, and what to fix first: every lint finding (as the workspace's [lint]
    configures the rules) with the gaps that say the same, ranked by customer and legal
    risk (consent and opt-outs first), then severity and touchpoint importance.

    Exit codes: 0 the report is made; 1 made, but some files could not be read and were
    left out (each is named on standard error); 2 usage or I/O error. `journeykit lint`
    is the check.
    """
    reports, unread = _reports(paths, persona, top)
    say_left_out(unread)
    if fmt is GapsFormat.json:
        from journeykit.output.gaps_json import render as render_json

        emit(render_json(reports), output)
    elif fmt is GapsFormat.markdown:
        from journeykit.output.gaps_markdown import render as render_markdown

        emit(render_markdown(reports), output)
    else:
        from journeykit.output.gaps_text import render_terminal

        color = output is None and use_color()
        # Piped or written to a file, the text fits the 80 columns of a mail or a diff.
        width = terminal_width() if output is None and sys.stdout.isatty() else 80
        emit(render_terminal(reports, color, width), output)
    if unread:
        raise typer.Exit(EXIT_FINDINGS)


def _reports(
    paths: list[Path] | None, persona: str | None, top: int
) -> tuple[list[GapReport], list[LeftOut]]:
    """Each workspace's gap report, and the files that could not be read (left out)."""
    from journeykit.analysis.gaps import gap_report
    from journeykit.loader.schema_errors import did_you_mean
    from journeykit.run.options import LintRequest, RunOptions

    base = Path.cwd().resolve()
    result = checked(paths, RunOptions(base=base, jobs=None, lint=LintRequest()))
    reports: list[GapReport] = []
    for w in result.workspaces:
        project = w.project
        if persona is not None and persona not in project.personas:
            hint = did_you_mean(persona, project.personas)
            fail(f"unknown persona {persona!r}" + (f" ({hint})" if hint else ""))
        chosen = {j.item.id for j in w.journeys}
        findings = [f for f in w.every if f.location.file in w.selected]
        report = gap_report(project, persona, chosen, top, findings)
        reports.append(_relative(report, project.root, base))
    return reports, result.left_out


def _relative(report: GapReport, root: Path, base: Path) -> GapReport:
    from dataclasses import replace

    try:
        shown = root.relative_to(base).as_posix() or "."
    except ValueError:
        shown = root.as_posix()
    return replace(report, root=shown)
