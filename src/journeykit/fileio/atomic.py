"""Writing a file whole or not at all, and never replacing what is not a regular file.

A regular file (or a name not taken yet) gets a temporary file in the same folder,
flushed to disk and renamed over it: readers see the old bytes or the new, never a part.
A FIFO, a terminal or a device (`-o /dev/stdout`, `-o >(gzip > x.gz)`) is written as a
stream, opened and written in place: renaming over it would put a regular file where the
device was. A symbolic link is followed: its target is what gets written (atomically when
it is a regular file), and the link stays a link.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path`: atomically for a regular file, as a stream for a special one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _target(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        write_stream(target, payload)
        return
    _replace(target, payload, None if mode is None else stat.S_IMODE(mode))


def write_stream(path: Path, payload: bytes) -> None:
    """Open `path` as it is (a FIFO, a device) and write to it; no temporary, no rename."""
    with open(path, "wb") as handle:
        handle.write(payload)


def _target(path: Path) -> Path:
    """What writing `path` writes: the end of its chain of links, if it is one."""
    if not path.is_symlink():
        return path
    # A link to a missing file creates that file, as `echo > link` would.
    return Path(os.path.realpath(path))


def _replace(path: Path, payload: bytes, mode: int | None) -> None:
    import tempfile  # not on the start-up path of a command that writes nothing

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600): a replaced file keeps its mode, a new one
        # gets what the umask allows (a report or an image is for sharing).
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
