"""`journeykit measure -f human`: the measurement as rich tables for a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeykit.measure.result import Measurement, Metrics
from journeykit.output.measure_tables import headline, sections, summary


def render(m: Measurement, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 60),
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for line in headline(m):
        console.print(Text(line))
    for j in m.journeys:
        console.print(Text(f"\nJourney {j.journey}: {j.title}", style="bold"))
        _metrics(console, j.all)
        for part in j.segments:
            console.print(Text(f"\n{j.journey}, segment {part.segment or '(none)'}", style="bold"))
            _metrics(console, part)
    return buffer.getvalue()


def _metrics(console: Console, x: Metrics) -> None:
    for line in summary(x):
        console.print(Text(line))
    for s in sections(x):
        if not s.rows:
            continue
        table = Table(title=s.title, title_justify="left", caption=s.note or None)
        for h in s.headers:
            table.add_column(h)
        for row in s.rows:
            table.add_row(*row)
        console.print(table)
