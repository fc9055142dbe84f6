"""The result cache of `validate` and `lint`: an unchanged workspace answers unloaded.

Editors and pre-commit hooks validate and lint the same files again and again. Like ruff's and
mypy's caches, this one remembers each workspace's findings under a key of everything
they depend on, and a run whose key matches prints them without parsing a file or
building a model (nor importing pydantic or PyYAML):

- the bytes of every journeykit file the workspace reads, with its path and kind (a file
  over the size limit counts by its size, a FIFO or device by what it is);
- the bytes of the configuration file (its settings choose the files and the limits);
- the command and the options that change its findings (`lint --select/--ignore`);
- journeykit's own code (version, and the size and time of every module, so an edited
  checkout misses too), the Python version, and pydantic's and PyYAML's installed files.

Entries live in `<root>/.journeykit_cache/` (with a `.gitignore` and a `CACHEDIR.TAG`),
or under `$JOURNEYKIT_CACHE_DIR`; `--no-cache` or `JOURNEYKIT_NO_CACHE=1` turn the cache
off (the commands check both: `cli.common.cache_wanted`). A run is stored only when no
input changed while it ran: a file modified within `_RACY_NS` of the run's start is left
out until a later run (git's "racily clean" rule, for file systems whose timestamps are
coarse). Anything unreadable or malformed in the cache is a miss; failing to write it is
silent.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit import __version__
from journeykit.atomic import write_atomic
from journeykit.findings import Finding, Location, Severity, sort_findings
from journeykit.output.json_format import finding_dict
from journeykit.textdecode import decode
from journeykit.workspace import (
    WorkspaceFile,
    discover,
    list_files,
    select,
    shown_path,
    workspace_root,
)

if TYPE_CHECKING:
    from journeykit.validate import ValidationResult

CACHE_DIR = ".journeykit_cache"
_ENTRY_FORMAT = 1
_RACY_NS = 2_000_000_000
_DEPENDENCIES = ("pydantic", "pydantic_core", "yaml")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a workspace's configuration says that finding and reading its files depends on."""

    include: Sequence[str]
    exclude: Sequence[str]
    max_file_bytes: int


@dataclass(frozen=True, slots=True)
class Command:
    """Which results an entry holds: a command's, run with options that change them."""

    name: str
    """`validate` or `lint`."""
    variant: str = ""
    """The options that change the findings, as text (`lint --select/--ignore`)."""


VALIDATE = Command("validate")


@dataclass(slots=True)
class CachedWorkspace:
    root: Path
    selected: set[str]
    findings: list[Finding]
    """Every finding of the workspace, with paths relative to its root."""
    fail_level: Severity | None = None
    """The lowest severity that fails, as the workspace's configuration set it (`lint`)."""


@dataclass(slots=True)
class CachedRun:
    """What a cache hit answers: the same findings and counts a full run would."""

    workspaces: list[CachedWorkspace]
    base: Path | None
    max_file_bytes: int

    @property
    def findings(self) -> list[Finding]:
        return sort_findings(
            _shown(f, w.root, self.base)
            for w in self.workspaces
            for f in w.findings
            if f.location.file in w.selected
        )

    @property
    def files_checked(self) -> int:
        return sum(len(w.selected) for w in self.workspaces)

    def exit_code(self, override: Severity | None = None) -> int:
        """1 when a workspace has a finding at or above `override`, or its own fail level."""
        for w in self.workspaces:
            threshold = override or w.fail_level or Severity.ERROR
            if any(f.severity >= threshold for f in w.findings if f.location.file in w.selected):
                return 1
        return 0

    def texts(self, files: Collection[str]) -> dict[str, str | None]:
        """The text of each shown file in `files`, for code frames: read again from disk."""
        texts: dict[str, str | None] = {}
        for w in self.workspaces:
            for rel in w.selected:
                shown = shown_path(w.root, rel, self.base)
                if shown in files:
                    texts[shown] = _read_text(w.root / rel, self.max_file_bytes)
        return texts


def _shown(finding: Finding, root: Path, base: Path | None) -> Finding:
    loc = finding.location
    shown = Location(
        shown_path(root, loc.file, base),
        loc.line,
        loc.column,
        loc.yaml_path,
        loc.end_line,
        loc.end_column,
    )
    return Finding(
        finding.code, finding.name, finding.severity, finding.message, shown, finding.hint
    )


def _read_text(path: Path, max_bytes: int) -> str | None:
    """The text the loader shows for the file: None where it shows none (binary, ...)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    return decode(data, path.name, max_bytes)[0]


def lookup(
    paths: Sequence[Path], base: Path | None, command: Command = VALIDATE
) -> CachedRun | None:
    """The cached findings for `paths` (as `validate_paths` takes them), or None on a miss."""
    try:
        return _lookup(paths, base.resolve() if base is not None else None, command)
    except OSError:  # the full run will say what is wrong with the path
        return None


def _lookup(paths: Sequence[Path], base: Path | None, command: Command) -> CachedRun | None:
    fingerprint = code_fingerprint()
    by_root: dict[Path, CachedWorkspace] = {}
    files_of: dict[Path, set[str]] = {}
    max_bytes = 0
    for raw in paths or [Path(".")]:
        if not (raw.is_dir() or raw.is_file()):
            return None
        root, config_file = workspace_root(raw)
        workspace = by_root.get(root)
        if workspace is None:
            entry = _read_entry(root, fingerprint, config_file, command)
            if entry is None:
                return None
            settings, findings, state, fail_level = entry
            found = discover(root, settings.include, settings.exclude)
            if found.strays or found.escapes or found.nested:
                return None  # only a full run names them and checks the nested workspaces
            files = found.files
            if _state(files, settings.max_file_bytes, config_file) != (state, True):
                return None
            workspace = by_root[root] = CachedWorkspace(root, set(), findings, fail_level)
            files_of[root] = {f.rel for f in files}
            max_bytes = max(max_bytes, settings.max_file_bytes)
        chosen, outside = select(root, files_of[root], raw)
        if outside is not None:
            return None
        workspace.selected.update(chosen)
    return CachedRun(list(by_root.values()), base, max_bytes)


def remember(
    result: ValidationResult,
    started_ns: int,
    command: Command = VALIDATE,
    fail_levels: Sequence[Severity | None] = (),
) -> None:
    """Store each workspace of a full run that read just what its configuration selects.

    `fail_levels` are the workspaces' own (`lint`), in the order of `result.workspaces`.
    """
    levels = list(fail_levels) or [None] * len(result.workspaces)
    for checked, level in zip(result.workspaces, levels, strict=True):
        if not checked.complete:
            continue
        root = checked.project.root
        config = checked.project.config
        settings = Settings(config.include, config.exclude, config.limits.max_file_size)
        config_file = workspace_root(root)[1]
        store(root, config_file, settings, checked.every, started_ns, command, level)


def store(
    root: Path,
    config_file: Path | None,
    settings: Settings,
    findings: Iterable[Finding],
    started_ns: int,
    command: Command = VALIDATE,
    fail_level: Severity | None = None,
) -> None:
    """Remember a workspace's findings (paths relative to `root`) from a run begun at
    `started_ns` (`time.time_ns()`). Never raises for a cache it cannot write."""
    try:
        files = list_files(root, settings.include, settings.exclude)
        state, settled = _state(files, settings.max_file_bytes, config_file, started_ns - _RACY_NS)
        if state is None or not settled:
            return
        entry = {
            "format": _ENTRY_FORMAT,
            "variant": command.variant,
            "fail_level": None if fail_level is None else fail_level.label,
            "fingerprint": code_fingerprint(),
            "root": str(root),
            "config": _config_digest(config_file),
            "include": list(settings.include),
            "exclude": list(settings.exclude),
            "max_file_bytes": settings.max_file_bytes,
            "state": state,
            "findings": [finding_dict(f) for f in sort_findings(findings)],
        }
        _write(
            _entry_path(root, command), json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        )
    except (OSError, ValueError):
        return


def _entry_path(root: Path, command: Command) -> Path:
    where = os.environ.get("JOURNEYKIT_CACHE_DIR")
    folder = Path(where) if where else root / CACHE_DIR
    name = hashlib.blake2b(str(root).encode("utf-8", "surrogateescape"), digest_size=8)
    return folder / f"{command.name}-{name.hexdigest()}.json"


def _read_entry(
    root: Path, fingerprint: str, config_file: Path | None, command: Command
) -> tuple[Settings, list[Finding], str, Severity | None] | None:
    try:
        entry = json.loads(_entry_path(root, command).read_bytes())
        if (
            entry["format"] != _ENTRY_FORMAT
            or entry["variant"] != command.variant
            or entry["fingerprint"] != fingerprint
            or entry["root"] != str(root)
            or entry["config"] != _config_digest(config_file)
        ):
            return None
        settings = Settings(
            [str(p) for p in entry["include"]],
            [str(p) for p in entry["exclude"]],
            int(entry["max_file_bytes"]),
        )
        level = entry["fail_level"]
        findings = [_from_json(f) for f in entry["findings"]]
        fail_level = None if level is None else Severity.parse(str(level))
        return settings, findings, str(entry["state"]), fail_level
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _state(
    files: Sequence[WorkspaceFile],
    max_bytes: int,
    config_file: Path | None,
    settled_before: int | None = None,
) -> tuple[str | None, bool]:
    """A digest of every file the workspace reads, and whether none changed after
    `settled_before` (ns); (None, False) when a file cannot be read."""
    digest = hashlib.blake2b(digest_size=20)
    newest = 0
    if config_file is not None:
        try:
            newest = config_file.stat().st_mtime_ns
        except OSError:
            return None, False
    for file in files:
        digest.update(f"{file.rel}\0{file.kind.value}\0".encode("utf-8", "surrogateescape"))
        try:
            info = file.path.stat()
            newest = max(newest, info.st_mtime_ns)
            if not stat.S_ISREG(info.st_mode):
                digest.update(b"special\0")
                continue
            with file.path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError:
            return None, False
        if len(data) > max_bytes:
            digest.update(b"large\0")
            continue
        digest.update(b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest(), settled_before is None or newest < settled_before


def _config_digest(config_file: Path | None) -> str | None:
    if config_file is None:
        return None
    try:
        data = config_file.read_bytes()
    except OSError:
        return "unreadable"
    return f"{config_file}\0" + hashlib.blake2b(data, digest_size=20).hexdigest()


def code_fingerprint() -> str:
    """journeykit's version and code, Python's version, and the dependencies' files."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).parent
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith(".py")):
            info = os.stat(os.path.join(folder, name))
            digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for module in _DEPENDENCIES:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin:
            info = os.stat(origin)
            digest.update(f"{origin}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _from_json(data: Mapping[str, Any]) -> Finding:
    """A finding back from `finding_dict`, the form the json format prints."""
    loc = data["location"]
    location = Location(
        str(loc["file"]),
        int(loc["line"]),
        int(loc["column"]),
        str(loc["yaml_path"]),
        loc["end_line"],
        loc["end_column"],
    )
    hint = data["hint"]
    return Finding(
        str(data["code"]),
        str(data["name"]),
        Severity.parse(str(data["severity"])),
        str(data["message"]),
        location,
        None if hint is None else str(hint),
    )


def _write(path: Path, text: str) -> None:
    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# Made by journeykit: its result cache.\n*\n")
        (folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is journeykit's result cache (https://bford.info/cachedir/).\n"
        )
    write_atomic(path, text)
