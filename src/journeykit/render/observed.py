"""The observed flow in any format: `render_each` for pictures with a measurement over them.

A picture is laid out from its DOT text, which holds every number drawn, so the picture
cache (keyed by the text) keeps one picture per observation: other events, other text.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from functools import partial
from pathlib import Path

from journeykit.measure.result import JourneyMeasure, LogSummary
from journeykit.model import Journey
from journeykit.render import OutputFormat, open_cache
from journeykit.render.engine import DEFAULT_TIMEOUT
from journeykit.workspace.project import Located, Project

Observation = tuple[Project, Located[Journey], JourneyMeasure]
"""One picture: a project, one of its journeys, and that journey measured."""


def source(
    project: Project,
    journey: Located[Journey],
    measured: JourneyMeasure,
    log: LogSummary,
    fmt: OutputFormat,
    persona: str | None = None,
) -> str:
    """Mermaid for `fmt` mermaid, else the DOT text Graphviz lays out."""
    if fmt is OutputFormat.mermaid:
        from journeykit.render.observed_mermaid import flowchart

        return flowchart(project, journey, measured, log, persona)
    from journeykit.render.observed_view import render

    return render(project, journey, measured, log, persona)


def render_each(
    items: Sequence[Observation],
    log: LogSummary,
    fmt: OutputFormat,
    persona: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Generator[str | bytes, None, None]:
    """The observed flow of each item, in order: str for dot, mermaid, svg; bytes else."""
    from journeykit.render.picture_cache import render_cached

    if not fmt.drawn:
        for project, journey, measured in items:
            yield source(project, journey, measured, log, fmt, persona)
        return
    if fmt is OutputFormat.png or len(items) < 2:
        with open_cache(cache_dir) as cache:
            for project, journey, measured in items:
                text = source(project, journey, measured, log, fmt, persona)
                yield _decoded(render_cached(text, fmt.value, timeout, cache), fmt)
        return
    from journeykit.render.batch import Batch

    with open_cache(cache_dir) as cache, Batch(fmt.value, timeout, cache=cache) as batch:
        for i, (project, journey, measured) in enumerate(items):
            batch.add(i, partial(source, project, journey, measured, log, fmt, persona))
        for i in range(len(items)):
            yield _decoded(batch.result(i), fmt)


def _decoded(data: bytes, fmt: OutputFormat) -> str | bytes:
    return data.decode("utf-8") if fmt is OutputFormat.svg else data
