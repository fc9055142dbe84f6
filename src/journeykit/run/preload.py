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
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.loader.limits import Limits
from journeykit.run.workers import BYTES_PER_JOB, worker_count, workers_by_size
from journeykit.workspace.discovery import (
    Discovery,
    WorkspaceFile,
    discover,
    select,
    workspace_root,
)

if TYPE_CHECKING:
    from journeykit.run.pool import Pool, Request

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
    found: Discovery
    pool: Pool

    def listing(
        self, root: Path, include: Sequence[str], exclude: Sequence[str]
    ) -> Discovery | None:
        """What walking the workspace found, when the workspace at `root` walks it with
        these patterns."""
        if root != self.root or self.patterns != (tuple(include), tuple(exclude)):
            return None
        return self.found

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

    def __enter__(self) -> Preload:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ended(preload: Preload | None) -> AbstractContextManager[Preload | None]:
    """`with ended(preload):` closes the pool, if there is one, however the block ends."""
    return preload if preload is not None else nullcontext()


_CHECKING = (
    frozenset({"--format", "--output", "--fail-level", "--select", "--ignore", "--jobs"}),
    frozenset({"-f", "-o", "-j"}),
    frozenset({"--statistics", "--no-cache", "--exit-zero"}),
)
_OPTIONS = {
    "validate": _CHECKING,
    "lint": _CHECKING,
    "render": (
        frozenset({"--view", "--format", "--output", "--persona", "--timeout", "--diff-base"}),
        frozenset({"-f", "-o"}),
        frozenset({"--combine"}),
    ),
    "report": (frozenset({"--output", "--timeout"}), frozenset({"-o"}), frozenset()),
    "gaps": (
        frozenset({"--persona", "--format", "--top", "--output"}),
        frozenset({"-p", "-f", "-o"}),
        frozenset(),
    ),
}
"""Each command's options as `start_early` reads them before typer does: those taking a
value (long and short) and the flags."""
_early: tuple[list[Path], int | None, Preload | None] | None = None
"""What `start_early` started, for the command to `claim`."""


def start_early(command: str, args: Sequence[str]) -> None:
    """Start a pool from a command's arguments, before typer is imported.

    Typer and the CLI take ~80 ms to import; the workers can parse meanwhile. Only
    arguments read with certainty count: anything else leaves the start to the command.
    `validate` and `lint` go by `--jobs` and the number of files; `render`, `report` and
    `gaps` (no `--jobs`) by the size of the files.
    """
    global _early
    parsed = _paths_and_jobs(args, _OPTIONS[command])
    if parsed is not None:
        paths, jobs = parsed
        by_size = command in ("render", "report", "gaps")
        try:
            _early = (paths, jobs, start(paths, jobs, by_size))
        except Exception:
            _early = None


def claim(paths: Sequence[Path], jobs: int | None) -> Preload | None:
    """The pool `start_early` started if it was for these paths and jobs, else a new one."""
    early = take_early(paths, jobs)
    return early if early is not None else start(paths, jobs)


def take_early(paths: Sequence[Path], jobs: int | None = None) -> Preload | None:
    """The pool `start_early` started if it was for these paths and jobs; any other is ended."""
    global _early
    early, _early = _early, None
    if early is None:
        return None
    early_paths, early_jobs, preload = early
    if early_paths == list(paths) and early_jobs == jobs:
        return preload
    if preload is not None:
        preload.close()
    return None


def discard_early() -> None:
    """End what `start_early` started: the command answered without loading a file."""
    global _early
    early, _early = _early, None
    if early is not None and early[2] is not None:
        early[2].close()


def _paths_and_jobs(
    args: Sequence[str], options: tuple[frozenset[str], frozenset[str], frozenset[str]]
) -> tuple[list[Path], int | None] | None:
    """The paths and `--jobs` in the arguments, or None where anything is unclear."""
    long_value, short_value, flags = options
    paths: list[Path] = []
    jobs: int | None = None
    rest = iter(args)
    value: str | None
    for arg in rest:
        name, equals, attached = arg.partition("=")
        if arg == "--":
            paths.extend(Path(a) for a in rest)
            continue
        if arg in flags:
            continue
        if name in long_value and equals:
            option, value = name, attached
        elif arg in long_value or arg in short_value:
            option, value = arg, next(rest, None)
        elif arg[:2] in short_value:
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


def start(paths: Sequence[Path], jobs: int | None, by_size: bool = False) -> Preload | None:
    """A pool loading the files that `paths` stand for, when worth it and plainly known.

    None when they lie in more than one workspace, name a file the workspace would not
    read, are too few (or, `by_size`, too small) for more than one process, or the
    configuration is anything but plain (the full run then reads and reports it).
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
        found = discover(root, include, exclude)
        files = found.files
        if any(select(root, found.rels(raw), raw)[1] is not None for raw in paths or [Path(".")]):
            return None
    except (OSError, ValueError):
        return None
    if by_size:
        workers = workers_by_size(len(files), _size(files, BYTES_PER_JOB))
    else:
        workers = worker_count(len(files), jobs)
    if workers <= 1:
        return None
    from journeykit.run.pool import Pool  # only now: it imports PyYAML

    requests: list[Request] = [(f.path, f.rel, f.kind) for f in files]
    try:
        pool = Pool(requests, limits, workers)
    except OSError:  # no process to be had: the command loads the files itself
        return None
    return Preload(root, (tuple(include), tuple(exclude)), found, pool)


def _size(files: Sequence[WorkspaceFile], enough: int) -> int:
    """The files' total size in bytes, counted until it reaches `enough`."""
    total = 0
    for f in files:
        try:
            total += f.path.stat().st_size
        except OSError:
            continue
        if total >= enough:
            break
    return total


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
