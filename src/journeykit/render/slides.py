"""Drawing a view on slides or on a page (`journeykit render --size`): returns the pages'
bytes (str for SVG) and the warnings; never writes a file.

A map that does not fit one slide at the readable size (`sizes.MIN_ZOOM`) is cut: first
into as few groups of whole stages as fit the slide's width, each group in one row;
then each group's rows (the lanes) into as few consecutive runs as fit its height.
Every slide keeps the title (saying which stages and rows it shows), the stage headers,
the row labels and the legend, and all slides of a map are drawn at the same zoom, so
text has one size across the deck. A single row of one stage that is taller than a
slide cannot be cut: that slide is drawn smaller, and a warning names the stage. The
other views are one slide each, drawn smaller with a warning when they do not fit.
A page holds the whole picture, drawn as large as fits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.model import Journey
from journeykit.render import Item, OutputFormat, View, dot_source, open_cache
from journeykit.render import common as c
from journeykit.render import map_view as mv
from journeykit.render import sizes as sz
from journeykit.render.engine import DEFAULT_TIMEOUT, RenderError, render_dot
from journeykit.render.map_lanes import MapContext
from journeykit.render.map_rows import drawn_lanes
from journeykit.render.outputs import OutputError, Target, render_views
from journeykit.render.picture_cache import PictureCache, render_cached
from journeykit.render.slide_plan import fewest_groups
from journeykit.workspace.project import Located, Project

Source = Callable[[mv.Slice | None], str]
Measure = Callable[[str], sz.Geometry]


@dataclass(slots=True)
class Sized:
    """One picture on its pages (one, or a map's slides in order) and what to warn of."""

    pages: list[str | bytes]
    warnings: list[str] = field(default_factory=list)


def pictures(
    items: Sequence[Item],
    views: Sequence[View],
    fmt: OutputFormat,
    size: sz.Size | None,
    persona: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Generator[Sized, None, None]:
    """`render_views` (without a size: one page each, as ever) or `render_sized_views`."""
    if size is not None:
        yield from render_sized_views(items, views, fmt, size, persona, timeout, cache_dir)
        return
    yield from one_page(render_views(items, views, fmt, persona, timeout, cache_dir))


def one_page(drawn: Generator[str | bytes, None, None]) -> Generator[Sized, None, None]:
    """Pictures drawn without a size, each as one page."""
    with contextlib.closing(drawn):
        for data in drawn:
            yield Sized([data])


def page_names(sized: Sized, name: str, where: Target) -> list[str]:
    """The file name of each page of a picture `name`d so in a folder, or written to the
    file `-o` names (`numbered`); OutputError when there are several for standard output."""
    count = len(sized.pages)
    if where.path is None and count > 1:
        ext = name.rpartition(".")[2]
        raise OutputError(
            f"the picture takes {count} slides, and standard output holds one: give "
            f"-o FILE.{ext} (written as FILE-1.{ext} to FILE-{count}.{ext}) or -o DIR"
        )
    return sz.numbered(where.path.name if where.file and where.path else name, count)


def render_sized_views(
    items: Sequence[Item],
    views: Sequence[View],
    fmt: OutputFormat,
    size: sz.Size,
    persona: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Generator[Sized, None, None]:
    """Each item in each view in turn (the order of `render_views`), sized."""
    with open_cache(cache_dir) as cache:
        for view in views:
            for project, journeys, marks in items:
                yield render_sized(
                    project, journeys, view, fmt, size, persona, marks, timeout, cache
                )


def render_sized(
    project: Project,
    journeys: Sequence[Located[Journey]],
    view: View,
    fmt: OutputFormat,
    size: sz.Size,
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache: PictureCache | None = None,
) -> Sized:
    """`view` of the journeys on slides or on one page of `size`, in `fmt` (svg, png, pdf)."""
    known: dict[str, sz.Geometry] = {}

    def measure(source: str) -> sz.Geometry:
        if source not in known:
            known[source] = sz.measure(source, timeout, cache)
        return known[source]

    def draw(source: str) -> str | bytes:
        if cache is None:
            data = render_dot(source, fmt.value, timeout)
        else:
            data = render_cached(source, fmt.value, timeout, cache)
        return data.decode("utf-8") if fmt is OutputFormat.svg else data

    name = journeys[0].item.id if len(journeys) == 1 else "the combined journeys"
    if view is View.map and size is sz.Size.slide:
        journey = journeys[0]

        def source_of(part: mv.Slice | None) -> str:
            return mv.render(project, journey, persona, marks, part)

        labels = _row_labels(project, journey, persona)
        parts, tall = plan(source_of, measure, journey.item, labels)
        return _deck([source_of(p) for p in parts], measure, draw, fmt, name, tall)
    source = dot_source(project, journeys, view, persona, marks)
    geometry = measure(source)
    canvas = sz.SLIDE if size is sz.Size.slide else sz.page(size, geometry)
    zoom = min(canvas.zoom(geometry), sz.MAX_ZOOM)
    picture = draw(sz.fitted(source, geometry, fmt, canvas, zoom, False))
    return Sized([picture], _small(f"{name}: the {view.value} view", zoom, size))


def _small(what: str, zoom: float, size: sz.Size) -> list[str]:
    """The warning for a picture drawn below the readable size, if it is."""
    if size is sz.Size.slide and zoom < sz.MIN_ZOOM:
        px = sz.BODY_PT * zoom * sz.PX_PER_PT
        return [
            f"{what} does not fit a slide with text at {sz.MIN_BODY_PX:g} px: drawn smaller, "
            f"its text at {px:.1f} px"
        ]
    if size.paper and sz.BODY_PT * zoom < sz.MIN_PRINT_PT:
        return [
            f"{what} prints with its text at {sz.BODY_PT * zoom:.1f} pt on "
            f"{size.value.upper()}: try --size a3, or --size slide to cut a map into slides"
        ]
    return []


def _deck(
    sources: list[str],
    measure: Measure,
    draw: Callable[[str], str | bytes],
    fmt: OutputFormat,
    name: str,
    tall: Mapping[int, str],
) -> Sized:
    """The slides of a map, all at the zoom the tightest readable one needs."""
    geometries = [measure(s) for s in sources]
    fits = [min(sz.SLIDE.zoom(g), sz.MAX_ZOOM) for g in geometries]
    common = min([f for f in fits if f >= sz.MIN_ZOOM], default=sz.MIN_ZOOM)
    top = len(sources) > 1
    out = Sized([])
    for i, (source, geometry, fit) in enumerate(zip(sources, geometries, fits, strict=True)):
        zoom = min(common, fit)
        out.warnings += _small(f"{name}: {tall.get(i, 'the map')}", zoom, sz.Size.slide)
        out.pages.append(draw(sz.fitted(source, geometry, fmt, sz.SLIDE, zoom, top)))
    return out


def plan(
    source_of: Source, measure: Measure, model: Journey, labels: Sequence[str]
) -> tuple[list[mv.Slice | None], dict[int, str]]:
    """The slides of a map: the whole map (None) when it fits one, else its parts; and
    for each slide that is too tall even so, what makes it so (the row and stage)."""
    cap_w, cap_h = ((side - 2 * sz.SLIDE_MARGIN_PT) / sz.MIN_ZOOM for side in sz.SLIDE_PT)
    whole = measure(source_of(None))
    if whole.width <= cap_w and whole.height <= cap_h:
        return [None], {}
    n = len(model.stages)
    row = measure(source_of(mv.Slice(0, n)))
    if len(row.columns) != n:
        raise RenderError(f"could not measure the stage columns of the map of {model.id}")
    parts: list[mv.Slice | None] = []
    tall: dict[int, str] = {}
    todo = fewest_groups(row.columns, cap_w - (row.width - sum(row.columns)))
    while todo:
        first, end = todo.pop(0)
        group = measure(source_of(mv.Slice(first, end)))
        if group.width > cap_w and end - first > 1:  # wider than its columns promised
            middle = (first + end) // 2
            todo[:0] = [(first, middle), (middle, end)]
        elif group.height <= cap_h:
            parts.append(mv.Slice(first, end))
        else:
            room = cap_h - (group.height - sum(group.rows))
            for a, b in fewest_groups(group.rows, room):
                if b - a == 1 and group.rows[a] > room:
                    stages = _too_tall(source_of, measure, model, first, end, a, cap_h)
                    tall[len(parts)] = f"the {labels[a]} row of {stages}"
                parts.append(mv.Slice(first, end, (a, b)))
    return parts, tall


def _too_tall(
    source_of: Source, measure: Measure, model: Journey, first: int, end: int, row: int, cap: float
) -> str:
    """The stages of `first` to `end - 1` whose cell in `row` alone is taller than a slide."""
    found = []
    for i in range(first, end):
        alone = measure(source_of(mv.Slice(i, i + 1))) if end - first > 1 else None
        if alone is None or alone.rows[row] > cap - (alone.height - sum(alone.rows)):
            found.append(f"{i + 1} ({model.stages[i].name})")
    found = found or [f"{i + 1} ({model.stages[i].name})" for i in range(first, end)]
    return ("stage " if len(found) == 1 else "stages ") + ", ".join(found)


def _row_labels(project: Project, journey: Located[Journey], persona: str | None) -> list[str]:
    """The labels of the map's rows, top to bottom, as `map_view` draws them."""
    model = journey.item
    groups = c.by_stage(model, c.visible(model, persona))
    index = {s.id: i for i, s in enumerate(model.stages)}
    ctx = MapContext(project, {}, groups, {}, index)
    return [label for label, _ in drawn_lanes(ctx)]
