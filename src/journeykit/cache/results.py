"""The result cache of `validate` and `lint`: an unchanged workspace answers unloaded.

Editors and pre-commit hooks validate and lint the same files again and again. Like ruff's and
mypy's caches, this one remembers each workspace's findings with everything they depend
on, and a run whose inputs match prints them without parsing a file or building a model
(nor importing pydantic or PyYAML):

- the text of every journeykit file the run parsed, with its path (a file over the size
  limit counts as such); any other file the loader cannot read keeps the workspace out;
- the bytes of the configuration file, checked to parse to the very settings the run used;
- the command and the options that change its findings (`lint --select/--ignore`);
- journeykit's own code (version, and the size and time of every module, so an edited
  checkout misses too), the Python version, and pydantic's and PyYAML's installed files.

The key of a stored run comes from what the run read, never from reading the files again:
a file that changes during a run (even with its old time kept, as `cp -p` does) cannot
leave the old findings under its new content. A lookup reads every file and misses
unless the bytes are those of the stored texts.

Threat model: whoever can write to the workspace (a branch, a shared checkout) can write
the cache folder, but not the user's home. Each entry carries a MAC (keyed BLAKE2b) over
everything it says, with a per-user key of 32 random bytes kept in
`$XDG_CACHE_HOME/journeykit/result-cache.key` (`~/.cache/journeykit`), made 0600 and used
only while it is the user's and private. A forger can delete entries or put back an older
genuine one; either is a miss unless the workspace's inputs are again those that entry
holds, and then its findings are the true ones. An entry that is not a regular file, is
too big, or does not check out is a miss. A cache folder that is a symbolic link is not
used at all (`ResultCache.notices` says so). Out of scope: who can write the user's home or
journeykit's installed code.

The caller chooses where each workspace's entries live (`folder_for`: the CLI puts them in
`<root>/.journeykit_cache/`, with a `.gitignore` and a `CACHEDIR.TAG`, or under
`$JOURNEYKIT_CACHE_DIR`). Failing to write the cache is silent.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit import __version__
from journeykit.cache import files as cachefiles
from journeykit.cache import state as cachestate
from journeykit.cache.hit import CachedRun
from journeykit.cache.lookup import lookup_run
from journeykit.findings import Severity, sort_findings
from journeykit.workspace.discovery import workspace_root

if TYPE_CHECKING:
    from journeykit.run.result import CheckedWorkspace, RunResult

__all__ = ["CACHE_DIR", "VALIDATE", "CachedRun", "Command", "ResultCache", "code_fingerprint"]

CACHE_DIR = ".journeykit_cache"
_ENTRY_FORMAT = 3
_DEPENDENCIES = ("pydantic", "pydantic_core", "yaml")
_MAX_ENTRY_BYTES = 64 << 20
_MAC_HEAD = b'{"mac":"'
_MAC_END = len(_MAC_HEAD) + 64
"""An entry is JSON whose first member is the MAC (hex) of every byte after it."""
_RUINS = (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError)
"""What reading anything a forger may have written can raise."""


@dataclass(frozen=True, slots=True)
class Command:
    """Which results an entry holds: a command's, run with options that change them."""

    name: str
    """`validate` or `lint`."""
    variant: str = ""
    """The options that change the findings, as text (`lint --select/--ignore`)."""


VALIDATE = Command("validate")


class ResultCache:
    """Entries of the workspaces' runs, in the folder `folder_for(root)` of each root."""

    def __init__(self, folder_for: Callable[[Path], Path], key: Path | None = None) -> None:
        self.folder_for = folder_for
        self.key_file = key or cachefiles.key_file()
        self.notices: list[str] = []
        """Why the cache was not used, for the user (each said once)."""
        self._key: bytes | None = None
        self._fingerprint: str | None = None

    def lookup(
        self, paths: Sequence[Path], base: Path | None, command: Command = VALIDATE
    ) -> CachedRun | None:
        """The cached findings for `paths` (as `validate_paths` takes them), or None."""
        try:
            return self._lookup(paths, base.resolve() if base is not None else None, command)
        except _RUINS:  # the full run will say what is wrong with a path
            return None

    def remember(self, result: RunResult, command: Command = VALIDATE) -> None:
        """Store each workspace of a full run that read just what its configuration selects.

        A `lint` entry keeps the fail level the workspace's configuration sets.
        """
        for checked in result.workspaces:
            level = None if command.name == "validate" else checked.fail_level
            try:
                self._store(checked, command, level)
            except _RUINS:
                continue

    def _lookup(
        self, paths: Sequence[Path], base: Path | None, command: Command
    ) -> CachedRun | None:
        return lookup_run(paths, base, lambda root: self._read(root, command))

    def _store(self, checked: CheckedWorkspace, command: Command, level: Severity | None) -> None:
        if not checked.complete:
            return
        project = checked.project
        root, config = project.root, project.config
        limit = config.limits.max_file_size
        found_root, config_file = workspace_root(root)
        state = cachestate.run_state(project.sources)
        config_key, raw = cachestate.config_key(config_file)
        if (
            found_root != root
            or state is None
            or not cachestate.same_config(config_file, raw, config)
        ):
            return
        body = {
            "format": _ENTRY_FORMAT,
            "command": command.name,
            "variant": command.variant,
            "fingerprint": self.fingerprint(),
            "root": str(root),
            "config": config_key,
            "include": list(config.include),
            "exclude": list(config.exclude),
            "max_file_bytes": limit,
            "state": state,
            "fail_level": None if level is None else level.label,
            "findings": [f.to_data() for f in sort_findings(checked.every)],
        }
        key = self._user_key()
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        if key is None or len(text) + _MAC_END + 2 > _MAX_ENTRY_BYTES:
            return
        entry = _MAC_HEAD + _mac(key, text[1:]).encode() + b'",' + text[1:]
        folder = self._folder(root, create=True)
        if folder is not None:
            try:
                cachefiles.write_new(folder, _entry_name(root, command), entry)
            finally:
                os.close(folder)

    def _read(self, root: Path, command: Command) -> dict[str, Any] | None:
        """The entry of `root`'s runs of `command` if it checks out as the user's own."""
        key = self._user_key()
        folder = self._folder(root, create=False) if key is not None else None
        if key is None or folder is None:
            return None
        try:
            data = cachefiles.read_entry(folder, _entry_name(root, command), _MAX_ENTRY_BYTES)
        finally:
            os.close(folder)
        if data is None or len(data) > _MAX_ENTRY_BYTES or not data.startswith(_MAC_HEAD):
            return None
        signed = data[_MAC_END + 2 :]
        mac = data[len(_MAC_HEAD) : _MAC_END].decode("ascii", "replace")
        if data[_MAC_END : _MAC_END + 2] != b'",' or not hmac.compare_digest(
            mac, _mac(key, signed)
        ):
            return None
        entry = json.loads(b"{" + signed)
        wanted = {
            "format": _ENTRY_FORMAT,
            "command": command.name,
            "variant": command.variant,
            "fingerprint": self.fingerprint(),
            "root": str(root),
        }
        if not isinstance(entry, dict) or any(entry.get(k) != v for k, v in wanted.items()):
            return None
        return entry

    def _folder(self, root: Path, create: bool) -> int | None:
        try:
            return cachefiles.open_folder(self.folder_for(root), create)
        except cachefiles.Refused as exc:
            self._notice(f"not using the result cache: {exc}")
            return None

    def _user_key(self) -> bytes | None:
        if self._key is None and self.key_file is not None:
            try:
                self._key = cachefiles.user_key(self.key_file)
            except cachefiles.Refused as exc:
                self._notice(f"not using the result cache: {exc}")
                self.key_file = None
        return self._key

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    def fingerprint(self) -> str:
        """`code_fingerprint()` as the run began (a later edit of the code misses)."""
        if self._fingerprint is None:
            self._fingerprint = code_fingerprint()
        return self._fingerprint


def _mac(key: bytes, data: bytes) -> str:
    return hashlib.blake2b(data, key=key, digest_size=32).hexdigest()


def _entry_name(root: Path, command: Command) -> str:
    name = hashlib.blake2b(str(root).encode("utf-8", "surrogateescape"), digest_size=8)
    return f"{command.name}-{name.hexdigest()}.json"


def code_fingerprint() -> str:
    """journeykit's version and code, Python's version, and the dependencies' files."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).resolve().parent.parent  # all of journeykit, not cache/
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
