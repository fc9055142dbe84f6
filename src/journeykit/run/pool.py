"""Loading many files on several cores: forked workers, results in the order asked for.

Parsing is nearly all of a big run's time and every file parses on its own, so forked
processes (they share the imported modules, nothing is imported again) and this one
read contiguous chunks of the file list, each process taking the next chunk nobody has
taken from a pipe of chunk numbers. A worker sends back what the fast path read, the
text and the plain values, with `marshal` (C-fast both ways, where pickling pydantic
models cost more than validating them again), and this process builds the models. A
file with findings travels pickled and whole, without its node tree (see
`SourceFile.root`).

A worker writes each chunk to a file of its own (unlinked) and sends only its number and
length down a pipe. A pipe holds at most a megabyte: while this process was still
importing pydantic, a worker sending through it stopped after four chunks and waited,
~100 ms of a 1,000-file run.

Nothing here imports pydantic until the results are collected: a `Pool` made first
thing parses on the other cores while this process imports the models.
"""

from __future__ import annotations

import marshal
import os
import pickle
import select
import struct
import tempfile
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from journeykit.collector import paused_gc
from journeykit.loader.limits import Limits
from journeykit.loader.positions import Positions
from journeykit.loader.reading import clean, read_parsed
from journeykit.loader.yamlread import ParsedYaml
from journeykit.run.forked import reap, write_all
from journeykit.run.lifeline import forked_setup
from journeykit.run.options import Progress, Request
from journeykit.run.workers import worker_count

if TYPE_CHECKING:
    from journeykit.loader.source import SourceFile

_CHUNKS_PER_JOB = 16
"""Small chunks even out the end (the last one to finish holds the others up)."""
_MAX_CHUNK = 64
_TASK = struct.Struct("<H")
_MAX_CHUNKS = 16_000
"""Chunk numbers are written to a pipe before forking: they must fit in its buffer."""
_FRAME = struct.Struct("<iI")
"""A worker's message: the chunk number (-1: an error) and the length of its data, which
follows in the worker's data file (an error's text follows in the pipe)."""
_READ = 1 << 16
_POLL = 0.5
"""Seconds between checks that the workers are still alive while waiting for them."""


def _chunks(requests: Sequence[Request], workers: int) -> list[Sequence[Request]]:
    size = -(-len(requests) // (workers * _CHUNKS_PER_JOB))
    size = max(1, min(size, _MAX_CHUNK), -(-len(requests) // _MAX_CHUNKS))
    return [requests[i : i + size] for i in range(0, len(requests), size)]


def _claims(tasks: int) -> Iterator[int]:
    """Chunk numbers taken from the shared pipe until it is empty (reads are atomic)."""
    while data := os.read(tasks, _TASK.size):
        yield _TASK.unpack(data)[0]


def _read_chunk(chunk: Sequence[Request], limits: Limits, located: bool) -> bytes:
    """A chunk as a worker sends it: (text, value[, positions]) for a clean file, else the
    pickled file.

    Only a file with findings needs the models (and imports them, once, in the worker).
    """
    entries: list[Any] = []
    for path, rel, kind in chunk:
        parsed = read_parsed(path, rel, limits, located=located)
        if clean(parsed):
            entry = (parsed.text, parsed.value)
            noted = parsed.positions
            entries.append(entry if noted is None else (*entry, noted.to_data()))
        else:
            from journeykit.loader.source import finish

            source = finish(parsed, rel, kind, limits)
            entries.append(pickle.dumps(source, pickle.HIGHEST_PROTOCOL))
    return marshal.dumps(entries)


def _finish_chunk(chunk: Sequence[Request], data: bytes, limits: Limits) -> list[SourceFile]:
    from journeykit.loader.source import finish

    sources = []
    for (_, rel, kind), entry in zip(chunk, marshal.loads(data), strict=True):
        if isinstance(entry, bytes):
            sources.append(pickle.loads(entry))
        else:
            noted = Positions.from_data(entry[2]) if len(entry) > 2 else None
            parsed = ParsedYaml(entry[1], None, entry[0], positions=noted)
            sources.append(finish(parsed, rel, kind, limits))
    return sources


def _work(
    chunks: list[Sequence[Request]],
    limits: Limits,
    tasks: int,
    out: int,
    spill: int,
    located: bool,
) -> None:
    """A worker: take chunks until none are left; each goes to `spill`, its frame to `out`."""
    for index in _claims(tasks):
        try:
            data = _read_chunk(chunks[index], limits, located)
        except BaseException as exc:  # the parent reports it: no traceback from here
            message = f"{type(exc).__name__}: {exc}".encode()
            write_all(out, _FRAME.pack(-1, len(message)) + message)
            return
        write_all(spill, data)
        write_all(out, _FRAME.pack(index, len(data)))


def _spill_file() -> int:
    """A file descriptor for a worker's data: an unlinked temporary file.

    A file in memory (memfd) measured the same within noise, and no less CPU."""
    with tempfile.TemporaryFile() as spill:
        return os.dup(spill.fileno())


class _Worker:
    """A forked worker as this process sees it: its pid, its pipe and its data file."""

    def __init__(
        self, chunks: list[Sequence[Request]], limits: Limits, tasks: int, located: bool
    ) -> None:
        self.spill = _spill_file()
        try:
            read, write = os.pipe()
        except OSError:
            os.close(self.spill)
            raise
        setup = forked_setup()
        try:
            self.pid = os.fork()
        except OSError:
            for fd in (read, write, self.spill):
                os.close(fd)
            raise
        if self.pid == 0:  # the worker: nothing of this process's may run in it
            code = 0
            try:
                setup()  # ends with this process, even one killed outright
                os.close(read)
                with paused_gc():
                    _work(chunks, limits, tasks, write, self.spill, located)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self.fd = read
        self.buffer = bytearray()
        self.offset = 0
        self.open = True

    def receive(self) -> Iterator[tuple[int, bytes]]:
        """Read what the pipe holds; yield each chunk whose frame is complete by now."""
        data = os.read(self.fd, _READ)
        if not data:
            self.open = False
        self.buffer += data
        while len(self.buffer) >= _FRAME.size:
            index, length = _FRAME.unpack_from(self.buffer)
            if index < 0:
                end = _FRAME.size + length
                if len(self.buffer) < end and self.open:
                    break
                message = bytes(self.buffer[_FRAME.size : end]).decode(errors="replace")
                raise RuntimeError(f"a worker process failed while loading files: {message}")
            del self.buffer[: _FRAME.size]
            yield index, self._read(length)

    def _read(self, length: int) -> bytes:
        """The next `length` bytes the worker wrote to its data file."""
        parts = []
        while length:
            part = os.pread(self.spill, length, self.offset)
            if not part:
                raise RuntimeError("a worker process's data ended early")
            parts.append(part)
            self.offset += len(part)
            length -= len(part)
        return b"".join(parts)

    def close(self) -> None:
        os.close(self.fd)
        os.close(self.spill)
        reap(self.pid)


def start_pool(
    requests: Sequence[Request], limits: Limits, jobs: int | None, *, located: bool = False
) -> Pool | None:
    """A pool loading `requests` when `jobs` allow more than one process, else None (also
    when no fork, pipe or spill file is to be had: the caller loads the files itself).
    `located`: as `load_file` has it."""
    workers = worker_count(len(requests), jobs)
    if workers <= 1:
        return None
    try:
        return Pool(requests, limits, workers, located)
    except OSError:
        return None


class Pool:
    """Files loading on `workers - 1` forked processes from the moment it is made.

    `collect` has this process load too, taking chunks as they come: what it loads
    needs no trip between processes, and taking chunks as they come evens out a core
    that another program keeps busy. Until then the workers have the cores to
    themselves, so a pool made before pydantic is imported parses while it is.
    """

    def __init__(
        self, requests: Sequence[Request], limits: Limits, workers: int, located: bool = False
    ) -> None:
        self.requests = requests
        self.limits = limits
        self.located = located
        self.chunks = _chunks(requests, workers)
        self._tasks, feed = os.pipe()
        write_all(feed, b"".join(_TASK.pack(i) for i in range(len(self.chunks))))
        os.close(feed)  # the pipe ends once every chunk is taken
        self._helpers: list[_Worker] = []
        try:
            for _ in range(workers - 1):
                self._helpers.append(_Worker(self.chunks, limits, self._tasks, located))
        except BaseException:
            self.close()
            raise

    def loads(self, requests: Sequence[Request], limits: Limits, located: bool) -> bool:
        """Whether this pool loads these files as asked."""
        return (self.requests, self.limits, self.located) == (requests, limits, located)

    def collect(self, progress: Progress | None = None) -> list[SourceFile]:
        """Load the chunks nobody has taken, receive the others: every file, in order."""
        from journeykit.loader.source import load_file

        chunks, limits, helpers, located = self.chunks, self.limits, self._helpers, self.located
        loaded: dict[int, list[SourceFile]] = {}

        def tell() -> None:
            if progress is not None:
                progress(sum(len(c) for c in loaded.values()), len(self.requests))

        def receive(timeout: float) -> None:
            ready, _, _ = select.select([h.fd for h in helpers if h.open], [], [], timeout)
            for helper in helpers:
                if helper.fd in ready:
                    for index, data in helper.receive():
                        loaded[index] = _finish_chunk(chunks[index], data, limits)
                        tell()

        try:
            with paused_gc():
                for index in _claims(self._tasks):
                    loaded[index] = [
                        load_file(path, rel, kind, limits, located=located)
                        for path, rel, kind in chunks[index]
                    ]
                    tell()
                    receive(0)
                while len(loaded) < len(chunks):
                    if not any(h.open for h in helpers):
                        raise RuntimeError("a worker process died while loading files")
                    receive(_POLL)
        finally:
            self.close()
        return [source for i in range(len(chunks)) for source in loaded[i]]

    @property
    def pids(self) -> list[int]:
        """The worker processes still running or not yet reaped."""
        return [helper.pid for helper in self._helpers]

    def close(self) -> None:
        """End the workers (those still at work are killed). Safe to call again."""
        if self._tasks >= 0:
            os.close(self._tasks)
            self._tasks = -1
        for helper in self._helpers:
            helper.close()
        self._helpers = []
