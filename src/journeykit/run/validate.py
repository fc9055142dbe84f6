"""`validate`: load workspaces, check the format and every reference; the core API."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from journeykit.checks.references import check_references
from journeykit.findings import Finding, sort_findings
from journeykit.loader.source import SourceFile
from journeykit.loader.yamlread import paused_gc
from journeykit.model import FileKind
from journeykit.run.pool import Progress, Request, load_files
from journeykit.run.preload import Preload, ended
from journeykit.workspace.discovery import (
    Discovery,
    Workspace,
    WorkspaceFile,
    leaves,
    link_finding,
    open_workspace,
    select,
    shown_path,
)
from journeykit.workspace.project import Project, build_project


class UsageError(Exception):
    """Bad paths or options: the CLI prints it and exits 2."""


@dataclass(slots=True)
class Target:
    """One workspace and the files in it that the user asked about."""

    workspace: Workspace
    selected: set[str] = field(default_factory=set)
    extra: list[WorkspaceFile | tuple[Path, str]] = field(default_factory=list)
    files: list[WorkspaceFile] | None = None
    """The workspace's files, listed once (walking a big tree is not free)."""
    found: Discovery | None = None
    """What walking the workspace found besides: strays, links out, nested workspaces."""
    notes: list[Finding] = field(default_factory=list)
    """Findings at paths named on the command line that are not read (links out)."""


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

    def display(self, rel: str) -> str:
        """A workspace path as the user sees it: relative to `base` when under it."""
        return shown_path(self.project.root, rel, self.base)


@dataclass(slots=True)
class ValidationResult:
    workspaces: list[CheckedWorkspace]

    @property
    def findings(self) -> list[Finding]:
        return sort_findings(f for w in self.workspaces for f in w.findings)

    @property
    def files_checked(self) -> int:
        return sum(len(w.selected) for w in self.workspaces)

    def texts(self, files: Collection[str]) -> dict[str, str | None]:
        """The text of each file in `files` (paths as findings show them), for code frames."""
        return {k: s.text for k, s in self.sources().items() if k in files}

    def sources(self) -> dict[str, SourceFile]:
        """Loaded files by the path their findings show."""
        return {w.display(s.rel): s for w in self.workspaces for s in w.project.sources}


def resolve_targets(
    paths: Sequence[Path], preload: Preload | None = None, *, allow_empty: bool = False
) -> list[Target]:
    """Group the paths given on the command line by the workspace that holds them.

    A folder stands for the files of its workspace below it and for every workspace
    nested in it; one that stands for nothing is a UsageError unless `allow_empty`.
    """
    targets: dict[Path, Target] = {}
    for raw in paths or [Path(".")]:
        if not raw.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if not raw.is_dir() and not raw.is_file():
            raise UsageError(f"{raw}: not a regular file or directory")
        chosen = _add_target(targets, raw, open_workspace(raw), preload)
        if not chosen and not allow_empty:
            raise UsageError(nothing_to_check(raw))
    # A folder that only holds nested workspaces is no workspace to check of its own.
    return [t for t in targets.values() if t.selected or allow_empty]


def _add_target(
    targets: dict[Path, Target], raw: Path, workspace: Workspace, preload: Preload | None
) -> int:
    """Select what `raw` stands for in `workspace` and the workspaces nested below it;
    how many paths that is."""
    target = targets.get(workspace.root)
    if target is None:
        target = targets[workspace.root] = Target(workspace)
        config = workspace.config
        found = None
        if preload is not None:
            found = preload.listing(workspace.root, config.include, config.exclude)
        target.found = found if found is not None else workspace.discover()
        target.files = target.found.files
    assert target.found is not None
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
                count += _add_target(targets, nested, open_workspace(nested), preload)
    return count


def nothing_to_check(folder: Path) -> str:
    workspace = open_workspace(folder)
    if workspace.config_file is None:
        return (
            f"no journeykit files in {folder}: expected journeykit.toml, personas.yaml, "
            "channels.yaml or *.journey.yaml"
        )
    return (
        f"no journeykit files in {folder}: expected personas.yaml, channels.yaml or "
        f"*.journey.yaml that the include and exclude of {workspace.config_file.name} select"
    )


def load_workspace(
    target: Target,
    jobs: int | None = 1,
    progress: Progress | None = None,
    preload: Preload | None = None,
) -> tuple[Project, list[Finding]]:
    """Load every file of the workspace (references need them all) and check references.

    `jobs` processes load the files (None: one per core for big workspaces); the result
    does not depend on it, nor on `preload`, which is taken if it loads the same files.
    `progress` hears (files loaded, files in all).
    """
    workspace = target.workspace
    limits = workspace.config.limits.limits()
    files = target.files if target.files is not None else workspace.files()
    requests: list[Request] = [(f.path, f.rel, f.kind) for f in files]
    for extra in target.extra:
        if isinstance(extra, tuple):
            path, rel = extra
            requests.append((path, rel, FileKind.for_name(path.name)))
    # The collector would walk every loaded object again and again while there are no
    # cycles to find: with it on, a 1,000-file workspace loads three times slower.
    pool = preload.take(workspace.root, requests, limits) if preload is not None else None
    with paused_gc():
        if pool is not None:
            sources = pool.collect(progress)
        else:
            sources = load_files(requests, limits, jobs, progress)
        project = build_project(workspace.root, workspace.config, sources)
        findings = [f for s in sources for f in s.findings]
        if target.found is not None:
            read = {s.rel for s in sources}
            findings.extend(f for f in target.found.findings() if f.location.file not in read)
        findings.extend(target.notes)
        findings.extend(check_references(project))
    return project, findings


def validate_paths(
    paths: Sequence[Path],
    base: Path | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    preload: Preload | None = None,
) -> ValidationResult:
    """Validate the files and folders given; paths in findings are relative to `base`.

    `preload` (see `journeykit.run.preload`) is used if it loads what these paths need, and
    ended either way.
    """
    base = base.resolve() if base is not None else None
    checked = []
    with ended(preload):
        for target in resolve_targets(paths, preload):
            project, findings = load_workspace(target, jobs, progress, preload)
            ws = CheckedWorkspace(project, target.selected, [], base, findings, not target.extra)
            ws.findings = [
                replace(f, location=replace(f.location, file=ws.display(f.location.file)))
                for f in findings
                if f.location.file in target.selected
            ]
            checked.append(ws)
    return ValidationResult(checked)
