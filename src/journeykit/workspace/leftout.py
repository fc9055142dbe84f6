"""The files a command could not use: each named with the first of its errors."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from journeykit.findings import Finding, Severity
from journeykit.kinds import FileKind
from journeykit.workspace.discovery import shown_path
from journeykit.workspace.project import Project


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
        if dropped:
            found += _with_errors(project, source.rel, errors, base)
    # Selected files that were never read: strays by name, links out of the workspace.
    read = {s.rel for s in project.sources}
    for rel in sorted(set(selected) - read):
        found += _with_errors(project, rel, errors, base)
    return sorted(found, key=lambda item: item.finding.location.file)


def _with_errors(
    project: Project, rel: str, errors: dict[str, list[Finding]], base: Path | None
) -> list[LeftOut]:
    mine = sorted(errors.get(rel, []), key=Finding.sort_key)
    if not mine:
        return []
    shown = replace(mine[0].location, file=shown_path(project.root, rel, base))
    return [LeftOut(replace(mine[0], location=shown), len(mine))]
