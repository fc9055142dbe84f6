"""The rows benchmarks/run.py measures, and the Markdown table they make."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from timing import REPO, Sample, machine, ms

DOCS = REPO / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- benchmark table: start -->", "<!-- benchmark table: end -->"


@dataclass
class Row:
    what: str
    measured: str
    """The working tree's figure."""
    target: str = ""
    met: bool | None = None
    peers: str = ""
    against: str = ""
    """The same figure for `--against REV`, if asked."""
    ratio: str = ""
    """The working tree's time over REV's."""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    against: str | None = None
    """The label of the `--against` revision (its column), if any."""

    def add(
        self,
        what: str,
        samples: Sequence[Sample],
        target: str = "",
        ok: Callable[[float], bool] | None = None,
        peers: str = "",
    ) -> None:
        """A row of medians: the working tree's (the first sample), then REV's if there."""
        tree = samples[0].median
        row = Row(what, ms(tree), target, ok(tree) if ok is not None else None, peers)
        if len(samples) > 1:
            theirs = samples[1].median
            row.against, row.ratio = ms(theirs), f"{tree / theirs:.2f}x"
        self.rows.append(row)


def table(report: Report) -> str:
    if report.against is None:
        out = [
            "| What | Measured | Target | Met? | Peers, same files, same run |",
            "|---|---|---|---|---|",
        ]
    else:
        out = [
            f"| What | {report.against} | Working tree | Tree / {report.against} | Target "
            "| Met? | Peers, same files, same run |",
            "|---|---|---|---|---|---|---|",
        ]
    for row in report.rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        both = f"{row.against} | {row.measured} | {row.ratio}" if report.against else row.measured
        out.append(f"| {row.what} | {both} | {row.target} | {met} | {row.peers} |")
    return "\n".join(out)


def render_markdown(report: Report, runs: int) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    how = f"Median of {runs} whole-process runs after one warm-up run"
    if report.against is not None:
        how += f", {report.against} and the working tree in turn (A, B, A, B ...)"
    lines = [
        f"Measured {when} on {machine()}.",
        f"{how}; peers (check-jsonschema with journeykit's own JSON Schema, yamllint with "
        "its default rules) on the same files in the same run.",
        "",
        table(report),
    ]
    if report.notes:
        lines += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines)


def update_docs(markdown: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
    DOCS.write_text(f"{text[:start]}\n{markdown}\n{text[end:]}", encoding="utf-8")
