"""Which journeys a render or report command is about, loaded with their workspaces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.findings import Finding, Severity
from journeykit.model import FileKind, Journey
from journeykit.run.preload import Preload, ended
from journeykit.run.validate import load_workspace, resolve_targets
from journeykit.workspace.leftout import LeftOut, left_out
from journeykit.workspace.project import Located, Project


@dataclass(slots=True)
class Selected:
    """One workspace and the journeys in it that the paths selected."""

    project: Project
    journeys: list[Located[Journey]]
    findings: list[Finding]
    """Every finding of the workspace (the report shows them)."""


@dataclass(slots=True)
class Selection:
    workspaces: list[Selected] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    """Selected journey files that could not be loaded (shown as the user typed them)."""
    left_out: list[LeftOut] = field(default_factory=list)
    """Every file left out, selected journeys and catalogs alike, with its first error."""

    @property
    def journeys(self) -> list[tuple[Project, Located[Journey]]]:
        return [(w.project, j) for w in self.workspaces for j in w.journeys]


def _display(project: Project, rel: str, base: Path | None) -> str:
    full = project.root / rel
    if base is not None:
        try:
            return full.relative_to(base).as_posix()
        except ValueError:
            pass
    return full.as_posix()


def select_journeys(
    paths: Sequence[Path], base: Path | None = None, preload: Preload | None = None
) -> Selection:
    """Load the workspaces holding `paths`; raises UsageError / ConfigError like validate.

    `preload` (see `journeykit.run.preload`) is used if it loads what these paths need, and
    ended either way.
    """
    selection = Selection()
    base = base.resolve() if base is not None else None
    with ended(preload):
        for target in resolve_targets(paths, preload):
            project, findings = load_workspace(target, preload=preload)
            chosen = [j for j in project.journeys.values() if j.source.rel in target.selected]
            loaded = {j.source.rel for j in project.journeys.values()}
            read = {s.rel for s in project.sources}
            unread = {f.location.file for f in findings if f.location.file not in read}
            for rel in sorted(unread & target.selected):  # strays, links out of the workspace
                selection.broken.append(_display(project, rel, base))
            for source in project.sources:
                if source.kind is not FileKind.journey or source.rel not in target.selected:
                    continue
                fatal = any(f.severity is Severity.ERROR for f in source.findings)
                if source.rel not in loaded or (source.model is None and fatal):
                    selection.broken.append(_display(project, source.rel, base))
            selection.left_out += left_out(project, findings, target.selected, base)
            selection.workspaces.append(Selected(project, chosen, findings))
    return selection
