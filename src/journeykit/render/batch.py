"""Many Graphviz runs of one format, started together and collected later.

A `Batch` starts several runs at once, so Graphviz lays out while Python does other work.
From `ZYGOTE_MIN` pictures on, they are drawn by copies of one `dot` set up once
(`render.zygote`), where that can be had; else each by a `dot` of its own
(`engine.Run`). Either way each picture is the bytes `dot -Tfmt` writes for it alone.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from journeykit.render.engine import DEFAULT_TIMEOUT, RenderError, Run, require_engine

if TYPE_CHECKING:
    from journeykit.render.picture_cache import PictureCache
    from journeykit.render.zygote import Zygote

ZYGOTE_MIN = 8
"""Below this many pictures, setting a `dot` up to be forked costs more than it saves."""

Source = str | Callable[[], str]
_Running = tuple["Run | int", str | None, str]
"""A picture being drawn: its run (an `engine.Run`, or a zygote's job), cache entry, DOT."""


class Batch:
    """Runs of one format, started in the order added, while the caller goes on working.

    `add` starts a run at once when a slot is free (`parallel`, default the cores, plus
    `ahead` handed to Graphviz to start as soon as a core is free); `result` waits for one
    (starting the queued runs before it as slots free up) and raises its RenderError.
    Sources may be given as functions, so a queued picture's DOT is built only when its
    run is handed over. `close()` (or leaving the `with` block) stops whatever still
    runs. With a `cache`, a picture found there runs nothing, and one drawn is stored.
    """

    def __init__(
        self,
        fmt: str,
        timeout: float = DEFAULT_TIMEOUT,
        parallel: int = 0,
        cache: PictureCache | None = None,
        ahead: int = 0,
    ) -> None:
        if fmt == "png":
            raise ValueError("a batch renders svg or pdf; png needs render_dot's size checks")
        self.engine = require_engine(fmt)
        self.fmt = fmt
        self.timeout = timeout
        self.parallel = parallel or max(2, os.cpu_count() or 2)
        self.ahead = ahead
        self.cache = cache
        self._queued: deque[tuple[Hashable, Source]] = deque()
        self._running: dict[Hashable, _Running] = {}
        self._done: dict[Hashable, bytes | RenderError] = {}
        self._added: set[Hashable] = set()
        self._zygote: Zygote | None = None
        self._zygote_tried = False

    def add(self, key: Hashable, source: Source) -> None:
        if key in self._added:
            raise ValueError(f"{key!r} was already added")
        self._added.add(key)
        self._queued.append((key, source))
        self._fill()

    def result(self, key: Hashable) -> bytes:
        if key not in self._added:
            raise KeyError(key)
        while key not in self._done:
            self._collect(key if key in self._running else next(iter(self._running)))
            self._fill()
        done = self._done.pop(key)
        self._added.discard(key)
        if isinstance(done, RenderError):
            raise done
        return done

    @property
    def forked(self) -> bool:
        """Whether pictures are drawn by copies of one `dot` (`render.zygote`) now."""
        return self._zygote is not None

    def close(self) -> None:
        self._queued.clear()
        for run, _, _ in self._running.values():
            if isinstance(run, Run):
                run.cancel()
        self._running.clear()
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fill(self) -> None:
        self._start_zygote()
        room = self.parallel + (self.ahead if self._zygote is not None else 0)
        while self._queued and len(self._running) < room:
            key, source = self._queued.popleft()
            text = source if isinstance(source, str) else source()
            entry, cached = self.cache.find(self.engine, text, self.fmt) if self.cache else _NONE
            if cached is not None:
                self._done[key] = cached
                continue
            if self._zygote is not None:
                self._running[key] = (self._zygote.submit(text, self.timeout), entry, text)
                continue
            try:
                run = Run(self.engine, text, [f"-T{self.fmt}"], self.timeout)
            except RenderError as exc:
                self._done[key] = exc
                continue
            self._running[key] = (run, entry, text)

    def _start_zygote(self) -> None:
        if self._zygote_tried or len(self._queued) + len(self._running) < ZYGOTE_MIN:
            return
        self._zygote_tried = True
        from journeykit.render.zygote import Zygote

        self._zygote = Zygote.start(self.engine, self.fmt, self.parallel)

    def _collect(self, key: Hashable) -> None:
        from journeykit.render.zygote import Untrusted

        run, entry, _ = self._running[key]
        try:
            data = run.wait()[0] if isinstance(run, Run) else self._wait(run)
        except RenderError as exc:
            del self._running[key]
            self._done[key] = exc
            return
        except Untrusted:
            self._distrust()
            return
        del self._running[key]
        self._done[key] = data
        if self.cache and entry:
            self.cache.put(entry, data)

    def _wait(self, job: int) -> bytes:
        assert self._zygote is not None
        return self._zygote.wait(job)

    def _distrust(self) -> None:
        """The zygote drew a picture unlike `dot`'s own: each picture gets its `dot` now."""
        assert self._zygote is not None
        self._zygote.close()
        self._zygote = None
        again = [(key, text) for key, (_, _, text) in self._running.items()]
        self._running.clear()
        self._queued.extendleft(reversed(again))
        self._fill()


_NONE: tuple[None, None] = (None, None)
