"""Loading many files on several cores: forked workers, results in the order asked for.

Parsing is nearly all of a big run's time and every file parses on its own, so a pool
of forked processes (they share the imported modules, nothing is imported again)
loads contiguous chunks of the file list. A loaded file travels back without its node
tree (see `SourceFile.root`), which keeps the trip cheaper than the parse.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from journeykit.loader import Limits, SourceFile, load_file
from journeykit.model import FileKind

Request = tuple[Path, str, FileKind | None]
"""A file to load: its path, its path relative to the workspace root, its kind."""
Progress = Callable[[int, int], None]
"""Called with (files loaded, files in all) as loading goes on."""

FILES_PER_JOB = 150
"""Below this many files per worker, forking and sending results back cost more than
they save (a small journey loads in about a millisecond)."""
_CHUNKS_PER_JOB = 6


def available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """One worker per core, but only as many as have `FILES_PER_JOB` files each."""
    return max(1, min(available_cpus(), files // FILES_PER_JOB))


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def load_files(
    requests: Sequence[Request],
    limits: Limits,
    jobs: int | None = 1,
    progress: Progress | None = None,
) -> list[SourceFile]:
    """Load every file, on `jobs` processes (None: `default_jobs`); the result is the same."""
    count = len(requests)
    workers = default_jobs(count) if jobs is None else min(jobs, count)
    if workers <= 1 or not can_fork():
        return _serial(requests, limits, progress)
    return _parallel(requests, limits, workers, progress)


def _serial(
    requests: Sequence[Request], limits: Limits, progress: Progress | None
) -> list[SourceFile]:
    sources = []
    for path, rel, kind in requests:
        sources.append(load_file(path, rel, kind, limits))
        if progress is not None:
            progress(len(sources), len(requests))
    return sources


def _load_chunk(chunk: tuple[Sequence[Request], Limits]) -> list[SourceFile]:
    requests, limits = chunk
    return [load_file(path, rel, kind, limits) for path, rel, kind in requests]


def _parallel(
    requests: Sequence[Request], limits: Limits, workers: int, progress: Progress | None
) -> list[SourceFile]:
    # Contiguous chunks keep the order; several per worker even out big and small files.
    size = max(1, -(-len(requests) // (workers * _CHUNKS_PER_JOB)))
    chunks = [(requests[i : i + size], limits) for i in range(0, len(requests), size)]
    sources: list[SourceFile] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for loaded in pool.imap(_load_chunk, chunks):
            sources.extend(loaded)
            if progress is not None:
                progress(len(sources), len(requests))
    return sources
