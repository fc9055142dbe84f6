"""Loading many files on several cores: forked workers, results in the order asked for.

Parsing is nearly all of a big run's time and every file parses on its own, so forked
processes (they share the imported modules, nothing is imported again) and this one
load contiguous chunks of the file list. A loaded file travels back without its node
tree (see `SourceFile.root`), which keeps the trip cheaper than the parse.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
_POLL = 0.5
"""Seconds between checks that the workers are still alive while waiting for them."""


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


def _load_chunk(requests: Sequence[Request], limits: Limits) -> list[SourceFile]:
    return [load_file(path, rel, kind, limits) for path, rel, kind in requests]


def _claim(counter: Any, total: int) -> int | None:
    """The next chunk nobody has taken yet, or None when all are taken."""
    with counter.get_lock():
        index = int(counter.value)
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _work(chunks: list[Sequence[Request]], limits: Limits, counter: Any, results: Any) -> None:
    """A worker: take chunks until none are left, send each one's files back."""
    while (index := _claim(counter, len(chunks))) is not None:
        try:
            results.put((index, _load_chunk(chunks[index], limits)))
        except BaseException as exc:  # the parent reports it: no traceback from here
            results.put((index, f"{type(exc).__name__}: {exc}"))
            return


def _parallel(
    requests: Sequence[Request], limits: Limits, workers: int, progress: Progress | None
) -> list[SourceFile]:
    """This process and `workers - 1` forked ones take chunks from a shared counter.

    The parent loads too: what it loads needs no trip between processes, and taking
    chunks as they come evens out a core that another program keeps busy.
    """
    size = max(1, -(-len(requests) // (workers * _CHUNKS_PER_JOB)))
    chunks = [requests[i : i + size] for i in range(0, len(requests), size)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    results = context.Queue()
    helpers = [
        context.Process(target=_work, args=(chunks, limits, counter, results), daemon=True)
        for _ in range(workers - 1)
    ]
    loaded: dict[int, list[SourceFile]] = {}

    def receive(block: bool) -> None:
        try:
            index, sources = results.get(block, _POLL if block else None)
        except queue.Empty:
            if block and not any(h.is_alive() for h in helpers):
                raise RuntimeError("a worker process died while loading files") from None
            return
        if isinstance(sources, str):
            raise RuntimeError(f"a worker process failed while loading files: {sources}")
        loaded[index] = sources
        tell()

    def tell() -> None:
        if progress is not None:
            progress(sum(len(c) for c in loaded.values()), len(requests))

    for helper in helpers:
        helper.start()
    try:
        while (index := _claim(counter, len(chunks))) is not None:
            loaded[index] = _load_chunk(chunks[index], limits)
            tell()
            receive(block=False)
        while len(loaded) < len(chunks):
            receive(block=True)
    finally:
        for helper in helpers:
            helper.join(timeout=1)
            if helper.is_alive():
                helper.terminate()
    return [source for i in range(len(chunks)) for source in loaded[i]]
