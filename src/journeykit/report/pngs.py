"""The report's PNG pictures: `journeykit render -f png`'s bytes, for slide tools.

A PNG is a Graphviz run of its own (cairo draws it 5 to 25 times slower than the SVG), so
the runs start as the pictures are handed over, one per core at a time, and go on while
the pages are built; each is collected when its page asks for it. Runs are subprocesses
the caller can stop (`close()`), not threads: Ctrl-C ends them at once.

Cairo cannot draw a side beyond 32,767 pixels and silently shrinks such a picture: a PNG
is drawn at `engine.PNG_DPI` and, should it come out too large, drawn again by
`engine.render_dot`, which lowers the resolution to fit (or says it cannot be a PNG).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from journeykit.render.engine import (
    MAX_PNG_SIDE,
    PNG_DPI,
    RenderError,
    Run,
    png_size,
    render_dot,
    require_engine,
)

if TYPE_CHECKING:
    from journeykit.render.picture_cache import PictureCache

_ARGS = [f"-Gdpi={PNG_DPI}", "-Tpng"]
"""As `render_dot` runs a PNG, so that the bytes are the same."""
_Running = tuple[Run, str | None, str]


class Pngs:
    """PNG runs in the order added, `parallel` (default: the cores) at a time.

    `result` waits for one (starting the queued runs before it as slots free up) and
    raises its RenderError. With a `cache`, a picture found there runs nothing, and one
    drawn is stored (the same entries as `journeykit render -f png`'s).
    """

    def __init__(
        self, timeout: float, cache: PictureCache | None = None, parallel: int = 0
    ) -> None:
        self.engine = require_engine("png")
        self.timeout = timeout
        self.cache = cache
        self.parallel = parallel or max(2, os.cpu_count() or 2)
        self._queued: deque[tuple[Hashable, Callable[[], str]]] = deque()
        self._running: dict[Hashable, _Running] = {}
        self._done: dict[Hashable, bytes | RenderError] = {}

    def add(self, key: Hashable, source: Callable[[], str]) -> None:
        self._queued.append((key, source))
        self._fill()

    def result(self, key: Hashable) -> bytes:
        while key not in self._done:
            if key not in self._running and not self._running:
                raise KeyError(key)
            self._collect(key if key in self._running else next(iter(self._running)))
            self._fill()
        done = self._done.pop(key)
        if isinstance(done, RenderError):
            raise done
        return done

    def close(self) -> None:
        """Stop the runs still going; the queued ones never start. Safe to call again."""
        self._queued.clear()
        for run, _, _ in self._running.values():
            run.cancel()
        self._running.clear()

    def _fill(self) -> None:
        while self._queued and len(self._running) < self.parallel:
            key, source = self._queued.popleft()
            text = source()
            entry, cached = self.cache.find(self.engine, text, "png") if self.cache else _NONE
            if cached is not None:
                self._done[key] = cached
                continue
            try:
                self._running[key] = (Run(self.engine, text, _ARGS, self.timeout), entry, text)
            except RenderError as exc:
                self._done[key] = exc

    def _collect(self, key: Hashable) -> None:
        run, entry, text = self._running.pop(key)
        try:
            data, stderr = run.wait()
            if "too large for cairo" in stderr or max(png_size(data)) >= MAX_PNG_SIDE:
                data = render_dot(text, "png", self.timeout)
        except RenderError as exc:
            self._done[key] = exc
            return
        self._done[key] = data
        if self.cache and entry:
            self.cache.put(entry, data)


_NONE: tuple[None, None] = (None, None)
