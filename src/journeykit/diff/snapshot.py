"""A workspace as it is at one point: on disk, or at a git revision read from the object
store. Each snapshot is loaded whole, because references and lint rules need every file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeykit.fileio.gitio import Repo
from journeykit.findings import Finding
from journeykit.loader.source import SourceFile, load_bytes
from journeykit.loader.textdecode import too_large
from journeykit.model import FileKind
from journeykit.run.load import check_sources, load_sources
from journeykit.workspace.config import Config, read_config
from journeykit.workspace.discovery import Workspace, find_config
from journeykit.workspace.project import Project, build_project


@dataclass(slots=True)
class Snapshot:
    label: str
    """How the user named this side: a revision, `work tree`, or a path."""
    project: Project
    findings: list[Finding]
    """Everything validate and lint say about the snapshot."""

    @property
    def sources(self) -> dict[str, SourceFile]:
        return {s.rel: s for s in self.project.sources}


def analyse(
    label: str, root: Path, config: Config, sources: list[SourceFile], checks: bool = True
) -> Snapshot:
    """Build the project and run validation and every lint rule over it (with `checks`),
    the rules on several processes when there are many journeys."""
    if not checks:
        return Snapshot(label, build_project(root, config, sources), [])
    from journeykit.checks.lintsettings import resolve_settings
    from journeykit.run.rules import lint_findings

    project, findings = check_sources(root, config, sources)
    findings.extend(lint_findings(project, resolve_settings(config.lint), jobs=None))
    return Snapshot(label, project, findings)


def disk_snapshot(
    workspace: Workspace,
    label: str,
    exclude: Iterable[str] = (),
    extra: Iterable[Path] = (),
    checks: bool = True,
) -> Snapshot:
    """The workspace as it is on disk, without the files in `exclude`, plus `extra` files."""
    _check_lint_table(workspace, checks)
    limits = workspace.config.limits.limits()
    skip = set(exclude)
    files: list[tuple[Path, str, FileKind | None]] = [
        (f.path, f.rel, f.kind) for f in workspace.files() if f.rel not in skip
    ]
    known = {rel for _, rel, _ in files}
    for path in extra:
        rel = workspace.rel(path)
        if rel not in known and rel not in skip:
            files.append((path, rel, FileKind.for_name(path.name)))
    sources = load_sources(files, limits, jobs=None)
    return analyse(label, workspace.root, workspace.config, sources, checks)


@dataclass(frozen=True, slots=True)
class RevisionWorkspace:
    """A workspace inside a repository: where its root is, and its configuration."""

    repo: Repo
    prefix: str
    """The workspace root relative to the repository root ('' for the root itself)."""
    workspace: Workspace

    def repo_path(self, rel: str) -> str:
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def ws_rel(self, repo_path: str) -> str | None:
        """A repository path relative to the workspace root; None when outside it."""
        if not self.prefix:
            return repo_path
        head = self.prefix + "/"
        return repo_path[len(head) :] if repo_path.startswith(head) else None


def revision_workspace(repo: Repo, repo_path: str, is_dir: bool) -> RevisionWorkspace:
    """The workspace holding `repo_path`, laid out and configured as in the work tree.

    The nearest journeykit.toml (or pyproject.toml with [tool.journeykit]) upwards marks
    the root; without one, the folder given (or the file's folder) is the root.
    """
    full = repo.root / repo_path if repo_path else repo.root
    config_file = find_config(full if is_dir else full.parent)
    if config_file is not None and config_file.parent.is_relative_to(repo.root):
        root = config_file.parent
        config = read_config(config_file).config
    else:
        root = full if is_dir else full.parent
        config_file, config = None, Config()
    workspace = Workspace(root, config, config_file)
    prefix = root.relative_to(repo.root).as_posix()
    return RevisionWorkspace(repo, "" if prefix == "." else prefix, workspace)


def revision_snapshot(
    where: RevisionWorkspace,
    commit: str,
    label: str,
    exclude: Iterable[str] = (),
    checks: bool = True,
) -> Snapshot:
    """The workspace as it was at `commit`, read with `git ls-tree` and `git cat-file`."""
    workspace = where.workspace
    _check_lint_table(workspace, checks)
    skip = set(exclude)
    wanted: dict[str, tuple[str, FileKind]] = {}
    for path in where.repo.list_files(commit, where.prefix):
        rel = where.ws_rel(path)
        kind = FileKind.for_name(path.rpartition("/")[2])
        if rel is None or kind is None or rel in skip or not workspace.selected(rel):
            continue
        wanted[path] = (rel, kind)
    limits = workspace.config.limits.limits()
    blobs, oversized = where.repo.read_blobs(commit, list(wanted), limits.max_file_bytes)
    sources = [
        SourceFile(rel, kind, findings=[too_large(rel, limits.max_file_bytes)])
        if path in oversized
        else load_bytes(blobs.get(path, b""), rel, kind, limits)
        for path, (rel, kind) in wanted.items()
    ]
    return analyse(label, workspace.root, workspace.config, sources, checks)


def _check_lint_table(workspace: Workspace, checks: bool) -> None:
    """A `[lint]` table naming unknown rules is a ConfigError, as in every other command."""
    if checks and workspace.config.lint.names_rules:
        from journeykit.checks.lintsettings import check_lint_table

        check_lint_table(workspace)
