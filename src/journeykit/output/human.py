"""The format for people: each finding with the lines around it, like dbt and ruff show."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from journeykit.findings import Finding, Severity
from journeykit.output.context import (
    OutputContext,
    by_severity,
    capped,
    counts,
    not_shown_line,
    severity_heading,
    statistics,
    summary_line,
)

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
_CONTEXT_LINES = 2
_MAX_LINE = 160
_TAB_SIZE = 8
"""As rich expands tabs."""


def string_console(buffer: io.StringIO, color: bool, width: int) -> Console:
    """A rich console that renders into `buffer`: formatters return text, never print."""
    from rich.console import Console

    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=max(width, 40),
        highlight=False,
        emoji=False,  # ":fire:" in a journey's text is text, not an emoji
        soft_wrap=True,
    )


Paint = Callable[[str, str], str]
"""(style, text) -> the text as a line shows it: rich markup, or the text as it is."""


_VISIBLE = {c: 0x2400 + c for c in (*range(9), *range(11, 32))} | {0x7F: 0x2421}
"""Control characters as their pictures (BEL as ␇, ESC as ␛): a journey's text must not
drive the terminal, and the reader sees where the character is."""


def _markup(style: str, text: str) -> str:
    from rich.markup import escape

    text = escape(text.translate(_VISIBLE))
    return f"[{style}]{text}[/]" if style else text


def _plain(style: str, text: str) -> str:
    return text.translate(_VISIBLE)


def _frame(f: Finding, lines: list[str], paint: Paint) -> list[str]:
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
        marker = paint("bold red", ">") if number == loc.line else " "
        out.append(f"  {marker} {paint('dim', f'{number:>{width}} │')} {paint('', text)}")
        if number == loc.line:
            start = min(loc.column - 1, len(text))
            span = 1
            if loc.end_line == loc.line and loc.end_column and loc.end_column > loc.column:
                span = min(loc.end_column - loc.column, max(1, len(text) - start))
            caret = paint("bold red", " " * start + "^" * span)
            hint = f" {paint('cyan', f.hint)}" if f.hint else ""
            out.append(f"    {' ' * width} {paint('dim', '│')} {caret}{hint}")
    return out


def render(findings: Sequence[Finding], context: OutputContext) -> str:
    """Every finding with its code frame, errors first under a heading per severity
    (`errors (1)`), then the statistics and the summary line.

    Without colour no rich is needed (tabs are expanded as rich does): printing line by
    line through rich cost 1 ms a finding, 15 s for a big workspace's first lint. With
    colour, rich renders the whole text in one go.
    """
    paint = _markup if context.color else _plain
    ordered = by_severity(findings)
    shown, left_out = capped(ordered, context)
    tally = counts(findings)
    lines: list[str] = []
    split_cache: dict[str, list[str]] = {}
    heading: Severity | None = None
    for f in shown:
        if f.severity is not heading:
            heading = f.severity
            title = severity_heading(heading, tally[heading.label])
            lines += [paint(_STYLE[heading], title), ""]
        lines += _finding(f, context, split_cache, paint)
    if left_out:
        lines += [paint("bold", not_shown_line(left_out)), ""]
    if context.show_statistics and findings:
        for code, name, count in statistics(findings):
            lines.append(f"{count:>5}  {paint('bold', code)}  {paint('', name)}")
        lines.append("")
    style = "bold red" if any(f.severity is Severity.ERROR for f in findings) else "bold green"
    if findings and style == "bold green":
        style = "bold yellow"
    lines.append(paint(style, summary_line(findings, context.files_checked)))
    if not context.color:
        return "\n".join(lines).expandtabs(_TAB_SIZE) + "\n"
    buffer = io.StringIO()
    string_console(buffer, context.color, context.width).print("\n".join(lines))
    return buffer.getvalue()


def _finding(
    f: Finding, context: OutputContext, split_cache: dict[str, list[str]], paint: Paint
) -> list[str]:
    """One finding: its line, its code frame (or its hint), a blank line."""
    loc = f.location
    label = paint(_STYLE[f.severity], f.severity.label)
    lines = [
        f"{paint('bold', f'{loc.file}:{loc.line}:{loc.column}')}: {label} "
        f"{paint('bold', f.code)} {paint('dim', f'({f.name})')} {paint('', f.message)}"
    ]
    text = context.sources.get(loc.file)
    frame: list[str] = []
    if text is not None:
        cached = split_cache.get(loc.file)
        if cached is None:
            cached = split_cache[loc.file] = text.splitlines()
        frame = _frame(f, cached, paint)
        lines.extend(frame)
    if f.hint and not frame:
        lines.append(f"    {paint('cyan', f'hint: {f.hint}')}")
    lines.append("")
    return lines
