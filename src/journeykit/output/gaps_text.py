"""The gap report in the terminal: rich text and tables, rendered to a string for `emit`.

Every user string goes in as `Text`, never as a str that rich would read as markup or
emoji codes: a stage named `[beta]` stays `[beta]`. A journey's coverage matrix is laid
out here when it fits the width (the very lines rich's table draws, at a fraction of the
cost: 1,000 journeys took 4 s) and by rich's `Table` when its columns must wrap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeykit.analysis.gaps import GapReport, JourneyGaps
from journeykit.output.gaps_markdown import drop_text, pain_text, summary_line, where_text
from journeykit.words import counted

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def matrix_table(header: list[str], rows: list[tuple[str, list[int]]]) -> Table:
    """Channels down, stages across, as rich lays it out (headers wrap if they must)."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(Text(header[0]), no_wrap=True)
    for name in header[1:]:
        table.add_column(Text(name), justify="right", overflow="fold")
    for name, counts in rows:
        cells = [Text(str(n) if n else "·", style="" if n else "dim") for n in counts]
        table.add_row(Text(name), *cells)
    return table


def matrix_lines(header: list[str], rows: list[tuple[str, list[int]]], width: int) -> Text | None:
    """`matrix_table`'s lines, or None when they would not fit `width` unwrapped."""
    texts = [header, *([name, *(str(n) if n else "·" for n in counts)] for name, counts in rows)]
    if any("\n" in cell or "\r" in cell for row in texts for cell in row):
        return None
    widths = [max(cell_len(row[i]) for row in texts) for i in range(len(header))]
    if sum(widths) + 3 * (len(widths) - 1) > width:
        return None
    last = len(widths) - 1
    out = Text()
    for i, (name, size) in enumerate(zip(header, widths, strict=True)):
        fill = " " * (size - cell_len(name))
        padded = name + fill if i == 0 else fill + name
        out.append(padded if i == 0 else " " + padded, "bold")
        out.append(" ┃" if i < last else "\n", "bold" if i == last else None)
    pads = [(i > 0) + (i < last) for i in range(len(widths))]
    out.append("╇".join("━" * (size + pad) for size, pad in zip(widths, pads, strict=True)))
    out.append("\n")
    for name, counts in rows:
        out.append(name + " " * (widths[0] - cell_len(name)))
        for size, n in zip(widths[1:], counts, strict=True):
            cell = str(n) if n else "·"
            out.append(" │ ")
            out.append(cell.rjust(size), None if n else "dim")
        out.append("\n")
    return out


def _journey(j: JourneyGaps, names: dict[str, str], width: int) -> list[Text | Table]:
    """The journey's block: its lines, and rich's table where even numbered stage columns
    do not fit."""
    m = j.matrix
    header = ["channel", *(j.stage_names.get(stage, stage) for stage in m.stages)]
    rows = [
        (names.get(ch, ch), [len(m.touchpoints(stage, ch)) for stage in m.stages])
        for ch in m.channels
    ]
    head = Text("\n")
    head.append_text(Text.assemble((f"{j.journey}", "bold"), f": {j.title}  ", (j.file, "dim")))
    head.append("\n")
    lines, legend = matrix_lines(header, rows, width), None
    if lines is None:
        # Stage names too wide to sit side by side: numbered columns and a legend that
        # wraps between words, rather than names cut in the middle of a word.
        numbered = [header[0], *(str(i) for i in range(1, len(header)))]
        lines = matrix_lines(numbered, rows, width)
        legend = "Stages: " + ", ".join(f"{i} {n}" for i, n in enumerate(header[1:], start=1))
    parts: list[Text | Table] = []
    if lines is None:
        parts = [head[:-1], matrix_table(header, rows)]
        body = Text()
    else:
        body = head
        body.append_text(lines)
    if legend is not None and parts == []:
        body.append(legend + "\n", "dim")
    for persona, stage in j.uncovered:
        body.append(f"  not reached: {persona} in {stage}\n", "red")
    for persona, stage in j.unpreferred:
        body.append(f"  no preferred channel: {persona} in {stage}\n", "yellow")
    body.append(f"Pain by stage: {pain_text(j.pain_by_stage)}\n")
    body.append(f"Pain by channel: {pain_text(j.pain_by_channel)}\n")
    drops = j.drop_outs
    body.append("Dead ends and drop-outs:" + (" none found" if not drops else "") + "\n")
    for drop in drops:
        body.append(f"  - {drop_text(drop)}\n")
    body.append(
        f"Evidence: {j.assumptions} of {counted(j.touchpoints, 'touchpoint')} "
        f"({j.assumption_share:.0%}) rest on assumptions; {j.no_evidence} have none."
    )
    return [*parts, body]


def _report(report: GapReport, width: int) -> list[Text | Table]:
    who = f"persona {report.persona}" if report.persona else "all personas"
    head = Text.assemble(("Gap report: ", "bold"), report.root, f" ({who})\n")
    head.append(summary_line(report) + "\n\n")
    head.append("Fix first", "bold")
    if not report.fix_first:
        head.append("\nNo gaps found.")
    parts: list[Text | Table] = [head]
    if report.fix_first:
        parts.append(fix_table(report))
    for j in report.journeys:
        parts.extend(_journey(j, report.channel_names, width))
    return parts


def fix_table(report: GapReport) -> Table:
    """Fix first: rank, risk tier, severity, count and rule code; then the gap, with the
    rule's name and where it is below it, in one column that wraps between words."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold", box=None)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("tier", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("gap", ratio=1, overflow="fold")
    for i, item in enumerate(report.fix_first, start=1):
        level = item.severity.label
        gap = Text(item.message)
        gap.append(f"\n{item.rule}  ", "dim")
        gap.append(where_text(item), "dim")
        table.add_row(
            str(i),
            item.tier.label,
            Text(level, style=_SEVERITY_STYLE[level]),
            str(item.count),
            item.code,
            gap,
        )
    return table


def render_terminal(reports: Sequence[GapReport], color: bool, width: int) -> str:
    buffer = io.StringIO()
    width = max(width, 60)
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )
    parts: list[Text | Table] = []
    for i, report in enumerate(reports):
        if i:
            parts.append(Text())
        parts.extend(_report(report, width))
    # Runs of text go out as one Text: each print costs rich far more than a line does.
    run: list[Text] = []
    for part in parts:
        if isinstance(part, Text):
            run.append(part)
            continue
        if run:
            console.print(_joined(run, width))
            run = []
        console.print(part)
    if run:
        console.print(_joined(run, width))
    return buffer.getvalue()


def _joined(run: list[Text], width: int) -> Text:
    """The texts as one, told not to wrap when no line needs it (wrapping is most of
    what rich spends on a line, even one that fits)."""
    text = Text("\n").join(run)
    text.no_wrap = all(cell_len(line) <= width for line in text.plain.split("\n"))
    return text
