"""What one run found: per workspace, the project and its findings; for every command."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.findings import Finding, Severity, sort_findings
from journeykit.workspace.discovery import shown_path

if TYPE_CHECKING:  # the run imports the models only once its workers parse (run/load.py)
    from journeykit.loader.source import SourceFile
    from journeykit.model import Journey
    from journeykit.workspace.leftout import LeftOut
    from journeykit.workspace.project import Located, Project


@dataclass(slots=True)
class CheckedWorkspace:
    project: Project
    selected: set[str]
    findings: list[Finding]
    """Findings in the selected files, with paths as `display` shows them."""
    base: Path | None = None
    every: list[Finding] = field(default_factory=list)
    """Findings in every file of the workspace, with paths relative to its root."""
    complete: bool = True
    """Only the files the configuration selects were read (none named from outside it)."""
    fail_level: Severity = Severity.ERROR
    """The lowest severity that fails, as the workspace's `[lint]` sets it (lint only)."""
    left_out: list[LeftOut] = field(default_factory=list)
    """Selected journeys and catalogs that could not be used, each with its first error."""

    def display(self, rel: str) -> str:
        """A workspace path as the user sees it: relative to `base` when under it."""
        return shown_path(self.project.root, rel, self.base)

    @property
    def journeys(self) -> list[Located[Journey]]:
        """The loaded journeys in the selected files, in file order."""
        return [j for j in self.project.journeys.values() if j.source.rel in self.selected]


@dataclass(slots=True)
class RunResult:
    workspaces: list[CheckedWorkspace]

    @property
    def findings(self) -> list[Finding]:
        return sort_findings(f for w in self.workspaces for f in w.findings)

    @property
    def files_checked(self) -> int:
        return sum(len(w.selected) for w in self.workspaces)

    @property
    def left_out(self) -> list[LeftOut]:
        return [item for w in self.workspaces for item in w.left_out]

    @property
    def journeys(self) -> list[tuple[Project, Located[Journey]]]:
        """Every selected journey that loaded, with its project."""
        return [(w.project, j) for w in self.workspaces for j in w.journeys]

    def exit_code(self, override: Severity | None = None) -> int:
        """1 when a workspace has a finding at or above `override` (or its own fail level)."""
        for w in self.workspaces:
            threshold = override or w.fail_level
            if any(f.severity >= threshold for f in w.findings):
                return 1
        return 0

    def texts(self, files: Collection[str]) -> dict[str, str | None]:
        """The text of each file in `files` (paths as findings show them), for code frames."""
        return {k: s.text for k, s in self.sources().items() if k in files}

    def sources(self) -> dict[str, SourceFile]:
        """Loaded files by the path their findings show."""
        return {w.display(s.rel): s for w in self.workspaces for s in w.project.sources}
