"""A function run in a forked copy of this process, its result collected later.

The copy starts with everything this process has loaded, so work that only needs what
is already in memory (the report's pictures of a loaded project, say) runs on another
core while this process goes on. Where there is no fork, or the copy fails in any way, `result`
runs the function here instead: the value, and any error, are the same either way.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import tempfile
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from journeykit.run.lifeline import forked_setup
from journeykit.run.workers import can_fork

T = TypeVar("T")
_READ = 1 << 20
_LENGTH = struct.Struct("<Q")


class Forked(Generic[T]):
    """`work()` started in a forked copy at once; `result()` waits for its value."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid = 0
        self._fd = -1
        if not can_fork():
            return
        try:
            read, write = os.pipe()
        except OSError:
            return
        setup = forked_setup()
        try:
            pid = os.fork()
        except OSError:  # no process to be had (a limit reached): `result` runs it here
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the copy: send the value back and leave, running nothing else
            code = 0
            try:
                setup()  # ends with this process, and so do the runs it starts
                os.close(read)
                write_all(write, pickle.dumps(work(), pickle.HIGHEST_PROTOCOL))
            except BaseException:
                code = 1  # the parent finds no value and runs `work` itself
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd = pid, read

    def result(self) -> T:
        """The value `work()` gave in the copy, or gives here if the copy gave none."""
        if self._fd < 0:
            return self._work()
        chunks = []
        try:
            while data := os.read(self._fd, _READ):
                chunks.append(data)
        finally:
            self.close()
        try:
            value: T = pickle.loads(b"".join(chunks))
        except Exception:  # nothing came, or not all of it: the copy failed
            return self._work()
        return value

    def close(self) -> None:
        """Stop the copy if it is still at work. Safe to call again."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            reap(self._pid)
            self._pid = 0


class Stream:
    """`work()`'s pieces (bytes) from a forked copy, taken as they come: the copy goes on
    with the next while this process reads one.

    The pieces go to a file of the copy's own (unlinked) and only their lengths down a
    pipe: a pipe holds 64 KB, and a copy that waits for this process to read would stop.
    A copy that fails sends what it finished, and nothing more: the caller runs the rest
    (so it must tell which pieces came). Where there is no fork, `rest` runs `work` here.
    """

    def __init__(self, work: Callable[[], Iterable[bytes]]) -> None:
        self._work: Callable[[], Iterable[bytes]] | None = work
        self._pid, self._fd, self._spill, self._offset = 0, -1, -1, 0
        self._buffer = b""
        if not can_fork():
            return
        try:
            with tempfile.TemporaryFile() as spill:
                self._spill = os.dup(spill.fileno())
            read, write = os.pipe()
        except OSError:
            self.close()
            return
        setup = forked_setup()
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write):
                os.close(fd)
            self.close()
            return
        if pid == 0:  # the copy: its pieces, then leave, running nothing else
            code = 0
            try:
                setup()
                os.close(read)
                for piece in work():
                    write_all(self._spill, piece)
                    write_all(write, _LENGTH.pack(len(piece)))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd, self._work = pid, read, None

    def ready(self) -> list[bytes]:
        """The pieces that have come by now, without waiting for more."""
        if self._fd < 0 or not select.select([self._fd], [], [], 0)[0]:
            return []
        data = os.read(self._fd, _READ)
        pieces = self._pieces(data)
        if not data:  # the copy has ended
            self.close()
        return pieces

    def rest(self) -> list[bytes]:
        """Every piece not taken yet, once the copy has ended."""
        if self._work is not None:  # never forked: the work is this process's
            work, self._work = self._work, None
            return list(work())
        pieces = []
        while self._fd >= 0:
            data = os.read(self._fd, _READ)
            pieces += self._pieces(data)
            if not data:
                self.close()
        return pieces

    def _pieces(self, data: bytes) -> list[bytes]:
        """The pieces whose lengths `data` completes, read from the copy's file."""
        self._buffer += data
        pieces = []
        while len(self._buffer) >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(self._buffer)
            self._buffer = self._buffer[_LENGTH.size :]
            piece = os.pread(self._spill, length, self._offset)
            while len(piece) < length:  # a pread may give less than asked
                more = os.pread(self._spill, length - len(piece), self._offset + len(piece))
                if not more:
                    raise OSError("a forked copy's data ended early")
                piece += more
            self._offset += length
            pieces.append(piece)
        return pieces

    def close(self) -> None:
        """Stop the copy if it is still at work. Safe to call again."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            reap(self._pid)
            self._pid = 0
        if self._spill >= 0:
            os.close(self._spill)
            self._spill = -1


def reap(pid: int) -> None:
    """Wait for the child `pid`, killing it first if it is still at work."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    except OSError:
        pass


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to the pipe `fd` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
