"""A function run in a forked copy of this process, its result collected later.

The copy starts with everything this process has loaded, so work that only needs what
is already in memory (the report's pictures of a loaded project, say) runs on another
core while this process goes on. Where there is no fork, or the copy fails in any way, `result`
runs the function here instead: the value, and any error, are the same either way.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from journeykit.run.lifeline import forked_setup
from journeykit.run.workers import can_fork

T = TypeVar("T")
_READ = 1 << 20


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
