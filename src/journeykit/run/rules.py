"""The lint rules over a project, the journeys spread over forked copies when asked.

Each copy starts with the loaded project already in memory. The journeys are cut into
small chunks that the processes take in turn from a pipe (each copy first takes one of
its own), so a copy slowed by copying the pages it touches, or by another program on its
core, takes fewer: they end together. A copy sends each chunk's findings as it is done,
and this process takes them in between its own chunks (turning them back into findings
while the copies work, not after); it runs the project rules once its own chunks are
done, and any chunk a failed copy took. The findings, and their order, do not depend on
`jobs`.
"""

from __future__ import annotations

import marshal
import os
import struct
from collections.abc import Iterator
from functools import partial

from journeykit.checks.lint import finish, journey_findings, project_findings
from journeykit.checks.lintsettings import LintSettings
from journeykit.findings import Finding, FindingData
from journeykit.model import Journey
from journeykit.run.workers import worker_count
from journeykit.workspace.project import Located, Project

_CHUNKS_PER_PROCESS = 8
"""Small enough that the last chunk holds nobody up long, large enough that taking one
costs nothing next to it."""
_CHUNK = struct.Struct("<I")

Found = dict[str, list[Finding]]


def lint_findings(project: Project, settings: LintSettings, jobs: int | None = 1) -> list[Finding]:
    """The enabled rules' findings, on `jobs` processes (None: one per core when many)."""
    journeys = list(project.journeys.values())
    processes = worker_count(len(journeys), jobs)
    if processes <= 1:
        return finish(project, settings, [journey_findings(project, settings, journeys)])
    from journeykit.run.forked import Stream

    chunks = _chunks(journeys, processes * _CHUNKS_PER_PROCESS)
    parts: dict[int, Found] = {}
    tasks = _task_pipe(range(processes, len(chunks)))
    try:
        copies = [
            Stream(partial(_packed, project, settings, chunks, tasks, i))
            for i in range(1, processes)
        ]
        try:
            for i in _claims(tasks, 0):
                parts[i] = journey_findings(project, settings, chunks[i])
                for copy in copies:
                    parts.update(_unpacked(piece) for piece in copy.ready())
            found = project_findings(project, settings)  # while the copies end
            for copy in copies:
                parts.update(_unpacked(piece) for piece in copy.rest())
        finally:
            for copy in copies:
                copy.close()
    finally:
        os.close(tasks)
    for i, chunk in enumerate(chunks):
        if i not in parts:  # taken by a copy that failed before it sent it
            parts[i] = journey_findings(project, settings, chunk)
    return finish(project, settings, [parts[i] for i in range(len(chunks))], found)


def _chunks(journeys: list[Located[Journey]], count: int) -> list[list[Located[Journey]]]:
    """`journeys` in at most `count` contiguous parts of nearly the same size."""
    size, extra = divmod(len(journeys), max(count, 1))
    chunks, start = [], 0
    for i in range(max(count, 1)):
        end = start + size + (i < extra)
        chunks.append(journeys[start:end])
        start = end
    return [c for c in chunks if c]


def _task_pipe(numbers: range) -> int:
    """A pipe holding `numbers` for the processes to take; its read end (the write end is
    closed, so a read past the last number ends the taking)."""
    read, write = os.pipe()
    try:
        data = b"".join(_CHUNK.pack(n) for n in numbers)
        while data:  # a few hundred bytes: far below a pipe's buffer
            data = data[os.write(write, data) :]
    finally:
        os.close(write)
    return read


def _claims(tasks: int, first: int) -> Iterator[int]:
    """Chunk `first`, then the numbers taken from `tasks` until none are left (a pipe's
    small reads are atomic: no two processes take the same number)."""
    yield first
    while data := os.read(tasks, _CHUNK.size):
        yield _CHUNK.unpack(data)[0]


def _packed(
    project: Project,
    settings: LintSettings,
    chunks: list[list[Located[Journey]]],
    tasks: int,
    first: int,
) -> Iterator[bytes]:
    """A copy's work: each chunk it takes, and its findings as it sends them back."""
    for i in _claims(tasks, first):
        found = journey_findings(project, settings, chunks[i])
        yield marshal.dumps((i, {code: [f.to_data() for f in fs] for code, fs in found.items()}))


def _unpacked(data: bytes) -> tuple[int, Found]:
    i, found = marshal.loads(data)
    part: dict[str, list[FindingData]] = found
    return i, {code: [Finding.from_data(f) for f in fs] for code, fs in part.items()}
