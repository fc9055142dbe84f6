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
import signal
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
