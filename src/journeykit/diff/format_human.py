"""The diff for people in a terminal: per journey, each change with its level."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from journeykit.diff.changes import Change, DiffReport, Element
from journeykit.diff.format_base import DiffContext, count_words, journey_heading, summary_sentence
from journeykit.diff.rules import Level
from journeykit.output.human import string_console

_STYLE = {Level.BREAKING: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}
_STATUS = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": "dim"}


def _line(console: Console, change: Change) -> None:
    level = change.level
    label = f"[{_STYLE[level]}]{level.label:<8}[/]"
    where = ""
    if change.location is not None and change.location.line > 1:
        where = f" [dim](line {change.location.line})[/]"
    console.print(f"  {label} {escape(change.message)}{where}")


def render(report: DiffReport, context: DiffContext) -> str:
    buffer = io.StringIO()
    console = string_console(buffer, context.color, context.width)
    console.print(
        f"[bold]journeykit diff[/] {escape(report.old_label)} [dim]->[/] {escape(report.new_label)}"
    )
    for workspace in report.workspaces:
        if len(report.workspaces) > 1 or workspace.root not in (".", ""):
            console.print(f"\n[bold]workspace {escape(workspace.root)}[/]")
        for journey in workspace.journeys:
            status = journey.status
            console.print(
                f"\n[bold]journey {escape(journey_heading(journey))}[/] "
                f"[{_STATUS.get(status, 'yellow')}]{status}[/] "
                f"[dim]{escape(count_words(journey.changes))}[/]"
            )
            edits = [c for c in journey.changes if c.element is not Element.finding]
            findings = [c for c in journey.changes if c.element is Element.finding]
            for change in edits:
                _line(console, change)
            if findings and edits:
                console.print("  [dim]what it does to the analysis:[/]")
            for change in findings:
                _line(console, change)
        if workspace.catalog:
            console.print(f"\n[bold]catalog[/] [dim]{escape(count_words(workspace.catalog))}[/]")
            for change in workspace.catalog:
                _line(console, change)
        if workspace.analysis:
            console.print("\n[bold]findings in other files[/]")
            for change in workspace.analysis:
                where = change.location.file if change.location else ""
                _line(console, change)
                if where:
                    console.print(f"           [dim]{escape(where)}[/]")
    console.print()
    worst = report.level()
    style = _STYLE[worst] if worst is not None else "bold green"
    console.print(f"[{style}]{escape(summary_sentence(report))}[/]")
    return buffer.getvalue()
