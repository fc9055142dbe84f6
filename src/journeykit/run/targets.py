"""What the paths on the command line stand for: each workspace once, and its files.

Each workspace is opened (its configuration read and checked) once and walked once,
however many of the paths lie in it; a folder also stands for every workspace nested in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.findings import Finding
from journeykit.kinds import FileKind
from journeykit.workspace.discovery import (
    Discovery,
    Workspace,
    leaves,
    link_finding,
    open_workspace,
    select,
    workspace_root,
)

Request = tuple[Path, str, FileKind | None]
"""A file to load: its path, its path relative to the workspace root, its kind."""


class UsageError(Exception):
    """Bad paths or options: the CLI prints it and exits 2."""


@dataclass(slots=True)
class Target:
    """One workspace and the files in it that the user asked about."""

    workspace: Workspace
    found: Discovery
    """What walking the workspace found: its files, strays, links out, nested workspaces."""
    selected: set[str] = field(default_factory=set)
    extra: list[tuple[Path, str]] = field(default_factory=list)
    """Files named on the command line that the configuration does not select."""
    notes: list[Finding] = field(default_factory=list)
    """Findings at paths named on the command line that are not read (links out)."""

    def requests(self) -> list[Request]:
        """Every file to load: the workspace's (references need them all) and the extras."""
        files: list[Request] = [(f.path, f.rel, f.kind) for f in self.found.files]
        files += [(path, rel, FileKind.for_name(path.name)) for path, rel in self.extra]
        return files


def resolve_targets(paths: Sequence[Path], *, allow_empty: bool = False) -> list[Target]:
    """Group `paths` by the workspace that holds them (none given: the current folder).

    A path that stands for nothing is a UsageError unless `allow_empty`; a bad
    configuration is a `ConfigError` with its file, line and column.
    """
    targets: dict[Path, Target] = {}
    opened: dict[Path, Workspace] = {}
    for raw in paths or [Path(".")]:
        if not raw.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if not raw.is_dir() and not raw.is_file():
            raise UsageError(f"{raw}: not a regular file or directory")
        if not _add(targets, opened, raw) and not allow_empty:
            raise UsageError(nothing_to_check(raw, opened))
    # A folder that only holds nested workspaces is no workspace to check of its own.
    return [t for t in targets.values() if t.selected or allow_empty]


def _open(opened: dict[Path, Workspace], raw: Path) -> Workspace:
    """The workspace holding `raw`, its configuration read once per run."""
    root, _ = workspace_root(raw)
    workspace = opened.get(root)
    if workspace is None:
        workspace = opened[root] = open_workspace(raw)
        if workspace.config.lint.names_rules:  # else no rule needs importing to check it
            from journeykit.checks.lintsettings import check_lint_table

            check_lint_table(workspace)
    return workspace


def _add(targets: dict[Path, Target], opened: dict[Path, Workspace], raw: Path) -> int:
    """Select what `raw` stands for in its workspace and those nested below; how many."""
    workspace = _open(opened, raw)
    target = targets.get(workspace.root)
    if target is None:
        target = targets[workspace.root] = Target(workspace, workspace.discover())
    chosen, outside = select(workspace.root, target.found.rels(raw), raw)
    if outside is not None and leaves(workspace.root, outside):
        if chosen[0] not in target.selected:
            target.notes.append(link_finding(chosen[0]))  # named, but its target is not read
    elif outside is not None:
        target.extra.append((outside, chosen[0]))
    target.selected.update(chosen)
    count = len(chosen)
    if raw.is_dir():
        here = raw.resolve()
        for nested in target.found.nested:
            if nested.is_relative_to(here):
                count += _add(targets, opened, nested)
    return count


def nothing_to_check(folder: Path, opened: dict[Path, Workspace] | None = None) -> str:
    workspace = _open(opened if opened is not None else {}, folder)
    if workspace.config_file is None:
        return (
            f"no journeykit files in {folder}: expected journeykit.toml, personas.yaml, "
            "channels.yaml or *.journey.yaml"
        )
    return (
        f"no journeykit files in {folder}: expected personas.yaml, channels.yaml or "
        f"*.journey.yaml that the include and exclude of {workspace.config_file.name} select"
    )
