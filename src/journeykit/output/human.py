"""The format for people: each finding with the lines around it, like dbt and ruff show."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeykit.findings import Finding, Severity
from journeykit.output import OutputContext, statistics, summary_line

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
_CONTEXT_LINES = 2
_MAX_LINE = 160


def string_console(buffer: io.StringIO, color: bool, width: int) -> Console:
    """A rich console that renders into `buffer`: formatters return text, never print."""
    from rich.console import Console

    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=max(width, 40),
        highlight=False,
        soft_wrap=True,
    )


def _frame(f: Finding, lines: list[str]) -> list[str]:
    from rich.markup import escape

    loc = f.location
    if not 1 <= loc.line <= len(lines):
        return []
    first = max(1, loc.line - _CONTEXT_LINES)
    last = min(len(lines), loc.line + (1 if _CONTEXT_LINES else 0))
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        text = lines[number - 1].rstrip("\r\n")
        if len(text) > _MAX_LINE:
            text = text[:_MAX_LINE] + "…"
        marker = "[bold red]>[/]" if number == loc.line else " "
        out.append(f"  {marker} [dim]{number:>{width}} │[/] {escape(text)}")
        if number == loc.line:
            start = min(loc.column - 1, len(text))
            span = 1
            if loc.end_line == loc.line and loc.end_column and loc.end_column > loc.column:
                span = min(loc.end_column - loc.column, max(1, len(text) - start))
            caret = " " * start + "^" * span
            hint = f" [cyan]{escape(f.hint)}[/]" if f.hint else ""
            out.append(f"    {' ' * width} [dim]│[/] [bold red]{caret}[/]{hint}")
    return out


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    if not findings and not context.color:
        # What rich would print for a clean run without colour, without importing its
        # console (~25 ms of a small run's start-up).
        return summary_line(findings, context.files_checked) + "\n"
    from rich.markup import escape

    buffer = io.StringIO()
    console = string_console(buffer, context.color, context.width)
    split_cache: dict[str, list[str]] = {}
    for f in findings:
        loc = f.location
        label = f"[{_STYLE[f.severity]}]{f.severity.label}[/]"
        console.print(
            f"[bold]{escape(loc.file)}:{loc.line}:{loc.column}[/]: {label} "
            f"[bold]{f.code}[/] [dim]({f.name})[/] {escape(f.message)}"
        )
        text = context.sources.get(loc.file)
        if text is not None:
            lines = split_cache.get(loc.file)
            if lines is None:
                lines = split_cache[loc.file] = text.splitlines()
            frame = _frame(f, lines)
            for row in frame:
                console.print(row)
            if f.hint and not frame:
                console.print(f"    [cyan]hint: {escape(f.hint)}[/]")
        elif f.hint:
            console.print(f"    [cyan]hint: {escape(f.hint)}[/]")
        console.print()
    if context.show_statistics and findings:
        for code, name, count in statistics(findings):
            console.print(f"{count:>5}  [bold]{code}[/]  {name}")
        console.print()
    style = "bold red" if any(f.severity is Severity.ERROR for f in findings) else "bold green"
    if findings and style == "bold green":
        style = "bold yellow"
    console.print(f"[{style}]{escape(summary_line(findings, context.files_checked))}[/]")
    return buffer.getvalue()
