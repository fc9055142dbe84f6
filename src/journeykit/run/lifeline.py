"""Child processes that end with the process that made them, however it ends.

Closing a pool, a batch or a forked copy kills its children when the parent unwinds (an
error, Ctrl-C, SIGTERM turned into an exception by the CLI). A parent killed outright
(SIGKILL, or SIGTERM where no handler is installed) unwinds nothing: on Linux the
kernel then kills each child marked here (PR_SET_PDEATHSIG), which is a setting of the
child alone. Elsewhere this does nothing.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1
_Prctl = Callable[[int, int], int]


@functools.cache
def _prctl() -> _Prctl | None:
    """libc's prctl, looked up in the parent (a child between fork and exec must not)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_ulong]
    call.restype = ctypes.c_int
    return call


def child_setup() -> Callable[[], None] | None:
    """For `subprocess.Popen(preexec_fn=...)`: the child is killed when this process ends.

    None where the system has no such thing (then pass no preexec_fn at all). Make it
    for each start: it holds this process's id, which a forked copy does not share.
    """
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def setup() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent ended before the mark was made
            os.kill(os.getpid(), signal.SIGKILL)

    return setup


def forked_setup() -> Callable[[], None]:
    """Made in the parent before `os.fork()`, called in the child first thing."""
    return child_setup() or _nothing


def _nothing() -> None:
    pass


_SPAWN_CHECK_TIMEOUT = 5.0


@functools.cache
def spawn_prefix() -> tuple[str, ...]:
    """A command prefix that marks the child as `child_setup` does, without a preexec_fn.

    A preexec_fn makes Python fork the whole process for each child, page tables and
    all (90 ms a Graphviz run from a 400 MB report, against 23 ms), where without one it
    can use vfork. util-linux's `setpriv --pdeathsig` (2.33 and later) sets the mark and
    then executes the command. Empty where there is no such `setpriv` (then use
    `child_setup`). Checked once per process, with one short run.
    """
    if _prctl() is None:
        return ()
    found, true = shutil.which("setpriv"), shutil.which("true")
    if found is None or true is None:
        return ()
    prefix = (found, "--pdeathsig", "KILL", "--")
    try:
        done = subprocess.run(
            [*prefix, true],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_SPAWN_CHECK_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return prefix if done.returncode == 0 else ()
