"""Many Graphviz pictures from one `dot` set up once and forked per picture (gvzygote.py).

Starting `dot` costs most of a small picture: linking its libraries, loading its plugins,
reading the font configuration. `gvzygote.py` does that once, in a process of its own,
and forks a copy for each picture, so each is drawn by a `dot` as fresh as one started
for it alone: the very bytes. Used on Linux, for the system `dot`, when its libraries can
be found (the dynamic linker lists them: `LD_TRACE_LOADED_OBJECTS`). The first picture of
each batch is also drawn by a `dot` of its own, and the batch goes back to one `dot` per
picture if the two differ (`Zygote.trusted`).

The process starts through `setpriv --pdeathsig` like every Graphviz run, and ends with
its parent; its copies end with it. Pictures travel through files in a private temporary
folder (in `/dev/shm` where it can be), removed by `close()`.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journeykit.render.engine import Engine, RenderError, Run, failure, too_slow
from journeykit.run.lifeline import child_setup, spawn_prefix

SCRIPT = Path(__file__).with_name("gvzygote.py")
_READY_TIMEOUT = 10.0
_TRACE_TIMEOUT = 5.0
_LIBRARY = re.compile(rb"^\s*(lib(?:gvc|cgraph)\.so\S*) => (/\S+) \(0x[0-9a-f]+\)$", re.M)
_found: dict[str, tuple[str, str] | None] = {}


def libraries(engine: Engine) -> tuple[str, str] | None:
    """The libgvc and libcgraph that `engine` links, as the dynamic linker finds them."""
    if engine.name != "dot" or not sys.platform.startswith("linux"):
        return None
    if not hasattr(os, "pidfd_open") or not hasattr(os, "readv"):
        return None
    if engine.path not in _found:
        _found[engine.path] = _trace(engine.path)
    return _found[engine.path]


def _trace(path: str) -> tuple[str, str] | None:
    env = dict(os.environ, LD_TRACE_LOADED_OBJECTS="1")
    try:
        done = subprocess.run(
            [path], stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=_TRACE_TIMEOUT
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = {name.split(b".so")[0]: where for name, where in _LIBRARY.findall(done.stdout)}
    gvc, cgraph = found.get(b"libgvc"), found.get(b"libcgraph")
    if done.returncode != 0 or gvc is None or cgraph is None:
        return None
    return os.fsdecode(gvc), os.fsdecode(cgraph)


class Zygote:
    """The process that forks `dot`s; `start` gives None where it cannot be had."""

    def __init__(
        self, engine: Engine, fmt: str, process: subprocess.Popen[bytes], folder: str
    ) -> None:
        self.engine = engine
        self.fmt = fmt
        self.folder = folder
        self._process = process
        self.pid = process.pid
        """The process (its `setpriv` prefix, if any, has become it)."""
        self._answers: dict[int, str] = {}
        self._unsent = b""
        self._read = b""
        self._timeouts: dict[int, float] = {}
        self._next = 0
        self.trusted: bool | None = None
        """None until the first picture is checked against a `dot` of its own."""
        self._check: tuple[int, Run] | None = None
        assert process.stdin is not None and process.stdout is not None
        os.set_blocking(process.stdin.fileno(), False)

    @classmethod
    def start(cls, engine: Engine, fmt: str, parallel: int) -> Zygote | None:
        found = libraries(engine)
        if found is None:
            return None
        # In memory where there is such a folder: creating 2,000 small files on a busy
        # disk took 3 s of a cold report.
        shm = "/dev/shm" if os.access("/dev/shm", os.W_OK | os.X_OK) else None
        folder = tempfile.mkdtemp(prefix="journeykit-dot-", dir=shm)
        prefix = spawn_prefix()
        # Python's buffering of C's stdio (PYTHONUNBUFFERED) and its locale coercion
        # would reach Graphviz: the script runs with neither.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONCOERCECLOCALE"] = "0"
        command = [sys.executable, "-s", "-S", str(SCRIPT), *found, fmt, folder, str(parallel)]
        try:
            process = subprocess.Popen(
                [*prefix, *command],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                preexec_fn=None if prefix else child_setup(),
            )
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        zygote = cls(engine, fmt, process, folder)
        if zygote._line(time.monotonic() + _READY_TIMEOUT) != "ready":
            zygote.close()
            return None
        return zygote

    def submit(self, source: str, timeout: float) -> int:
        """Start drawing `source`; the job's number, for `wait`."""
        job = self._next
        self._next += 1
        Path(self.folder, f"{job}.in").write_bytes(source.encode("utf-8"))
        self._timeouts[job] = timeout
        self._unsent += f"{job} {max(1, round(timeout * 1000))}\n".encode("ascii")
        if self.trusted is None and self._check is None:
            self._check = (job, Run(self.engine, source, [f"-T{self.fmt}"], timeout))
        self._send()
        return job

    def wait(self, job: int) -> bytes:
        """The picture of `job`, or its RenderError; raises Untrusted if the check failed
        or the process died."""
        if self.trusted is None:
            self._settle()
        if not self.trusted:
            raise Untrusted
        return self._outcome(job)

    def close(self) -> None:
        """End the process (which ends the copies still drawing) and remove the files."""
        if self._check is not None:
            self._check[1].cancel()
            self._check = None
        with contextlib.suppress(OSError):
            assert self._process.stdin is not None
            self._process.stdin.close()
        try:
            self._process.wait(1.0)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        finally:
            assert self._process.stdout is not None
            self._process.stdout.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _settle(self) -> None:
        assert self._check is not None
        job, run = self._check
        self._check = None
        try:
            expected: bytes | str = run.wait()[0]
        except RenderError as exc:
            expected = str(exc)
        try:
            got: bytes | str = self._outcome(job, keep=True)
        except RenderError as exc:
            got = str(exc)
        self.trusted = got == expected

    def _outcome(self, job: int, keep: bool = False) -> bytes:
        timeout = self._timeouts[job]
        while job not in self._answers:
            line = self._line(None)
            if line is None:  # it died: the pictures it still owed are drawn one by one
                raise Untrusted
            number, _, how = line.partition(" ")
            self._answers[int(number)] = how
        how = self._answers[job] if keep else self._answers.pop(job)
        stem = os.path.join(self.folder, str(job))
        try:
            out = Path(stem + ".out").read_bytes()
            err = Path(stem + ".err").read_bytes().decode("utf-8", "replace")
        except OSError:
            out, err = b"", ""
        if not keep:
            self._timeouts.pop(job, None)
            for suffix in (".in", ".out", ".err"):
                with contextlib.suppress(OSError):
                    os.unlink(stem + suffix)
        if how == "timeout":
            raise too_slow(self.engine, timeout)
        kind, _, number = how.partition(" ")
        code = int(number) if kind == "exit" else -int(number)
        if code != 0 or not out:
            raise failure(self.engine, code, err)
        return out

    def _send(self) -> None:
        assert self._process.stdin is not None
        while self._unsent:
            try:
                sent = os.write(self._process.stdin.fileno(), self._unsent)
            except BlockingIOError:
                return
            except OSError:
                self._unsent = b""
                return
            self._unsent = self._unsent[sent:]

    def _line(self, deadline: float | None) -> str | None:
        """The next line the process says; None at its end or past `deadline`."""
        assert self._process.stdout is not None
        fd = self._process.stdout.fileno()
        while b"\n" not in self._read:
            self._send()
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            assert self._process.stdin is not None
            writing = [self._process.stdin.fileno()] if self._unsent else []
            ready = select.select([fd], writing, [], left)[0]
            if not ready:
                if deadline is not None and time.monotonic() >= deadline:
                    return None
                continue
            data = os.read(fd, 65536)
            if not data:
                return None
            self._read += data
        line, _, self._read = self._read.partition(b"\n")
        return line.decode("ascii", "replace")


class Untrusted(Exception):
    """The zygote's picture differed from `dot`'s own: draw with one `dot` each instead."""
