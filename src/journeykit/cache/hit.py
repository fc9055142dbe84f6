"""What a result cache hit answers: the findings and counts a full run would give."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.findings import Finding, Location, Severity, sort_findings
from journeykit.loader.textdecode import decode
from journeykit.workspace.discovery import shown_path


@dataclass(slots=True)
class CachedWorkspace:
    root: Path
    selected: set[str]
    findings: list[Finding]
    """Every finding of the workspace, with paths relative to its root."""
    fail_level: Severity | None = None
    """The lowest severity that fails, as the workspace's configuration set it (`lint`)."""
    data: dict[str, bytes] = field(default_factory=dict)
    """The bytes of the files with findings, as the lookup read and matched them."""


@dataclass(slots=True)
class CachedRun:
    """What a cache hit answers: the same findings and counts a full run would."""

    workspaces: list[CachedWorkspace]
    base: Path | None
    max_file_bytes: int

    @property
    def findings(self) -> list[Finding]:
        return sort_findings(
            _shown(f, w.root, self.base)
            for w in self.workspaces
            for f in w.findings
            if f.location.file in w.selected
        )

    @property
    def files_checked(self) -> int:
        return sum(len(w.selected) for w in self.workspaces)

    def exit_code(self, override: Severity | None = None) -> int:
        """1 when a workspace has a finding at or above `override`, or its own fail level."""
        for w in self.workspaces:
            threshold = override or w.fail_level or Severity.ERROR
            if any(f.severity >= threshold for f in w.findings if f.location.file in w.selected):
                return 1
        return 0

    def texts(self, files: Collection[str]) -> dict[str, str | None]:
        """The text the loader shows of each shown file in `files`, for code frames."""
        texts: dict[str, str | None] = {}
        for w in self.workspaces:
            for rel in w.selected:
                shown = shown_path(w.root, rel, self.base)
                if shown in files:
                    data = w.data.get(rel)
                    name = rel.rsplit("/", 1)[-1]
                    texts[shown] = (
                        None if data is None else decode(data, name, self.max_file_bytes)[0]
                    )
        return texts


def _shown(finding: Finding, root: Path, base: Path | None) -> Finding:
    loc = finding.location
    shown = Location(
        shown_path(root, loc.file, base),
        loc.line,
        loc.column,
        loc.yaml_path,
        loc.end_line,
        loc.end_column,
    )
    return Finding(
        finding.code, finding.name, finding.severity, finding.message, shown, finding.hint
    )
