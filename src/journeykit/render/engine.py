"""Running Graphviz: find an engine, lay out with a timeout, check what comes back.

The system `dot` is the standard. Without it, the pure-Rust `graphviz-pure` command from
PyPI (`pip install journeykit[pure]`) renders SVG and PNG. Each run is a subprocess with
a timeout, so a pathological graph cannot hang a CI job.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


_TOO_LARGE = re.compile(r"too large for cairo-renderer bitmaps\. Scaling by ([0-9.]+)")


def _run(engine: Engine, source: str, args: list[str], timeout: float) -> tuple[bytes, str]:
    try:
        done = subprocess.run(
            [engine.path, *args],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"{engine.name} did not finish within {timeout:g} s; the graph is too large to "
            "lay out (try --persona to render a part of it, or raise --timeout)"
        ) from None
    except OSError as exc:
        raise RenderError(f"cannot run {engine.path}: {exc.strerror}") from None
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0 or not done.stdout:
        detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
        raise RenderError(f"{engine.name} failed (exit {done.returncode}): {detail}")
    return done.stdout, stderr


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
