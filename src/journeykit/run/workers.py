"""How many processes load a workspace's files: without importing what loading needs."""

from __future__ import annotations

import os
import sys
import threading

FILES_PER_JOB = 150
"""Below this many files per worker, forking and sending results back cost more than
they save (a small journey loads in about a millisecond)."""
MAX_WORKERS = 64
"""More processes than this only cost (and `select` takes a limited number of pipes)."""


def available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """One worker per core, but only as many as have `FILES_PER_JOB` files each."""
    return max(1, min(available_cpus(), files // FILES_PER_JOB))


def can_fork() -> bool:
    """Whether this process may fork: not where there is no fork, nor while other threads
    run (an editor, a language server: a fork would copy locks those threads hold)."""
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def worker_count(files: int, jobs: int | None) -> int:
    """How many processes load `files` files when asked for `jobs` (None: the default)."""
    workers = default_jobs(files) if jobs is None else min(jobs, files, MAX_WORKERS)
    return workers if can_fork() else 1
