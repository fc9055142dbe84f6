"""The result cache's files: its folder, its entries and the user's key, opened safely.

Whoever can write to a workspace can put anything where the cache looks: a symbolic
link to `/dev/zero` or to a folder elsewhere, a FIFO, a device, a huge file. So entries
are opened relative to a descriptor of the cache folder itself (never through a link in
its place), without following links, without blocking, read only when `fstat` says they
are regular files, and only up to a size bound; they are written to a new temporary file
(`O_EXCL`, no link followed) renamed into place. Nothing here raises for such a file:
it is None (a miss), or `Refused` where the user should hear why the cache is off.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from journeykit.fileio.userdirs import user_cache_dir

_READ = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
KEY_BYTES = 32
_TAGS = {
    ".gitignore": b"# Made by journeykit: its result cache.\n*\n",
    "CACHEDIR.TAG": b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This folder is journeykit's result cache (https://bford.info/cachedir/).\n",
}


class Refused(Exception):
    """The cache is not used, for a reason the user should be told (the message)."""


def read_regular(path: str | Path, limit: int, dir_fd: int | None = None) -> bytes | None:
    """Up to `limit + 1` bytes of a regular file (symbolic links followed, as the loader
    does); None for anything else (a FIFO, a device, a folder) or what cannot be read."""
    return _read(path, limit, _READ, dir_fd)


def _read(path: str | Path, limit: int, flags: int, dir_fd: int | None) -> bytes | None:
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        return _read_fd(fd, min(info.st_size, limit) + 1, limit)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_fd(fd: int, first: int, limit: int) -> bytes:
    """Asking for the limit itself would allocate that much for every file."""
    parts, total, want = [], 0, first
    while total <= limit:
        part = os.read(fd, min(want, limit + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        want = 1 << 20
    return b"".join(parts)


def open_folder(folder: Path, create: bool) -> int | None:
    """A descriptor of the folder `folder` itself (made, with its tags, if `create`), or
    None when there is none to be had. Raises `Refused` when a symbolic link is there:
    writing through it would write outside the workspace."""
    try:
        if create:
            os.makedirs(folder.parent, exist_ok=True)
        parent = os.open(folder.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        made = False
        if create:
            try:
                os.mkdir(folder.name, dir_fd=parent)
                made = True
            except FileExistsError:
                pass
        try:
            fd = os.open(folder.name, _FOLDER, dir_fd=parent)
        except OSError:
            info = os.stat(folder.name, dir_fd=parent, follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                raise Refused(f"{folder} is a symbolic link") from None
            return None
    except OSError:
        return None
    finally:
        os.close(parent)
    if made:
        try:
            for name, text in _TAGS.items():
                write_new(fd, name, text)
        except OSError:
            pass
    return fd


def read_entry(folder: int, name: str, limit: int) -> bytes | None:
    """An entry's bytes, up to `limit + 1`; None unless it is a regular file, not a link."""
    return _read(name, limit, _READ | os.O_NOFOLLOW, folder)


def write_new(folder: int, name: str, data: bytes, mode: int = 0o666) -> None:
    """Put `data` at `name` in the folder whole or not at all, never through a link."""
    tmp = f".{name}.{os.urandom(6).hex()}.tmp"
    fd = os.open(tmp, _NEW, mode, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise


def key_file() -> Path | None:
    """`$XDG_CACHE_HOME/journeykit/result-cache.key`, else under `~/.cache`; None
    without a home."""
    folder = user_cache_dir()
    return None if folder is None else folder / "result-cache.key"


def user_key(path: Path) -> bytes | None:
    """The secret key in `path`, made (0600) on first use; None when it cannot be had.
    Raises `Refused` for a key that others could read or write."""
    for _ in range(2):
        try:
            fd = os.open(path, _READ | os.O_NOFOLLOW)
        except FileNotFoundError:
            _make_key(path)
            continue
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                raise Refused(f"{path} is not a file of yours")
            if info.st_mode & 0o077:
                raise Refused(f"{path} can be read or written by others (chmod 600 it)")
            key = os.read(fd, KEY_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        return key if len(key) == KEY_BYTES else None
    return None


def _make_key(path: Path) -> None:
    """Written whole under a temporary name, then linked: a run that starts meanwhile
    sees no key or the whole key, and of two runs making one, the first link wins."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    tmp = f".{path.name}.{os.urandom(6).hex()}.tmp"
    try:
        fd = os.open(tmp, _NEW, 0o600, dir_fd=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_BYTES))
        os.link(tmp, path.name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        os.close(folder)
