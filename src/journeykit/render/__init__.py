"""Renderers: one module per view, each returning DOT or Mermaid source as a string.

`render()` turns a view into the format asked for (svg, png, pdf through Graphviz), and
`render_each()` many views at once; they return str or bytes and never write a file:
the CLI does that. Given a `cache_dir`, they keep what Graphviz drew there and draw
again only what changed (see `render.picture_cache`).
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Generator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.model import Journey
from journeykit.render.engine import DEFAULT_TIMEOUT, RenderError, render_dot
from journeykit.workspace.project import Located, Project

if TYPE_CHECKING:
    from journeykit.render.picture_cache import PictureCache

__all__ = ["OutputFormat", "RenderError", "View", "dot_source", "render", "render_each"]


class View(enum.StrEnum):
    map = "map"
    """The journey map: stages as columns, lanes for intent, touchpoints, emotion, ..."""
    flow = "flow"
    """The touchpoint graph: transitions between touchpoints, stages as clusters."""
    channels = "channels"
    """The stage x channel matrix with example messages."""
    coverage = "coverage"
    """The persona x stage x channel heatmap of the gap analysis."""


class OutputFormat(enum.StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"

    @property
    def binary(self) -> bool:
        return self in (OutputFormat.png, OutputFormat.pdf)

    @property
    def drawn(self) -> bool:
        """Laid out by Graphviz (svg, png, pdf), not written by journeykit itself."""
        return self in (OutputFormat.svg, OutputFormat.png, OutputFormat.pdf)

    @property
    def extension(self) -> str:
        return "mmd" if self is OutputFormat.mermaid else self.value


def dot_source(
    project: Project,
    journeys: Sequence[Located[Journey]],
    view: View,
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
) -> str:
    """DOT for `view`; only the channels view takes several journeys (merged)."""
    if view is View.channels:
        from journeykit.render import channels_view

        return channels_view.render(project, journeys, persona)
    if len(journeys) != 1:
        raise ValueError(f"the {view.value} view shows one journey at a time")
    journey = journeys[0]
    if view is View.map:
        from journeykit.render import map_view

        return map_view.render(project, journey, persona, marks)
    if view is View.flow:
        from journeykit.render import flow_view

        return flow_view.render(project, journey, persona, marks)
    from journeykit.render import coverage_view

    return coverage_view.render(project, journey, persona)


def render(
    project: Project,
    journeys: Sequence[Located[Journey]],
    view: View,
    fmt: OutputFormat,
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> str | bytes:
    """`view` of the journeys in `fmt`: str for dot, mermaid and svg; bytes for png, pdf."""
    with open_cache(cache_dir if fmt.drawn else None) as cache:
        return _render(project, journeys, view, fmt, persona, marks, timeout, cache)


def _render(
    project: Project,
    journeys: Sequence[Located[Journey]],
    view: View,
    fmt: OutputFormat,
    persona: str | None,
    marks: Mapping[str, str] | None,
    timeout: float,
    cache: PictureCache | None,
) -> str | bytes:
    if fmt is OutputFormat.mermaid:
        return _mermaid(project, journeys, view, persona, marks)
    source = dot_source(project, journeys, view, persona, marks)
    if fmt is OutputFormat.dot:
        return source
    if cache is None:
        data = render_dot(source, fmt.value, timeout)
    else:
        from journeykit.render.picture_cache import render_cached

        data = render_cached(source, fmt.value, timeout, cache)
    return data.decode("utf-8") if fmt is OutputFormat.svg else data


@contextlib.contextmanager
def open_cache(folder: Path | None) -> Generator[PictureCache | None, None, None]:
    """The picture cache in `folder` (None: no cache), pruned and closed at the end."""
    if folder is None:
        yield None
        return
    from journeykit.render.picture_cache import PictureCache

    with PictureCache(folder) as cache:
        yield cache


Item = tuple[Project, Sequence[Located[Journey]], Mapping[str, str] | None]
"""What one picture shows: a project, its journeys (one, or several merged), the marks."""


def render_each(
    items: Sequence[Item],
    view: View,
    fmt: OutputFormat,
    persona: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Generator[str | bytes, None, None]:
    """`render` of each item, in order. SVG and PDF are laid out by one Graphviz run per
    core at once; a picture that fails raises its RenderError when its turn comes."""
    if fmt not in (OutputFormat.svg, OutputFormat.pdf) or len(items) < 2:
        with open_cache(cache_dir if fmt.drawn else None) as cache:
            for project, journeys, marks in items:
                yield _render(project, journeys, view, fmt, persona, marks, timeout, cache)
        return
    from journeykit.render.batch import Batch

    with open_cache(cache_dir) as cache, Batch(fmt.value, timeout, cache=cache) as batch:
        for i, (project, journeys, marks) in enumerate(items):
            batch.add(i, partial(dot_source, project, journeys, view, persona, marks))
        for i in range(len(items)):
            data = batch.result(i)
            yield data.decode("utf-8") if fmt is OutputFormat.svg else data


def _mermaid(
    project: Project,
    journeys: Sequence[Located[Journey]],
    view: View,
    persona: str | None,
    marks: Mapping[str, str] | None,
) -> str:
    """A `journey` diagram for the map, flowcharts for the flow and the two matrices."""
    from journeykit.render.mermaid_export import flowchart, journey_diagram
    from journeykit.render.mermaid_matrices import channels_flowchart, coverage_flowchart

    if view is View.channels:
        return channels_flowchart(project, journeys, persona)
    if len(journeys) != 1:
        raise ValueError("Mermaid output shows one journey at a time")
    if view is View.map:
        return journey_diagram(project, journeys[0], persona)
    if view is View.flow:
        return flowchart(project, journeys[0], persona, marks)
    return coverage_flowchart(project, journeys[0], persona)
