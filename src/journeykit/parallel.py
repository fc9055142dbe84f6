"""Loading many files on several cores: forked workers, results in the order asked for.

Parsing is nearly all of a big run's time and every file parses on its own, so forked
processes (they share the imported modules, nothing is imported again) and this one
read contiguous chunks of the file list, each process taking the next chunk nobody has
taken from a pipe of chunk numbers. A worker sends back what the fast path read, the
text and the plain values, with `marshal` (C-fast both ways, where pickling pydantic
models cost more than validating them again), and this process builds the models. A
file with findings travels pickled and whole, without its node tree (see
`SourceFile.root`).
"""

from __future__ import annotations

import marshal
import os
import pickle
import select
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from journeykit.loader import Limits, ParsedYaml, SourceFile, finish, load_file, read_file
from journeykit.model import FileKind

Request = tuple[Path, str, FileKind | None]
"""A file to load: its path, its path relative to the workspace root, its kind."""
Progress = Callable[[int, int], None]
"""Called with (files loaded, files in all) as loading goes on."""

FILES_PER_JOB = 150
"""Below this many files per worker, forking and sending results back cost more than
they save (a small journey loads in about a millisecond)."""
_CHUNKS_PER_JOB = 16
"""Small chunks even out the end (the last one to finish holds the others up)."""
_MAX_CHUNK = 64
_TASK = struct.Struct("<H")
_MAX_CHUNKS = 16_000
"""Chunk numbers are written to a pipe before forking: they must fit in its buffer."""
_FRAME = struct.Struct("<iI")
"""A worker's message: the chunk number (-1: an error) and the length of what follows."""
_PIPE_BYTES = 1 << 20
"""What a worker can send ahead while this process is busy, before its writes wait."""
_MAX_WORKERS = 64
"""More processes than this only cost (and `select` takes a limited number of pipes)."""
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
    return hasattr(os, "fork") and sys.platform != "win32"


def load_files(
    requests: Sequence[Request],
    limits: Limits,
    jobs: int | None = 1,
    progress: Progress | None = None,
) -> list[SourceFile]:
    """Load every file, on `jobs` processes (None: `default_jobs`); the result is the same."""
    count = len(requests)
    workers = default_jobs(count) if jobs is None else min(jobs, count, _MAX_WORKERS)
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


def _chunks(requests: Sequence[Request], workers: int) -> list[Sequence[Request]]:
    size = -(-len(requests) // (workers * _CHUNKS_PER_JOB))
    size = max(1, min(size, _MAX_CHUNK), -(-len(requests) // _MAX_CHUNKS))
    return [requests[i : i + size] for i in range(0, len(requests), size)]


def _claims(tasks: int) -> Iterator[int]:
    """Chunk numbers taken from the shared pipe until it is empty (reads are atomic)."""
    while data := os.read(tasks, _TASK.size):
        yield _TASK.unpack(data)[0]


def _read_chunk(chunk: Sequence[Request], limits: Limits) -> bytes:
    """A chunk as a worker sends it: (text, value) for a clean file, else the pickled file."""
    entries: list[Any] = []
    for path, rel, kind in chunk:
        read = read_file(path, rel, kind, limits)
        if isinstance(read, SourceFile):
            entries.append(pickle.dumps(read, pickle.HIGHEST_PROTOCOL))
        else:
            entries.append((read.text, read.value))
    return marshal.dumps(entries)


def _finish_chunk(chunk: Sequence[Request], data: bytes, limits: Limits) -> list[SourceFile]:
    sources = []
    for (_, rel, kind), entry in zip(chunk, marshal.loads(data), strict=True):
        if isinstance(entry, bytes):
            sources.append(pickle.loads(entry))
        else:
            sources.append(finish(ParsedYaml(entry[1], None, entry[0]), rel, kind, limits))
    return sources


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _work(chunks: list[Sequence[Request]], limits: Limits, tasks: int, out: int) -> None:
    """A worker: take chunks until none are left, send each one back."""
    for index in _claims(tasks):
        try:
            data = _read_chunk(chunks[index], limits)
        except BaseException as exc:  # the parent reports it: no traceback from here
            message = f"{type(exc).__name__}: {exc}".encode()
            _write(out, _FRAME.pack(-1, len(message)) + message)
            return
        _write(out, _FRAME.pack(index, len(data)) + data)


class _Worker:
    """A forked worker as this process sees it: its pid and the pipe it sends on."""

    def __init__(self, chunks: list[Sequence[Request]], limits: Limits, tasks: int) -> None:
        read, write = os.pipe()
        try:
            import fcntl

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except (ImportError, AttributeError, OSError):
            pass  # the default buffer works too; the worker waits more often
        self.pid = os.fork()
        if self.pid == 0:  # the worker: nothing of this process's may run in it
            code = 0
            try:
                os.close(read)
                _work(chunks, limits, tasks, write)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self.fd = read
        self.buffer = bytearray()
        self.open = True

    def receive(self) -> Iterator[tuple[int, bytes]]:
        """Read what the pipe holds; yield each message complete by now."""
        data = os.read(self.fd, _PIPE_BYTES)
        if not data:
            self.open = False
        self.buffer += data
        while len(self.buffer) >= _FRAME.size:
            index, length = _FRAME.unpack_from(self.buffer)
            end = _FRAME.size + length
            if len(self.buffer) < end:
                break
            message = bytes(self.buffer[_FRAME.size : end])
            del self.buffer[:end]
            if index < 0:
                raise RuntimeError(
                    f"a worker process failed while loading files: {message.decode()}"
                )
            yield index, message

    def close(self) -> None:
        os.close(self.fd)
        try:
            if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
        except OSError:
            pass


def _parallel(
    requests: Sequence[Request], limits: Limits, workers: int, progress: Progress | None
) -> list[SourceFile]:
    """This process and `workers - 1` forked ones take chunks as they come.

    The parent loads too: what it loads needs no trip between processes, and taking
    chunks as they come evens out a core that another program keeps busy.
    """
    chunks = _chunks(requests, workers)
    tasks, feed = os.pipe()
    _write(feed, b"".join(_TASK.pack(i) for i in range(len(chunks))))
    os.close(feed)  # the pipe ends once every chunk is taken
    helpers: list[_Worker] = []
    loaded: dict[int, list[SourceFile]] = {}

    def tell() -> None:
        if progress is not None:
            progress(sum(len(c) for c in loaded.values()), len(requests))

    def receive(timeout: float) -> None:
        ready, _, _ = select.select([h.fd for h in helpers if h.open], [], [], timeout)
        for helper in helpers:
            if helper.fd in ready:
                for index, data in helper.receive():
                    loaded[index] = _finish_chunk(chunks[index], data, limits)
                    tell()

    try:
        for _ in range(workers - 1):
            helpers.append(_Worker(chunks, limits, tasks))
        for index in _claims(tasks):
            loaded[index] = [
                load_file(path, rel, kind, limits) for path, rel, kind in chunks[index]
            ]
            tell()
            receive(0)
        while len(loaded) < len(chunks):
            if not any(h.open for h in helpers):
                raise RuntimeError("a worker process died while loading files")
            receive(_POLL)
    finally:
        os.close(tasks)
        for helper in helpers:
            helper.close()
    return [source for i in range(len(chunks)) for source in loaded[i]]
