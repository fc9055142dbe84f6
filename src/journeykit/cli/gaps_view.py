"""The gap report in the terminal: rich tables, rendered to a string for `emit`."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeykit.analysis.gaps import GapReport, JourneyGaps
from journeykit.output.gaps_markdown import drop_text, pain_text, summary_line

_IMPORTANCE_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}


def _journey(console: Console, j: JourneyGaps, names: dict[str, str]) -> None:
    console.print()
    console.print(Text.assemble((f"{j.journey}", "bold"), f": {j.title}  ", (j.file, "dim")))
    # Channels down, stages across: journeys have a handful of stages but may use a dozen
    # channels, and stage names wrap where channel ids would be cut off.
    m = j.matrix
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("channel", no_wrap=True)
    for stage in m.stages:
        table.add_column(j.stage_names.get(stage, stage), justify="right", overflow="fold")
    for channel in m.channels:
        counts = [len(m.touchpoints(stage, channel)) for stage in m.stages]
        cells = [Text(str(n) if n else "·", style="" if n else "dim") for n in counts]
        table.add_row(names.get(channel, channel), *cells)
    console.print(table)
    for persona, stage in j.uncovered:
        console.print(Text(f"  not reached: {persona} in {stage}", style="red"))
    for persona, stage in j.unpreferred:
        console.print(Text(f"  no preferred channel: {persona} in {stage}", style="yellow"))
    console.print(f"Pain by stage: {pain_text(j.pain_by_stage)}")
    console.print(f"Pain by channel: {pain_text(j.pain_by_channel)}")
    drops = j.drop_outs
    console.print("Dead ends and drop-outs:" + (" none found" if not drops else ""))
    for drop in drops:
        console.print(f"  - {drop_text(drop)}", highlight=False)
    console.print(
        f"Evidence: {j.assumptions} of {j.touchpoints} touchpoints "
        f"({j.assumption_share:.0%}) rest on assumptions; {j.no_evidence} have none."
    )


def _report(console: Console, report: GapReport) -> None:
    who = f"persona {report.persona}" if report.persona else "all personas"
    console.print(Text.assemble(("Gap report: ", "bold"), report.root, f" ({who})"))
    console.print(summary_line(report))
    console.print()
    console.print(Text("Fix first", style="bold"))
    if not report.top_gaps:
        console.print("No gaps found.")
    table = Table(show_edge=False, pad_edge=False, header_style="bold", show_header=False)
    table.add_column("#", justify="right")
    table.add_column("importance")
    table.add_column("gap", overflow="fold", ratio=1)
    table.add_column("where", no_wrap=True)
    for i, gap in enumerate(report.top_gaps, start=1):
        level = gap.importance.value
        table.add_row(
            str(i),
            Text(level, style=_IMPORTANCE_STYLE[level]),
            gap.message,
            Text(f"{gap.location.file}:{gap.location.line}", style="dim"),
        )
    if report.top_gaps:
        console.print(table)
    for j in report.journeys:
        _journey(console, j, report.channel_names)


def render_terminal(reports: Sequence[GapReport], color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 60),
        force_terminal=color,
        no_color=not color,
        highlight=False,
        soft_wrap=False,
    )
    for i, report in enumerate(reports):
        if i:
            console.print()
        _report(console, report)
    return buffer.getvalue()
