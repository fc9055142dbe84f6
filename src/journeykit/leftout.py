"""The files a command could not use: each named with the first of its errors."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from journeykit.findings import Finding, Severity
from journeykit.kinds import FileKind
from journeykit.project import Project
from journeykit.workspace import shown_path


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A file that could not be read (or not used), with the first of its errors."""

    finding: Finding
    """Its location's file as the user sees it (relative to the base, when under it)."""
    errors: int
    """How many errors the file has in all."""


def left_out(
    project: Project, findings: Sequence[Finding], selected: Collection[str], base: Path | None
) -> list[LeftOut]:
    """The files of `project` left out: selected journeys and any catalog that did not load.

    A catalog feeds every journey, so a broken one counts whichever journeys were chosen.
    Sorted by path.
    """
    loaded = {j.source.rel for j in project.journeys.values()}
    errors: dict[str, list[Finding]] = {}
    for f in findings:
        if f.severity is Severity.ERROR:
            errors.setdefault(f.location.file, []).append(f)
    found = []
    for source in project.sources:
        if source.kind is FileKind.journey:
            if source.rel not in selected:
                continue
            dropped = source.rel not in loaded or source.model is None
        else:
            dropped = source.model is None
        mine = sorted(errors.get(source.rel, []), key=Finding.sort_key)
        if dropped and mine:
            shown = replace(mine[0].location, file=shown_path(project.root, source.rel, base))
            found.append(LeftOut(replace(mine[0], location=shown), len(mine)))
    return sorted(found, key=lambda item: item.finding.location.file)
