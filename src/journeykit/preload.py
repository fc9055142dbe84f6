"""Loading a big workspace's files from before pydantic is imported.

`validate` spends its first ~150 ms importing pydantic, the models and the checks, on
one core. `start` finds the files with the configuration read as plain TOML and starts
a `parallel.Pool` on them at once, so the other cores parse meanwhile. `validate_paths`
takes the pool only when the configuration, read and checked for real, asks for the very
same files with the very same limits; otherwise the pool is ended unused. What a run
reports never depends on it.

Nothing here imports pydantic or the models.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeykit.loader.limits import Limits
from journeykit.parallel import Pool, Request, worker_count
from journeykit.workspace import WorkspaceFile, list_files, select, workspace_root

_LIMIT_KEYS = {
    "max-file-size": "max_file_bytes",
    "max_file_size": "max_file_bytes",
    "max-depth": "max_depth",
    "max_depth": "max_depth",
    "max-alias-nodes": "max_alias_nodes",
    "max_alias_nodes": "max_alias_nodes",
}


@dataclass(slots=True)
class Preload:
    """A pool loading one workspace's files, started before its configuration was checked."""

    root: Path
    patterns: tuple[tuple[str, ...], tuple[str, ...]]
    """The include and exclude patterns the files were listed with."""
    files: list[WorkspaceFile]
    pool: Pool

    def listing(
        self, root: Path, include: Sequence[str], exclude: Sequence[str]
    ) -> list[WorkspaceFile] | None:
        """The files, when the workspace at `root` lists them with these patterns."""
        if root != self.root or self.patterns != (tuple(include), tuple(exclude)):
            return None
        return self.files

    def take(self, root: Path, requests: Sequence[Request], limits: Limits) -> Pool | None:
        """The pool, when it loads exactly `requests` with `limits`; else it is ended."""
        pool = self.pool
        same = root == self.root and limits == pool.limits and list(requests) == pool.requests
        if same and not pool.closed:
            return pool
        pool.close()
        return None

    def close(self) -> None:
        self.pool.close()


def start(paths: Sequence[Path], jobs: int | None) -> Preload | None:
    """A pool loading the files that `paths` stand for, when worth it and plainly known.

    None when they lie in more than one workspace, name a file the workspace would not
    read, are too few for more than one process, or the configuration is anything but
    plain (the full run then reads and reports it).
    """
    try:
        roots = {workspace_root(raw) for raw in paths or [Path(".")]}
        if len(roots) != 1:
            return None
        ((root, config_file),) = roots
        settings = _plain_settings(config_file)
        if settings is None:
            return None
        include, exclude, limits = settings
        files = list_files(root, include, exclude)
        rels = {f.rel for f in files}
        if any(select(root, rels, raw)[1] is not None for raw in paths or [Path(".")]):
            return None
    except (OSError, ValueError):
        return None
    workers = worker_count(len(files), jobs)
    if workers <= 1:
        return None
    requests: list[Request] = [(f.path, f.rel, f.kind) for f in files]
    return Preload(root, (tuple(include), tuple(exclude)), files, Pool(requests, limits, workers))


def _plain_settings(config_file: Path | None) -> tuple[list[str], list[str], Limits] | None:
    """The include and exclude patterns and the limits, when plainly set (or not at all)."""
    if config_file is None:
        return ["**"], [], Limits()
    try:
        data: Any = tomllib.loads(config_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("journeykit", {})
    include, exclude = data.get("include", ["**"]), data.get("exclude", [])
    section = data.get("limits", {})
    if not (_strings(include) and _strings(exclude) and isinstance(section, dict)):
        return None
    if not all(k in _LIMIT_KEYS and type(v) is int for k, v in section.items()):
        return None
    values = {_LIMIT_KEYS[k]: v for k, v in section.items()}
    try:
        return include, exclude, Limits(**values)
    except (TypeError, ValueError):
        return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
