"""Loading a big workspace's files from before pydantic is imported.

`validate` spends its first ~150 ms importing pydantic, the models and the checks, on
one core. `start` finds the files with the configuration read as plain TOML and starts
a `parallel.Pool` on them at once, so the other cores parse meanwhile. `validate_paths`
takes the pool only when the configuration, read and checked for real, asks for the very
same files with the very same limits; otherwise the pool is ended unused. What a run
reports never depends on it.

Nothing here imports pydantic or the models, nor PyYAML until a pool is started.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.loader.limits import Limits
from journeykit.workers import worker_count
from journeykit.workspace import WorkspaceFile, list_files, select, workspace_root

if TYPE_CHECKING:
    from journeykit.parallel import Pool, Request

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


_LONG_VALUE = frozenset({"--format", "--output", "--fail-level", "--select", "--ignore", "--jobs"})
_SHORT_VALUE = frozenset({"-f", "-o", "-j"})
_FLAGS = frozenset({"--statistics", "--no-cache", "--exit-zero"})
"""The options of `validate` and `lint`, as `start_early` reads them before typer does."""
_early: tuple[list[Path], int | None, Preload | None] | None = None
"""What `start_early` started, for the command to `claim`."""


def start_early(args: Sequence[str]) -> None:
    """Start a pool from `validate`'s or `lint`'s arguments, before typer is imported.

    Typer and the CLI take ~80 ms to import; the workers can parse meanwhile. Only
    arguments read with certainty count: anything else leaves the start to the command.
    """
    global _early
    parsed = _paths_and_jobs(args)
    if parsed is not None:
        paths, jobs = parsed
        try:
            _early = (paths, jobs, start(paths, jobs))
        except Exception:
            _early = None


def claim(paths: Sequence[Path], jobs: int | None) -> Preload | None:
    """The pool `start_early` started if it was for these paths and jobs, else a new one."""
    early = take_early()
    if early is not None:
        early_paths, early_jobs, preload = early
        if early_paths == list(paths) and early_jobs == jobs:
            return preload
        if preload is not None:
            preload.close()
    return start(paths, jobs)


def discard_early() -> None:
    """End what `start_early` started: the command answered without loading a file."""
    early = take_early()
    if early is not None and early[2] is not None:
        early[2].close()


def take_early() -> tuple[list[Path], int | None, Preload | None] | None:
    global _early
    early, _early = _early, None
    return early


def _paths_and_jobs(args: Sequence[str]) -> tuple[list[Path], int | None] | None:
    """The paths and `--jobs` in the arguments, or None where anything is unclear."""
    paths: list[Path] = []
    jobs: int | None = None
    rest = iter(args)
    value: str | None
    for arg in rest:
        name, equals, attached = arg.partition("=")
        if arg == "--":
            paths.extend(Path(a) for a in rest)
            continue
        if arg in _FLAGS:
            continue
        if name in _LONG_VALUE and equals:
            option, value = name, attached
        elif arg in _LONG_VALUE or arg in _SHORT_VALUE:
            option, value = arg, next(rest, None)
        elif arg[:2] in _SHORT_VALUE:
            option, value = arg[:2], arg[2:]
        elif arg.startswith("-") and arg != "-":
            return None  # an option this does not know, or --help
        else:
            paths.append(Path(arg))
            continue
        if value is None:
            return None
        if option in ("-j", "--jobs"):
            if not (value.isascii() and value.isdigit()) or int(value) < 1:
                return None
            jobs = int(value)
    return paths or [Path(".")], jobs


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
    from journeykit.parallel import Pool  # only now: it imports PyYAML

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
