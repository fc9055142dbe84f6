"""Running Graphviz: find an engine, lay out with a timeout, check what comes back.

The system `dot` is the standard. Without it, the pure-Rust `graphviz-pure` command from
PyPI (`pip install journeykit[pure]`) renders SVG and PNG. Each run is a subprocess with
a timeout, so a pathological graph cannot hang a CI job. A `Batch` starts several runs at
once and collects them later, so Graphviz lays out while Python does other work.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from journeykit.run.lifeline import child_setup, spawn_prefix

if TYPE_CHECKING:
    from journeykit.render.picture_cache import PictureCache

DEFAULT_TIMEOUT = 60.0
PNG_DPI = 144
"""Sharp on high-density screens and slides; lowered when an image would be too wide."""
MAX_PNG_SIDE = 32_767
"""Cairo's limit: beyond it Graphviz silently scales the whole picture down."""

_INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install "
    "graphviz`) or the pure-Python fallback with `pip install 'journeykit[pure]'`"
)


class RenderError(Exception):
    """Rendering failed: no engine, a timeout, or an engine error. The CLI exits 2."""


@dataclass(frozen=True, slots=True)
class Engine:
    path: str
    name: str
    """`dot` or `graphviz-pure`."""

    @property
    def formats(self) -> frozenset[str]:
        if self.name == "graphviz-pure":
            return frozenset({"svg", "png"})
        return frozenset({"svg", "png", "pdf"})


def find_engine() -> Engine | None:
    """`$JOURNEYKIT_DOT`, then `dot` on PATH, then `graphviz-pure` (PATH or this venv)."""
    override = os.environ.get("JOURNEYKIT_DOT")
    if override:
        found = shutil.which(override)
        if found:
            name = "graphviz-pure" if "graphviz-pure" in Path(found).name else "dot"
            return Engine(found, name)
    dot = shutil.which("dot")
    if dot:
        return Engine(dot, "dot")
    pure = shutil.which("graphviz-pure") or shutil.which(
        "graphviz-pure", path=str(Path(sys.executable).parent)
    )
    if pure:
        return Engine(pure, "graphviz-pure")
    return None


def require_engine(fmt: str) -> Engine:
    engine = find_engine()
    if engine is None:
        raise RenderError(f"rendering {fmt} needs Graphviz, which was not found: {_INSTALL_HINT}")
    if fmt not in engine.formats:
        raise RenderError(
            f"{engine.name} cannot write {fmt}; install Graphviz's `dot` for {fmt} "
            "(Debian/Ubuntu: `apt-get install graphviz`) or choose svg or png"
        )
    return engine


_NONE: tuple[None, None] = (None, None)
_TOO_LARGE = re.compile(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.]+)")


class Run:
    """One engine run, started at once; `wait()` collects its output or raises RenderError.

    The input and the output go through unnamed temporary files, not pipes: the engine
    never stalls on a full pipe while Python is busy elsewhere, and no thread has to pump
    it. The timeout counts from the start.
    """

    def __init__(self, engine: Engine, source: str, args: list[str], timeout: float) -> None:
        self.engine = engine
        self.timeout = timeout
        self._files: list[IO[bytes]] = []
        try:
            # They outlive this method: wait() or cancel() closes them.
            self._out = tempfile.TemporaryFile()  # noqa: SIM115
            self._files.append(self._out)
            self._err = tempfile.TemporaryFile()  # noqa: SIM115
            self._files.append(self._err)
            # Graphviz ends with journeykit, even when that is killed outright.
            prefix = spawn_prefix()
            with tempfile.TemporaryFile() as stdin:
                stdin.write(source.encode("utf-8"))
                stdin.seek(0)
                self._process = subprocess.Popen(
                    [*prefix, engine.path, *args],
                    stdin=stdin,
                    stdout=self._out,
                    stderr=self._err,
                    preexec_fn=None if prefix else child_setup(),
                )
        except OSError as exc:
            self._close()
            raise RenderError(f"cannot run {engine.path}: {exc.strerror}") from None
        self._deadline = time.monotonic() + timeout

    def wait(self) -> tuple[bytes, str]:
        """(output, standard error) of a run that succeeded."""
        try:
            self._process.wait(max(0.0, self._deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.cancel()
            raise RenderError(
                f"{self.engine.name} did not finish within {self.timeout:g} s; the graph is too "
                "large to lay out (try --persona to render a part of it, or raise --timeout)"
            ) from None
        except BaseException:
            self.cancel()
            raise
        try:
            self._out.seek(0)
            self._err.seek(0)
            out, err = self._out.read(), self._err.read()
        finally:
            self._close()
        stderr = err.decode("utf-8", "replace")
        code = self._process.returncode
        if code != 0 or not out:
            detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
            raise RenderError(f"{self.engine.name} failed (exit {code}): {detail}")
        return out, stderr

    def cancel(self) -> None:
        """Stop the run if it still goes on; its output is dropped."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._close()

    def _close(self) -> None:
        for handle in self._files:
            handle.close()


def _run(engine: Engine, source: str, args: list[str], timeout: float) -> tuple[bytes, str]:
    return Run(engine, source, args, timeout).wait()


class Batch:
    """Runs of one format, started in the order added, while the caller goes on working.

    `add` starts a run at once when a slot is free (`parallel`, default the cores);
    `result` waits for one (starting the queued runs before it as slots free up) and
    raises its RenderError. Sources may be given as functions, so a queued picture's DOT
    is built only when its run starts. `close()` (or leaving the `with` block) stops
    whatever still runs. With a `cache`, a picture found there runs nothing, and one
    drawn is stored.
    """

    def __init__(
        self,
        fmt: str,
        timeout: float = DEFAULT_TIMEOUT,
        parallel: int = 0,
        cache: PictureCache | None = None,
    ) -> None:
        if fmt == "png":
            raise ValueError("a batch renders svg or pdf; png needs render_dot's size checks")
        self.engine = require_engine(fmt)
        self.fmt = fmt
        self.timeout = timeout
        self.parallel = parallel or max(2, os.cpu_count() or 2)
        self.cache = cache
        self._queued: deque[tuple[Hashable, str | Callable[[], str]]] = deque()
        self._running: dict[Hashable, tuple[Run, str | None]] = {}
        self._done: dict[Hashable, bytes | RenderError] = {}
        self._added: set[Hashable] = set()

    def add(self, key: Hashable, source: str | Callable[[], str]) -> None:
        if key in self._added:
            raise ValueError(f"{key!r} was already added")
        self._added.add(key)
        self._queued.append((key, source))
        self._fill()

    def result(self, key: Hashable) -> bytes:
        if key not in self._added:
            raise KeyError(key)
        while key not in self._done and key not in self._running:
            self._collect(next(iter(self._running)))
            self._fill()
        if key in self._running:
            self._collect(key)
            self._fill()
        done = self._done.pop(key)
        self._added.discard(key)
        if isinstance(done, RenderError):
            raise done
        return done

    def close(self) -> None:
        self._queued.clear()
        for run, _ in self._running.values():
            run.cancel()
        self._running.clear()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fill(self) -> None:
        while self._queued and len(self._running) < self.parallel:
            key, source = self._queued.popleft()
            text = source if isinstance(source, str) else source()
            entry, cached = self.cache.find(self.engine, text, self.fmt) if self.cache else _NONE
            if cached is not None:
                self._done[key] = cached
                continue
            try:
                run = Run(self.engine, text, [f"-T{self.fmt}"], self.timeout)
            except RenderError as exc:
                self._done[key] = exc
                continue
            self._running[key] = (run, entry)

    def _collect(self, key: Hashable) -> None:
        run, entry = self._running.pop(key)
        try:
            self._done[key] = data = run.wait()[0]
        except RenderError as exc:
            self._done[key] = exc
            return
        if self.cache and entry:
            self.cache.put(entry, data)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise RenderError("the engine did not return a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def render_dot(source: str, fmt: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Lay out DOT `source` and return the `fmt` (svg, png, pdf) bytes."""
    engine = require_engine(fmt)
    if fmt != "png":
        data, _ = _run(engine, source, [f"-T{fmt}"], timeout)
        return data
    dpi = PNG_DPI
    data, stderr = _run(engine, source, [f"-Gdpi={dpi}", "-Tpng"], timeout)
    scaled = _TOO_LARGE.search(stderr)
    if scaled or max(png_size(data)) >= MAX_PNG_SIDE:
        # Fall back to a lower resolution once; below 72 dpi text is unreadable, and a
        # silently shrunken picture is worse than a clear error.
        factor = float(scaled.group(1)) if scaled else MAX_PNG_SIDE / max(png_size(data))
        dpi = int(PNG_DPI * factor * 0.98)
        if dpi < 72:
            raise RenderError(
                "the picture is too large for a PNG (over 32,767 pixels); "
                "render it as svg or pdf, or filter it with --persona"
            )
        data, stderr = _run(engine, source, [f"-Gdpi={dpi}", "-Tpng"], timeout)
        if _TOO_LARGE.search(stderr) or max(png_size(data)) >= MAX_PNG_SIDE:
            raise RenderError("the picture is too large for a PNG; render it as svg or pdf")
    return data
