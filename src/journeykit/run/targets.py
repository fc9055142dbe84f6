"""What the paths on the command line stand for: each workspace once, and its files.

Each workspace is opened (its configuration read and checked) once and walked once,
however many of the paths lie in it; a folder also stands for every workspace nested in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.findings import Finding
from journeykit.kinds import FileKind
from journeykit.run.options import Request, UsageError
from journeykit.run.workers import worker_count
from journeykit.workspace.discovery import (
    Discovery,
    Workspace,
    discover,
    holds_only_workspaces,
    leaves,
    link_finding,
    select,
    workspace_root,
)
from journeykit.workspace.table import Table, plain_settings, read_table

if TYPE_CHECKING:
    from journeykit.run.pool import Pool


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
    pool: Pool | None = None
    """Workers already parsing the files, started before the configuration was checked:
    loading takes them if they load exactly `requests()` with the checked limits."""

    def requests(self) -> list[Request]:
        """Every file to load: the workspace's (references need them all) and the extras."""
        files: list[Request] = [(f.path, f.rel, f.kind) for f in self.found.files]
        files += [(path, rel, FileKind.for_name(path.name)) for path, rel in self.extra]
        return files


def resolve_targets(
    paths: Sequence[Path],
    *,
    allow_empty: bool = False,
    jobs: int | None = 1,
    located: bool = False,
) -> list[Target]:
    """Group `paths` by the workspace that holds them (none given: the current folder).

    A path that stands for nothing is a UsageError unless `allow_empty`; a bad
    configuration is a `ConfigError` with its file, line and column. With `jobs` other
    than 1, the first workspace's files may start loading on a pool meanwhile
    (`Target.pool`, loading `located` as `load_sources` does); the caller closes the
    targets' pools it does not take.
    """
    targets: dict[Path, Target] = {}
    opened = _Opened(jobs, located)
    try:
        for raw in paths or [Path(".")]:
            if not raw.exists():
                raise UsageError(f"{raw}: no such file or directory")
            if not raw.is_dir() and not raw.is_file():
                raise UsageError(f"{raw}: not a regular file or directory")
            if not _add(targets, opened, raw) and not allow_empty:
                raise UsageError(nothing_to_check(raw, opened.workspaces))
    except BaseException:
        close_pools(targets.values())
        raise
    finally:  # an early pool no target took (its workspace's files differ) is ended
        pool = opened.early.pool if opened.early is not None else None
        if pool is not None and all(t.pool is not pool for t in targets.values()):
            pool.close()
    return [t for t in targets.values() if allow_empty or _checked(t)]


def _checked(target: Target) -> bool:
    """Whether the target is a workspace to check: a folder that only holds nested
    workspaces is none of its own, and its other YAML files (docker-compose.yaml,
    mkdocs.yml) no journeykit files; unless the user named one of them."""
    if target.extra or target.notes:
        return True
    return bool(target.selected) and not holds_only_workspaces(
        target.found, target.workspace.config_file
    )


def close_pools(targets: Iterable[Target]) -> None:
    """End the pools nobody took (each one's workers are killed). Safe to call again."""
    for target in targets:
        if target.pool is not None:
            target.pool.close()
            target.pool = None


@dataclass(frozen=True, slots=True)
class _Early:
    """The first workspace's files as the plain settings select them, and the pool started
    on them (None: too few files for one, or no fork to be had)."""

    root: Path
    found: Discovery
    pool: Pool | None
    patterns: tuple[list[str], list[str]]


@dataclass(slots=True)
class _Opened:
    """The workspaces a run opened, each once; and the pool started for the first."""

    jobs: int | None
    located: bool = False
    workspaces: dict[Path, Workspace] = field(default_factory=dict)
    early: _Early | None = None


def _open(opened: _Opened, raw: Path) -> Workspace:
    """The workspace holding `raw`, its configuration read once per run."""
    root, config_path = workspace_root(raw)
    workspace = opened.workspaces.get(root)
    if workspace is not None:
        return workspace
    table = read_table(config_path) if config_path is not None else None
    if not opened.workspaces and opened.jobs != 1:
        opened.early = _early_pool(root, table, opened.jobs, opened.located)
    from journeykit.workspace.config import workspace_at

    workspace = opened.workspaces[root] = workspace_at(root, config_path, table)
    if workspace.config.lint.names_rules:  # else no rule needs importing to check it
        from journeykit.checks.lintsettings import check_lint_table

        check_lint_table(workspace)
    return workspace


def _early_pool(root: Path, table: Table | None, jobs: int | None, located: bool) -> _Early | None:
    """The files the plain settings select, and workers loading them when there are enough,
    started before the models are imported (pydantic and the models take ~100 ms of one
    core: the workers parse meanwhile). The walk is kept even without workers."""
    settings = plain_settings(table)
    if settings is None:
        return None
    include, exclude, limits = settings
    found = discover(root, include, exclude)
    pool = None
    if worker_count(len(found.files), jobs) > 1:  # else the pool's module is not imported
        from journeykit.run.pool import start_pool

        requests = [(f.path, f.rel, f.kind) for f in found.files]
        pool = start_pool(requests, limits, jobs, located=located)
    return _Early(root, found, pool, (include, exclude))


def _listing(opened: _Opened, workspace: Workspace) -> tuple[Discovery, Pool | None]:
    """The workspace's files, walked once: the early pool's walk when its patterns hold."""
    early, config = opened.early, workspace.config
    patterns = (list(config.include), list(config.exclude))
    if early is not None and early.root == workspace.root and patterns == early.patterns:
        return early.found, early.pool
    return workspace.discover(), None


def _add(targets: dict[Path, Target], opened: _Opened, raw: Path) -> int:
    """Select what `raw` stands for in its workspace and those nested below; how many."""
    workspace = _open(opened, raw)
    target = targets.get(workspace.root)
    if target is None:
        found, pool = _listing(opened, workspace)
        target = targets[workspace.root] = Target(workspace, found, pool=pool)
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
    workspace = _open(_Opened(1, False, opened if opened is not None else {}), folder)
    if workspace.config_file is None:
        return (
            f"no journeykit files in {folder}: expected journeykit.toml, personas.yaml, "
            "channels.yaml or *.journey.yaml"
        )
    return (
        f"no journeykit files in {folder}: expected personas.yaml, channels.yaml or "
        f"*.journey.yaml that the include and exclude of {workspace.config_file.name} select"
    )
