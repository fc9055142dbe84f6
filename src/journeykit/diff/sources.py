"""What the command line names -> comparisons: two paths (files or folders, on disk or
`REV:path`), or every journeykit file that changed between two revisions."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journeykit.diff.changes import DiffReport
from journeykit.diff.comparison import Comparison
from journeykit.diff.engine import diff_workspace
from journeykit.diff.snapshot import (
    RevisionWorkspace,
    Snapshot,
    analyse,
    disk_snapshot,
    revision_snapshot,
    revision_workspace,
)
from journeykit.fileio.gitio import GitError, Repo
from journeykit.model import FileKind
from journeykit.workspace.config import open_workspace
from journeykit.workspace.discovery import Workspace

WORK_TREE = "work tree"


class DiffUsageError(Exception):
    """Arguments that name nothing comparable: the CLI prints it and exits 2."""


@dataclass(slots=True)
class Side:
    """One side of a two-path diff: where it is, and what it selects."""

    label: str
    is_dir: bool
    root: Path
    selected: str
    """The file or folder chosen, relative to the workspace root ('' for all of it)."""
    disk: Workspace | None = None
    rev: RevisionWorkspace | None = None
    commit: str | None = None

    def files(self, snapshot: Snapshot) -> set[str]:
        if not self.is_dir:
            return {self.selected}
        prefix = self.selected.rstrip("/")
        return {r for r in snapshot.sources if not prefix or r.startswith(prefix + "/")}

    def inner(self, rel: str) -> str:
        """`rel` relative to the selected folder."""
        prefix = self.selected.rstrip("/")
        return rel[len(prefix) + 1 :] if prefix else rel

    def snapshot(self, exclude: set[str]) -> Snapshot:
        if self.rev is not None and self.commit is not None:
            return revision_snapshot(self.rev, self.commit, self.label, exclude)
        assert self.disk is not None
        extra = [] if self.is_dir else [self.disk.root / self.selected]
        return disk_snapshot(self.disk, self.label, exclude, extra)


def parse_side(arg: str, cwd: Path) -> Side:
    path = Path(arg) if Path(arg).is_absolute() else cwd / arg
    if path.exists() or ":" not in arg:
        if not path.exists():
            raise DiffUsageError(f"{arg}: no such file or directory")
        workspace = open_workspace(path)
        rel = workspace.rel(path)
        return Side(arg, path.is_dir(), workspace.root, "" if rel == "." else rel, disk=workspace)
    rev, _, inner = arg.partition(":")
    repo = Repo.discover(cwd)
    commit = repo.resolve(rev or "HEAD")
    if inner.startswith(("./", "../")) or inner in (".", ".."):
        repo_path = repo.rel(cwd / inner)
    else:
        repo_path = repo.rel(repo.root / inner)
    kind = repo.object_type(commit, repo_path)
    if kind is None:
        raise DiffUsageError(f"{arg}: {repo_path or '.'} does not exist at {rev or 'HEAD'}")
    where = revision_workspace(repo, repo_path, kind == "tree")
    rel = where.ws_rel(repo_path) or ""
    return Side(arg, kind == "tree", where.workspace.root, rel, rev=where, commit=commit)


def compare_paths(old_arg: str, new_arg: str, cwd: Path) -> DiffReport:
    old, new = parse_side(old_arg, cwd), parse_side(new_arg, cwd)
    if old.is_dir != new.is_dir:
        raise DiffUsageError("compare a file with a file, or a folder with a folder")
    if not old.is_dir:
        for side in (old, new):
            if FileKind.for_name(Path(side.selected).name) is None:
                raise DiffUsageError(f"{side.label}: not a journeykit file (*.journey.yaml)")
    # Two files of one workspace: each side's context must not hold the other's journey.
    apart = old.root == new.root and old.selected != new.selected and not old.is_dir
    old_snap = old.snapshot({new.selected} if apart else set())
    new_snap = new.snapshot({old.selected} if apart else set())
    old_files, new_files = old.files(old_snap), new.files(new_snap)
    by_inner = {new.inner(r): r for r in new_files}
    renames = {r: by_inner[old.inner(r)] for r in old_files if old.inner(r) in by_inner}
    if not old.is_dir:
        renames = {old.selected: new.selected}
    cmp = Comparison(old_snap, new_snap, _shown(new.root, cwd), old_files, new_files, renames)
    cmp.file_moves = old.is_dir
    report = DiffReport(old.label, new.label)
    report.workspaces.append(diff_workspace(cmp))
    return report


def compare_revisions(base: str, head: str | None, paths: list[Path], cwd: Path) -> DiffReport:
    """Every journeykit file changed between `base` and `head` (None: the work tree)."""
    open_workspace(cwd)  # a broken journeykit.toml is an error even when nothing changed
    repo = Repo.discover(cwd)
    base_commit = repo.resolve(base)
    head_commit = repo.resolve(head) if head is not None else None
    specs = [repo.rel(p if p.is_absolute() else cwd / p) for p in paths]
    report = DiffReport(base, head or WORK_TREE)
    places: dict[str, tuple[RevisionWorkspace, dict[str, str]]] = {}
    for change in repo.changes(base_commit, head_commit, specs):
        names = [p for p in (change.old_path, change.new_path) if p is not None]
        if not any(FileKind.for_name(p.rpartition("/")[2]) for p in names):
            continue
        where = revision_workspace(repo, names[-1], is_dir=False)
        entry = places.setdefault(where.prefix, (where, {}))
        if change.status == "R" and change.old_path and change.new_path:
            old_rel, new_rel = where.ws_rel(change.old_path), where.ws_rel(change.new_path)
            if old_rel is not None and new_rel is not None:
                entry[1][old_rel] = new_rel
    for prefix in sorted(places):
        where, renames = places[prefix]
        old = revision_snapshot(where, base_commit, base)
        if head_commit is not None:
            new = revision_snapshot(where, head_commit, head or WORK_TREE)
        elif where.workspace.root.is_dir():
            # Files git ignores (scratch copies, build output) are no part of the change.
            known = repo.visible_files(where.prefix)
            ignored = {
                f.rel for f in where.workspace.files() if where.repo_path(f.rel) not in known
            }
            new = disk_snapshot(where.workspace, WORK_TREE, exclude=ignored)
        else:
            new = analyse(WORK_TREE, where.workspace.root, where.workspace.config, [])
        old_scope = new_scope = None
        if specs:
            old_scope = _under(old, where, specs)
            new_scope = _under(new, where, specs)
        label = _shown(where.workspace.root, cwd)
        cmp = Comparison(old, new, label, old_scope, new_scope, renames)
        report.workspaces.append(diff_workspace(cmp))
    return report


def _under(snapshot: Snapshot, where: RevisionWorkspace, specs: list[str]) -> set[str]:
    out = set()
    for rel in snapshot.sources:
        full = where.repo_path(rel)
        if any(not s or full == s or full.startswith(s.rstrip("/") + "/") for s in specs):
            out.add(rel)
    return out


def _shown(root: Path, cwd: Path) -> str:
    try:
        rel = os.path.relpath(root, cwd)
    except ValueError:
        return root.as_posix()
    return Path(rel).as_posix()


__all__ = ["DiffUsageError", "GitError", "compare_paths", "compare_revisions"]
