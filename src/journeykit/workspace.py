"""Finding the workspace: its root, its configuration and its journeykit files.

Nothing here imports the pydantic models or the configuration's: a cached `validate`
finds the files and their kinds without them.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.kinds import FileKind

if TYPE_CHECKING:
    from journeykit.config import Config

CONFIG_FILE = "journeykit.toml"
_SKIP_DIRS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__", ".tox"})


@dataclass(frozen=True, slots=True)
class WorkspaceFile:
    path: Path
    rel: str
    kind: FileKind


@dataclass(frozen=True, slots=True)
class Workspace:
    root: Path
    config: Config
    config_file: Path | None

    def rel(self, path: Path) -> str:
        return relative(self.root, path)

    def files(self) -> list[WorkspaceFile]:
        """Every journey and catalog file under the root, in a stable order."""
        return list_files(self.root, self.config.include, self.config.exclude)

    def selected(self, rel: str) -> bool:
        return is_selected(rel, self.config.include, self.config.exclude)


def relative(root: Path, path: Path) -> str:
    """`path` relative to `root` with forward slashes, or as given when outside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def shown_path(root: Path, rel: str, base: Path | None) -> str:
    """A workspace path as the user sees it: relative to `base` when under it."""
    if base is None:
        return rel
    full = root / rel
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return full.as_posix()


def list_files(root: Path, include: Sequence[str], exclude: Sequence[str]) -> list[WorkspaceFile]:
    """Every journey and catalog file under `root` that the patterns select, sorted."""
    found: list[WorkspaceFile] = []
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        # os.walk joins the names onto `top`: the rest is the folder's relative path
        # (pathlib's relative_to was a third of the time for 1,000 files).
        inside = dirpath[len(top) :].strip(os.sep)
        prefix = inside.replace(os.sep, "/") + "/" if inside else ""
        for name in sorted(filenames):
            kind = FileKind.for_name(name)
            if kind is None:
                continue
            rel = prefix + name
            if is_selected(rel, include, exclude):
                found.append(WorkspaceFile(Path(dirpath, name), rel, kind))
    return found


def is_selected(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    included = any(_match(rel, p) for p in include)
    return included and not any(_match(rel, p) for p in exclude)


def _match(rel: str, pattern: str) -> bool:
    if pattern in ("**", "**/*"):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
        return True
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*")


def select(root: Path, rels: Collection[str], raw: Path) -> tuple[list[str], Path | None]:
    """The workspace files that `raw`, a folder or a file named by the user, stands for.

    The second value is `raw` resolved when it is a file the workspace would not read
    (outside the include patterns, or not named like a journeykit file): it is read all
    the same, since the user asked for it.
    """
    path = raw.resolve()
    if path.is_dir():
        prefix = relative(root, path)
        return [r for r in rels if prefix in ("", ".") or r.startswith(prefix + "/")], None
    rel = relative(root, path)
    return [rel], (None if rel in rels else path)


def find_config(start: Path) -> Path | None:
    """The nearest `journeykit.toml`, or `pyproject.toml` with `[tool.journeykit]`, upwards."""
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        config = candidate / CONFIG_FILE
        if config.is_file():
            return config
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and has_journeykit_table(pyproject):
            return pyproject
    return None


def has_journeykit_table(pyproject: Path) -> bool:
    import tomllib

    try:
        return "journeykit" in tomllib.loads(pyproject.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def workspace_root(start: Path) -> tuple[Path, Path | None]:
    """The root of the workspace that holds `start` (resolved), and its configuration file.

    Without a configuration file, the folder given is the root.
    """
    start = start.resolve()
    config_path = find_config(start)
    if config_path is None:
        return (start if start.is_dir() else start.parent), None
    return config_path.parent, config_path


def open_workspace(start: Path) -> Workspace:
    """The workspace that holds `start`, with its configuration read and checked."""
    from journeykit.config import Config, read_config

    root, config_path = workspace_root(start)
    if config_path is None:
        return Workspace(root, Config(), None)
    loaded = read_config(config_path)
    return Workspace(root, loaded.config, loaded.file)
