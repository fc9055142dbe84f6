"""Finding the workspace: its root, its configuration and its journeykit files."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from journeykit.config import CONFIG_FILE, Config, LoadedConfig, has_journeykit_table, read_config
from journeykit.model import FileKind

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
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def files(self) -> list[WorkspaceFile]:
        """Every journey and catalog file under the root, in a stable order."""
        found: list[WorkspaceFile] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
            for name in sorted(filenames):
                kind = FileKind.for_name(name)
                if kind is None:
                    continue
                path = Path(dirpath, name)
                rel = path.relative_to(self.root).as_posix()
                if self.selected(rel):
                    found.append(WorkspaceFile(path, rel, kind))
        return found

    def selected(self, rel: str) -> bool:
        included = any(_match(rel, p) for p in self.config.include)
        return included and not any(_match(rel, p) for p in self.config.exclude)


def _match(rel: str, pattern: str) -> bool:
    if pattern in ("**", "**/*"):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
        return True
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*")


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


def open_workspace(start: Path) -> Workspace:
    """The workspace that holds `start`; without a config, the folder given is the root."""
    start = start.resolve()
    config_path = find_config(start)
    if config_path is None:
        root = start if start.is_dir() else start.parent
        loaded = LoadedConfig(Config(), None)
    else:
        root = config_path.parent
        loaded = read_config(config_path)
    return Workspace(root, loaded.config, loaded.file)
