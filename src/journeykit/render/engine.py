"""Running Graphviz: find an engine, lay out with a timeout, check what comes back.

The system `dot` is the standard. Without it, the pure-Rust `graphviz-pure` command from
PyPI (`pip install journeykit[pure]`) renders SVG and PNG. Each run is a subprocess with
a timeout, so a pathological graph cannot hang a CI job. `render.batch.Batch` starts
several runs at once and collects them later.
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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from journeykit.run.lifeline import child_setup, spawn_prefix

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
        return frozenset({"svg", "png", "pdf", "json"})  # json: the layout, for render.sizes


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
            raise too_slow(self.engine, self.timeout) from None
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
            raise failure(self.engine, code, stderr)
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


def too_slow(engine: Engine, timeout: float) -> RenderError:
    return RenderError(
        f"{engine.name} did not finish within {timeout:g} s; the graph is too "
        "large to lay out (try --persona to render a part of it, or raise --timeout)"
    )


def failure(engine: Engine, code: int, stderr: str) -> RenderError:
    """A run that ended with `code` (negative: killed by that signal), or wrote nothing."""
    detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
    return RenderError(f"{engine.name} failed (exit {code}): {detail}")


def _run(engine: Engine, source: str, args: list[str], timeout: float) -> tuple[bytes, str]:
    return Run(engine, source, args, timeout).wait()


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
