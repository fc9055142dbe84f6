"""What the diff's formats share: their context, the comment marker, counts and words.

Its own module so that each `format_*` module imports it, and only the registry in
`journeykit.diff.formats` imports a format, on demand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journeykit.diff.changes import Change, DiffReport, JourneyDiff
from journeykit.diff.rules import Level

MARKER = "<!-- journeykit-diff -->"
"""First line of the markdown format: lets a workflow find and update its own comment."""


@dataclass(frozen=True, slots=True)
class DiffContext:
    color: bool = False
    width: int = 100


def level_counts(changes: Iterable[Change]) -> dict[Level, int]:
    out = {level: 0 for level in sorted(Level, reverse=True)}
    for change in changes:
        out[change.level] += 1
    return out


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def count_words(changes: Iterable[Change]) -> str:
    """ "1 breaking, 2 warnings, 4 info" (levels with none left out); "no changes"."""
    counts = level_counts(changes)
    parts = []
    for level, n in counts.items():
        if n:
            parts.append(plural(n, "warning") if level is Level.WARNING else f"{n} {level.label}")
    return ", ".join(parts) if parts else "no changes"


def summary_sentence(report: DiffReport) -> str:
    changes = report.changes()
    if not changes:
        return f"No journey changes between {report.old_label} and {report.new_label}."
    journeys = sum(len(w.journeys) for w in report.workspaces)
    where = f" in {plural(journeys, 'journey')}" if journeys else ""
    return f"{count_words(changes)}{where} ({report.old_label} -> {report.new_label})."


def journey_heading(journey: JourneyDiff) -> str:
    """ "checkout (journeys/checkout.journey.yaml, renamed from old.journey.yaml)"."""
    where = journey.file
    if journey.old_file and journey.new_file and journey.old_file != journey.new_file:
        where = f"{journey.new_file}, was {journey.old_file}"
    return f"{journey.journey_id} ({where})"
