"""Graphviz's pictures kept by what they are made of, so an unchanged one is not laid out again.

A picture is a pure function of its DOT text, the output format, the Graphviz that lays it
out (its `-V` version string) and journeykit (whose version is in the key too, as its
renderers' DOT may change without the text telling). The key is the SHA-256 of those;
the entry holds the bytes Graphviz wrote, with a digest of them, and is a miss unless
it is a regular file (opened without following a link, relative to a descriptor of the
folder), no bigger than `MAX_ENTRY_BYTES`, and checks out. Entries are written to a
temporary file renamed into place; a used entry has its time renewed, and the oldest
go when the folder outgrows `max_bytes`. Failing to read or write the cache is a miss,
never an error.

The caller chooses the folder (the CLI: `$JOURNEYKIT_CACHE_DIR/pictures` or the user's
`~/.cache/journeykit/pictures`, never a workspace). Whoever can write that folder can
put any picture into a report: it is the user's own, as their home is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import subprocess
import time
from pathlib import Path

from journeykit import __version__
from journeykit.cache import files as cachefiles
from journeykit.render.engine import DEFAULT_TIMEOUT, Engine, render_dot, require_engine

_FORMAT = b"journeykit-picture 1\n"
_DIGEST = 16
MAX_ENTRY_BYTES = 64 << 20
DEFAULT_MAX_BYTES = 512 << 20
_KEEP = 0.8
"""Pruning goes down to this share of `max_bytes`, so that it is not done on every run."""
_ENTRY = re.compile(r"[0-9a-f]{64}\.pic")
_STALE_TMP = 3600.0
_VERSION_TIMEOUT = 5.0


class PictureCache:
    """Pictures in `folder` (made when the first is stored), at most about `max_bytes`."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.hits = 0
        self.stored = 0
        self._fd: int | None = None
        self._tried = False
        self._versions: dict[str, str | None] = {}

    def key(self, engine: Engine, source: str, fmt: str) -> str | None:
        """The entry name of `source` laid out as `fmt`; None when the engine says no version."""
        version = self.engine_version(engine)
        if version is None:
            return None
        digest = hashlib.sha256(_FORMAT)
        for part in (__version__, engine.name, version, fmt):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
        digest.update(source.encode("utf-8"))
        return digest.hexdigest() + ".pic"

    def find(self, engine: Engine, source: str, fmt: str) -> tuple[str | None, bytes | None]:
        """The entry name of the picture (None: not to be cached) and its bytes if kept."""
        key = self.key(engine, source, fmt)
        return key, self.get(key) if key else None

    def get(self, key: str) -> bytes | None:
        folder = self._folder(create=False)
        if folder is None:
            return None
        raw = cachefiles.read_entry(folder, key, MAX_ENTRY_BYTES + len(_FORMAT) + _DIGEST)
        data = _unpack(raw)
        if data is None:
            return None
        with contextlib.suppress(OSError):  # the least recently used go first
            os.utime(key, dir_fd=folder, follow_symlinks=False)
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > MAX_ENTRY_BYTES:
            return
        folder = self._folder(create=True)
        if folder is None:
            return
        digest = hashlib.blake2b(data, digest_size=_DIGEST).digest()
        try:
            cachefiles.write_new(folder, key, _FORMAT + digest + data, 0o600)
        except OSError:
            return
        self.stored += 1

    def engine_version(self, engine: Engine) -> str | None:
        """`engine -V`, remembered per engine file (in the folder too: a warm run runs none)."""
        ident = _identity(engine.path)
        if ident is None:
            return None
        if ident not in self._versions:
            self._versions[ident] = self._version(engine, ident)
        return self._versions[ident]

    def close(self) -> None:
        """Prune if pictures were stored, and let go of the folder."""
        if self._fd is None:
            return
        if self.stored:
            with contextlib.suppress(OSError):
                prune(self._fd, self.max_bytes)
        os.close(self._fd)
        self._fd = None
        self._tried = False

    def __enter__(self) -> PictureCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _folder(self, create: bool) -> int | None:
        if self._fd is None and (create or not self._tried):
            self._tried = True
            try:
                self._fd = cachefiles.open_folder(self.folder, create)
            except cachefiles.Refused:  # a link in its place: not used
                self._fd = None
        return self._fd

    def _version(self, engine: Engine, ident: str) -> str | None:
        name = "engine-" + hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]
        folder = self._folder(create=False)
        if folder is not None:
            known = cachefiles.read_entry(folder, name, 4096)
            if known and len(known) <= 4096 and known.startswith(_FORMAT):
                return known[len(_FORMAT) :].decode("utf-8", "replace")
        try:
            done = subprocess.run(
                [engine.path, "-V"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=_VERSION_TIMEOUT,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        text = (done.stderr + done.stdout).decode("utf-8", "replace").strip()
        if done.returncode != 0 or not text or len(text) > 1000:
            return None
        folder = self._folder(create=True)
        if folder is not None:
            with contextlib.suppress(OSError):
                cachefiles.write_new(folder, name, _FORMAT + text.encode("utf-8"), 0o600)
        return text


def render_cached(
    source: str, fmt: str, timeout: float = DEFAULT_TIMEOUT, cache: PictureCache | None = None
) -> bytes:
    """`engine.render_dot`, taken from `cache` if there, and stored there if not."""
    if cache is None:
        return render_dot(source, fmt, timeout)
    entry, data = cache.find(require_engine(fmt), source, fmt)
    if data is None:
        data = render_dot(source, fmt, timeout)
        if entry:
            cache.put(entry, data)
    return data


def _identity(path: str) -> str | None:
    """Which engine file this is: its real path, inode, size and time (a new install misses)."""
    try:
        real = os.path.realpath(path)
        info = os.stat(real)
    except OSError:
        return None
    return f"{real}\0{info.st_dev}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}"


def _unpack(raw: bytes | None) -> bytes | None:
    head = len(_FORMAT) + _DIGEST
    if raw is None or len(raw) < head or not raw.startswith(_FORMAT):
        return None
    data = raw[head:]
    if len(data) > MAX_ENTRY_BYTES:
        return None
    if hashlib.blake2b(data, digest_size=_DIGEST).digest() != raw[len(_FORMAT) : head]:
        return None
    return data


def prune(folder: int, max_bytes: int) -> None:
    """Remove the least recently used entries while they take more than `max_bytes`
    (down to `_KEEP` of it), and temporary files an interrupted run left behind."""
    entries: list[tuple[float, int, str]] = []
    now = time.time()
    with os.scandir(folder) as found:
        for item in found:
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if _ENTRY.fullmatch(item.name):
                entries.append((info.st_mtime, info.st_size, item.name))
            elif item.name.endswith(".tmp") and now - info.st_mtime > _STALE_TMP:
                with contextlib.suppress(OSError):
                    os.unlink(item.name, dir_fd=folder)
    total = sum(size for _, size, _ in entries)
    if total <= max_bytes:
        return
    for _, size, name in sorted(entries):
        if total <= max_bytes * _KEEP:
            break
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
            total -= size
