"""Graphviz pictures for the report, started before the Python work and collected after.

Laying out a large journey takes Graphviz about as long as journeykit takes to lint it
and build its page; running both at once uses the second core instead of waiting. The
picture cache does the rest: a picture drawn before is not laid out again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.model import Journey
from journeykit.render import View, dot_source, open_cache
from journeykit.render.batch import Batch
from journeykit.render.engine import DEFAULT_TIMEOUT, RenderError
from journeykit.report.pngs import Pngs
from journeykit.workspace.project import Located, Project

if TYPE_CHECKING:
    from journeykit.render.picture_cache import PictureCache

VIEWS = (View.map, View.flow)
"""The views the report keeps as SVG files (the flow is also drawn inline)."""


def image_file(journey_id: str, view: View, ext: str = "svg") -> str:
    """The name `journeykit render --view VIEW -f EXT -o DIR` gives the same picture."""
    return f"{journey_id}.{view.value}.{ext}"


class _Once:
    """A picture's DOT text, built once for its SVG and its PNG."""

    def __init__(self, build: Callable[[], str]) -> None:
        self._build: Callable[[], str] | None = build
        self._text = ""

    def __call__(self) -> str:
        if self._build is not None:
            self._text, self._build = self._build(), None
        return self._text


class Pictures:
    """Every journey's map and flow as SVG text, Graphviz started for all of them at once.

    Runs start in the order the report asks for them (journey by journey, map then
    flow), one per core at a time; those in `cache` are taken from there. Raises
    RenderError when no engine is found; calling it raises RenderError for a picture
    that failed. Close it (or use `with`) to stop the runs nobody collected.
    """

    def __init__(
        self,
        project: Project,
        journeys: Sequence[Located[Journey]],
        timeout: float = DEFAULT_TIMEOUT,
        parallel: int = 0,
        cache: PictureCache | None = None,
        pngs: Pngs | None = None,
    ) -> None:
        # Every picture is handed over at once: Graphviz draws while the pages are built.
        ahead = 2 * len(journeys)
        self._batch = Batch("svg", timeout, parallel, cache, ahead)
        self._pngs = pngs
        for journey in journeys:
            for view in VIEWS:
                key = (journey.item.id, view)
                source = _Once(partial(dot_source, project, [journey], view))
                self._batch.add(key, source)
                if pngs is not None:
                    pngs.add(key, source)

    def __call__(self, journey: Located[Journey], view: View) -> str:
        return self._batch.result((journey.item.id, view)).decode("utf-8")

    def png(self, journey: Located[Journey], view: View) -> bytes:
        """The picture as PNG; RenderError when it cannot be one (or there are none)."""
        if self._pngs is None:
            raise RenderError("no PNG pictures were asked for")
        return self._pngs.result((journey.item.id, view))

    def close(self) -> None:
        self._batch.close()
        if self._pngs is not None:
            self._pngs.close()

    def __enter__(self) -> Pictures:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Drawn:
    """Pictures drawn already, as `report_context` asks for them: each SVG text (and
    PNG bytes) or the RenderError that stopped it. Plain data, so it travels between
    processes."""

    def __init__(
        self,
        pictures: dict[tuple[str, str], str | RenderError],
        pngs: dict[tuple[str, str], bytes | RenderError] | None = None,
    ) -> None:
        self.pictures = pictures
        self.pngs = pngs or {}

    def __call__(self, journey: Located[Journey], view: View) -> str:
        drawn = self.pictures[(journey.item.id, view.value)]
        if isinstance(drawn, RenderError):
            raise drawn
        return drawn

    def png(self, journey: Located[Journey], view: View) -> bytes:
        drawn = self.pngs.get((journey.item.id, view.value))
        if drawn is None:
            raise RenderError("no PNG pictures were asked for")
        if isinstance(drawn, RenderError):
            raise drawn
        return drawn


def draw(
    project: Project,
    journeys: Sequence[Located[Journey]],
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Drawn | None:
    """Every journey's map and flow, drawn (or taken from the picture cache in
    `cache_dir`); None when no Graphviz engine is found."""
    return Drawing(project, journeys, timeout, cache_dir).result()


class Drawing:
    """`draw` begun: the first runs start now, one per core, and go on while the caller
    works (lints, builds pages); `result()` draws the rest and gives what `draw` gives.
    Pictures in the cache are read at once. `close()` stops what still runs."""

    def __init__(
        self,
        project: Project,
        journeys: Sequence[Located[Journey]],
        timeout: float = DEFAULT_TIMEOUT,
        cache_dir: Path | None = None,
    ) -> None:
        self._journeys = journeys
        self._open = contextlib.ExitStack()
        self._pictures: Pictures | None = None
        try:
            cache = self._open.enter_context(open_cache(cache_dir))
            pngs = Pngs(timeout, cache)
            self._open.callback(pngs.close)
            self._pictures = self._open.enter_context(
                Pictures(project, journeys, timeout, cache=cache, pngs=pngs)
            )
        except RenderError:
            self.close()
        except BaseException:
            self.close()
            raise

    @property
    def pictures(self) -> Pictures | None:
        """Each picture as it is done (None without an engine); `close()` when through."""
        return self._pictures

    def result(self) -> Drawn | None:
        """Each picture or the RenderError that stopped it; None without an engine."""
        if self._pictures is None:
            return None
        drawn: dict[tuple[str, str], str | RenderError] = {}
        pngs: dict[tuple[str, str], bytes | RenderError] = {}
        try:
            for journey in self._journeys:
                for view in VIEWS:
                    key = (journey.item.id, view.value)
                    try:
                        drawn[key] = self._pictures(journey, view)
                    except RenderError as exc:
                        drawn[key] = exc
                    try:
                        pngs[key] = self._pictures.png(journey, view)
                    except RenderError as exc:
                        pngs[key] = exc
        finally:
            self.close()
        return Drawn(drawn, pngs)

    def close(self) -> None:
        """Stop the runs still going and prune the cache. Safe to call again."""
        self._open.close()
