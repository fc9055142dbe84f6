"""Replacing a whole folder of output (the report) at once, keeping what others put there.

The new files are written to a temporary folder beside the old one, flushed to disk, and
the two are swapped in one step: a reader, a crash, a full disk or a signal leaves the old
folder or the new, never a mix. Files in the old folder that the writer does not own
(`ours(name)` is false for them: a CNAME, extra assets, any subfolder) are carried over
into the new one as hard links (copies where links cannot be made).

Where a swap cannot be done the files are written one by one, each atomically, in place
(see `replace_folder`).

A file the writer knows the old folder holds already (it wrote it, and the file is as it
left it: `Kept`) is hard-linked into the new folder unread.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from journeykit.fileio.atomic import sync_folder, write_atomic

Ours = Callable[[str], bool]
"""Whether a name at the top of the folder is the writer's (replaced or removed)."""


class _CannotSwap(Exception):
    """Something keeps the folder from being swapped: write in place instead."""


Identity = tuple[int, int, int, int, int]
"""A file as `identity` tells it: device, inode, size, and modification and change times."""


@dataclass(frozen=True, slots=True)
class Kept:
    """The file of that name in the old folder, taken over as it is: the one whose
    `identity` it still has (any write to it, or a file put in its place, changes that)."""

    identity: Identity


class KeptChanged(OSError):
    """A `Kept` file is not as it was: the caller writes its bytes instead."""


def identity(path: Path | str) -> Identity | None:
    """What tells the regular file at `path` (no link followed) from any other; None if none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


Content = str | bytes | Kept


def replace_folder(folder: Path, files: Mapping[str, Content], ours: Ours) -> bool:
    """Make `folder` hold `files` plus whatever of its own is not `ours`; True if swapped.

    In place (False) when the folder is a mount point, is or holds the current folder,
    or a sibling folder cannot be made or renamed; then an interruption can leave a mix
    of old and new files (each one whole). Raises OSError when a file cannot be written,
    KeptChanged when a `Kept` file is not as it was; the old folder is then as it was
    (when swapping) and no temporary is left behind.
    """
    if folder.is_symlink():  # the link stays; the folder it points to is replaced
        folder = Path(os.path.realpath(folder))
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    if _swappable(folder):
        try:
            _swap(folder, files, ours)
            return True
        except _CannotSwap:
            pass
    _in_place(folder, files, ours)
    return False


def _swappable(folder: Path) -> bool:
    if not folder.exists():
        return True
    here = Path.cwd().resolve()
    real = folder.resolve()
    return not os.path.ismount(real) and real != here and real not in here.parents


def _swap(folder: Path, files: Mapping[str, Content], ours: Ours) -> None:
    import tempfile

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as exc:
        raise _CannotSwap from exc
    try:
        _write_all(fresh, files, folder if folder.is_dir() else None)
        existed = folder.exists()
        if existed:
            try:
                _carry_over(folder, fresh, lambda n: ours(n) or n in files)
            except OSError as exc:
                raise _CannotSwap from exc
        os.chmod(fresh, stat_mode(folder) if existed else 0o777 & ~_umask())
        try:
            _exchange(fresh, folder) if existed else os.rename(fresh, folder)
        except OSError as exc:
            raise _CannotSwap from exc
        sync_folder(folder.parent)
    finally:
        # After the exchange `fresh` names the old folder: removed either way.
        remove_tree(fresh)
        remove_tree(_aside(fresh))


def _write_all(into: Path, files: Mapping[str, Content], old: Path | None = None) -> None:
    """Every file into the new folder, then each flushed (the system writes them meanwhile).

    A file the old folder already holds byte for byte is hard-linked from it instead: it
    is on disk already, so a report rebuilt after one change rewrites only what changed.
    """
    written = []
    for name, data in files.items():
        if isinstance(data, Kept):
            _link_kept(old, into, name, data)
            continue
        content = data.encode("utf-8") if isinstance(data, str) else data
        if old is not None and _link_same(old / name, into / name, content):
            continue
        with open(into / name, "xb") as handle:
            handle.write(content)
        written.append(name)
    for name in written:
        fd = os.open(into / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    sync_folder(into)


def _link_same(old: Path, new: Path, content: bytes) -> bool:
    """Hard-link `old` as `new` when it is a regular file (no link followed) that holds
    exactly `content`, with one name only (nothing else shares what it would share)."""
    try:
        fd = os.open(old, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_size != len(content):
            return False
        with os.fdopen(os.dup(fd), "rb") as handle:
            if handle.read(len(content) + 1) != content:
                return False
        os.link(old, new, follow_symlinks=False)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _link_kept(old: Path | None, into: Path, name: str, kept: Kept) -> None:
    """The caller saw the file as it was (change time and all) just now; the link made
    must be that very file, unwritten (linking changes its change time: not compared)."""
    if old is None:
        raise KeptChanged(errno.ESTALE, "changed since it was written", str(into / name))
    os.link(old / name, into / name, follow_symlinks=False)
    linked = identity(into / name)
    if linked is None or linked[:4] != kept.identity[:4]:
        raise KeptChanged(errno.ESTALE, "changed since it was written", str(old / name))


def _carry_over(old: Path, new: Path, skip: Ours) -> None:
    for entry in os.scandir(old):
        if not skip(entry.name):
            _link_tree(Path(entry.path), new / entry.name)


def _link_tree(source: Path, target: Path) -> None:
    """`source` at `target`: folders made anew, everything else hard-linked (or copied)."""
    if source.is_dir() and not source.is_symlink():
        target.mkdir()
        for entry in os.scandir(source):
            _link_tree(Path(entry.path), target / entry.name)
        shutil.copystat(source, target, follow_symlinks=False)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # another file system, or links not allowed for this file
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)


def _exchange(new: Path, old: Path) -> None:
    """Swap two folders: in one step where the system can, else by two renames."""
    if _rename_exchange(new, old):
        return
    # The old folder is moved aside first: for a moment there is none (the caller removes
    # what is left aside).
    aside = _aside(new)
    os.rename(old, aside)
    try:
        os.rename(new, old)
    except BaseException:
        if not old.exists():
            os.rename(aside, old)
        raise


def _aside(new: Path) -> Path:
    return new.with_name(new.name + ".old")


def _rename_exchange(a: Path, b: Path) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE); False where the system or file system lacks it."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_cwd, exchange = -100, 2
    if call(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _in_place(folder: Path, files: Mapping[str, Content], ours: Ours) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        if isinstance(data, Kept):
            if identity(folder / name) != data.identity:
                raise KeptChanged(errno.ESTALE, "changed since it was written", str(folder / name))
            continue
        write_atomic(folder / name, data)
    for entry in os.scandir(folder):
        if ours(entry.name) and entry.name not in files and not entry.is_dir():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def remove_tree(path: Path) -> None:
    """Remove a folder; once more if an interruption (a signal) stopped the first go."""
    try:
        shutil.rmtree(path, ignore_errors=True)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
