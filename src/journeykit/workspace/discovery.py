"""Finding the workspace: its root, its configuration and its journeykit files.

Nothing here imports the pydantic models or the configuration's: a cached `validate`
finds the files and their kinds without them.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location
from journeykit.kinds import FileKind, expected_name, is_yaml

if TYPE_CHECKING:
    from journeykit.workspace.config import Config

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
        return self.discover().files

    def discover(self) -> Discovery:
        return discover(self.root, self.config.include, self.config.exclude)

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


@dataclass(slots=True)
class Discovery:
    """What walking a workspace found: its files, and what it names without reading."""

    files: list[WorkspaceFile] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    """YAML files the patterns select whose names are no journeykit file's: not read."""
    escapes: list[str] = field(default_factory=list)
    """Symbolic links whose targets lie outside the root: not followed."""
    nested: list[Path] = field(default_factory=list)
    """Folders below the root with a configuration of their own: workspaces of their own,
    not walked as part of this one."""

    def rels(self, named: Path | None = None) -> set[str]:
        """Every path a folder selects: the files, the strays and the links out.

        For `named`, a file named on the command line, not the strays: a stray named on
        its own is read all the same, as asked (see `select`).
        """
        strays = set() if named is not None and not named.is_dir() else set(self.strays)
        return {f.rel for f in self.files} | strays | set(self.escapes)

    def findings(self) -> list[Finding]:
        """A finding at each stray and each link that leaves the workspace."""
        found = [stray_finding(rel) for rel in self.strays]
        found.extend(link_finding(rel) for rel in self.escapes)
        return found


def holds_only_workspaces(found: Discovery, config_file: Path | None) -> bool:
    """Whether the root walked is only a folder above workspaces (a repository's top with
    one workspace per brand or team): no configuration and no journeykit file of its own,
    and workspaces below. Its other YAML files and links belong to other tools."""
    return config_file is None and not found.files and bool(found.nested)


def stray_finding(rel: str) -> Finding:
    folder, _, name = rel.rpartition("/")
    expected = f"{folder}/{expected_name(name)}" if folder else expected_name(name)
    return bc.UNKNOWN_FILE_KIND.finding(
        "not checked: journeykit reads *.journey.yaml, personas.yaml and channels.yaml "
        "(list the file under `exclude` if it is no journeykit file)",
        Location(rel),
        f"did you mean {expected!r}?",
    )


def link_finding(rel: str) -> Finding:
    return bc.LINK_OUTSIDE.finding(
        "not followed: the symbolic link points outside the workspace",
        Location(rel),
        "copy what it points to into the workspace, or list the link under `exclude`",
    )


def list_files(root: Path, include: Sequence[str], exclude: Sequence[str]) -> list[WorkspaceFile]:
    """Every journey and catalog file under `root` that the patterns select, sorted."""
    return discover(root, include, exclude).files


def discover(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Discovery:
    """Walk `root` (resolved): files in a folder before its subfolders, each sorted.

    Links are followed only while they stay inside the root, and links to folders not at
    all (what they hold is reached by its real path). A subfolder with its own
    configuration is a workspace of its own unless `exclude` covers it.
    """
    found = Discovery()
    top = os.fspath(root)
    real = os.path.realpath(top)
    stack: list[tuple[str, str]] = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:  # as os.walk did: an unreadable folder holds nothing
            continue
        subfolders = []
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_symlink():
                if not _inside(entry.path, real):
                    if _link_reported(entry, rel, include, exclude):
                        found.escapes.append(rel)
                    continue
                if entry.is_dir():
                    continue
            elif entry.is_dir():
                if entry.name in _SKIP_DIRS:
                    continue
                if not _excluded(rel + "/" + CONFIG_FILE, exclude) and _own_config(entry.path):
                    found.nested.append(Path(entry.path))
                else:
                    subfolders.append((entry.path, rel + "/"))
                continue
            if not is_selected(rel, include, exclude):
                continue
            kind = FileKind.for_name(entry.name)
            if kind is not None:
                found.files.append(WorkspaceFile(Path(entry.path), rel, kind))
            elif is_yaml(entry.name) and not _hidden(rel):
                found.strays.append(rel)
        stack.extend(reversed(subfolders))
    return found


def _inside(path: str, real_root: str) -> bool:
    target = os.path.realpath(path)
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def leaves(root: Path, path: Path) -> bool:
    """Whether `path`, a symbolic link, points outside `root`."""
    return path.is_symlink() and not _inside(os.fspath(path), os.path.realpath(root))


def _link_reported(
    entry: os.DirEntry[str], rel: str, include: Sequence[str], exclude: Sequence[str]
) -> bool:
    """A link out of the workspace is reported where a file of that name would be read,
    and a link to a folder where a journey in it would be (its target is only stat'ed)."""
    if FileKind.for_name(entry.name) is not None:
        return is_selected(rel, include, exclude)
    if _hidden(rel) or entry.name in _SKIP_DIRS:
        return False
    if is_yaml(entry.name):
        return is_selected(rel, include, exclude)
    return entry.is_dir() and is_selected(rel + "/x.journey.yaml", include, exclude)


def _hidden(rel: str) -> bool:
    """Dot files and folders hold other tools' settings (.github/, .pre-commit-config.yaml)."""
    return any(part.startswith(".") for part in rel.split("/"))


def _own_config(folder: str) -> bool:
    if os.path.isfile(os.path.join(folder, CONFIG_FILE)):
        return True
    pyproject = Path(folder, "pyproject.toml")
    return pyproject.is_file() and has_journeykit_table(pyproject)


def _excluded(rel: str, exclude: Sequence[str]) -> bool:
    return any(_match(rel, p) for p in exclude)


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
    if raw.is_dir():
        prefix = relative(root, raw.resolve())
        return [r for r in rels if prefix in ("", ".") or r.startswith(prefix + "/")], None
    path = located(raw)
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return [rel], (None if rel in rels else path)


def located(raw: Path) -> Path:
    """`raw` made absolute, a symbolic link to a file standing for itself, not its target.

    A link named on the command line belongs to the workspace it lies in: resolving it
    would read a link to /etc/passwd as a file of its own, outside any workspace.
    """
    if raw.is_symlink() and not raw.is_dir():
        return raw.absolute().parent.resolve() / raw.name
    return raw.resolve()


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
    start = located(start)
    config_path = find_config(start)
    if config_path is None:
        return (start if start.is_dir() else start.parent), None
    return config_path.parent, config_path
