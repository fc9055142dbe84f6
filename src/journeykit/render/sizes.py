"""Pictures of a fixed size: a 16:9 slide, or one A4 or A3 page. Decides and measures;
`render.slides` draws.

A slide is 1920 x 1080 pixels as PNG and 20 x 11.25 inches (1440 x 810 points, 1920 x
1080 at 96 dpi) as SVG and PDF; a page is A4 (297 x 210 mm) or A3 (420 x 297 mm) as PDF.
Graphviz lays the picture out as ever; `dot -Tjson` tells its size, and a `viewport` of
exactly the canvas, zoomed to fit and centred, draws it on that canvas (white around it,
like the pictures' own background).

Readable means the body text (10 point in every view) is at least `MIN_BODY_PX` (14)
pixels on a 1920-pixel slide: the picture may be drawn at `MIN_ZOOM` (1.05) times its
size or larger, never smaller unless nothing else can show it, and then with a warning.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journeykit.render import OutputFormat, View
from journeykit.render.engine import PNG_DPI, RenderError, find_engine, render_dot
from journeykit.render.outputs import SUFFIXES, OutputError, Target, output_format
from journeykit.render.picture_cache import PictureCache, render_cached


class Size(enum.StrEnum):
    slide = "slide"
    """16:9, 1920 x 1080 px; a map too large for one is cut into several."""
    a4 = "a4"
    """One A4 page (PDF)."""
    a3 = "a3"
    """One A3 page (PDF)."""

    @property
    def paper(self) -> bool:
        return self is not Size.slide


MM = 72 / 25.4
SLIDE_PX = (1920, 1080)
SLIDE_PT = (1440.0, 810.0)
"""The slide in points (20 x 11.25 in): the canvas of SVG and PDF, and the unit of zoom."""
SLIDE_MARGIN_PT = 24.0
"""32 px on the 1920-px slide."""
PAPER_PT = {Size.a4: (297 * MM, 210 * MM), Size.a3: (420 * MM, 297 * MM)}
"""Landscape; a picture taller than wide goes on the page upright."""
PAPER_MARGIN_PT = 10 * MM
BODY_PT = 10.0
"""The body text of every view (the node font size)."""
MIN_BODY_PX = 14.0
PX_PER_PT = SLIDE_PX[0] / SLIDE_PT[0]
MIN_ZOOM = MIN_BODY_PX / (BODY_PT * PX_PER_PT)
MAX_ZOOM = 2.0
"""A small picture is drawn larger to fill the slide, up to twice its size (27 px text)."""
MIN_PRINT_PT = 6.0
"""Body text printed smaller than this is named in a warning."""


def chosen_format(
    fmt: str | None, where: Target, size: str | None, views: Sequence[View], observed: bool
) -> tuple[OutputFormat, Size | None]:
    """The format and the size `--format`, `-o` and `--size` ask for, or OutputError.

    A page is a PDF unless `--format` or the suffix of `-o FILE` asks for another (which
    is refused); a slide is svg, png or pdf, never dot or mermaid."""
    drawn = output_format(fmt, where)
    if size is None:
        return drawn, None
    try:
        sized = Size(size.lower())
    except ValueError:
        known = ", ".join(s.value for s in Size)
        raise OutputError(f"unknown size {size!r} (expected one of: {known})") from None
    if observed and View.flow in views:
        raise OutputError("--size does not work with --events on the flow view")
    explicit = fmt is not None or (
        where.file and where.path is not None and where.path.suffix.lower() in SUFFIXES
    )
    if sized.paper and (not explicit or drawn is OutputFormat.pdf):
        return OutputFormat.pdf, sized
    if sized.paper:
        raise OutputError(
            f"--size {sized.value} makes a one-page PDF, not {drawn.value}: use -f pdf or "
            "-o FILE.pdf (for an image of a slide, --size slide)"
        )
    if not drawn.drawn:
        raise OutputError(f"--size lays out a picture: use -f svg, png or pdf, not {drawn.value}")
    return drawn, sized


def numbered(name: str, count: int) -> list[str]:
    """The files of a picture on `count` slides: `map.png` stays `map.png` on one slide,
    and becomes `map-1.png`, `map-2.png`, ... on several."""
    if count == 1:
        return [name]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    return [f"{stem}-{i}{dot}{ext}" for i in range(1, count + 1)]


@dataclass(frozen=True, slots=True)
class Geometry:
    """The size of a laid-out picture (points), and for the map its stage columns' widths
    (left to right) and its rows' heights (top to bottom), each with the spacing after it."""

    width: float
    height: float
    columns: tuple[float, ...] = ()
    rows: tuple[float, ...] = ()
    left: float = 0.0
    bottom: float = 0.0


def measure(source: str, timeout: float, cache: PictureCache | None) -> Geometry:
    """Lay `source` out with Graphviz (`dot -Tjson`) and read its size."""
    engine = find_engine()
    if engine is None or engine.name != "dot":
        raise RenderError(
            "--size measures the layout with Graphviz's dot, which was not found: install "
            "Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`)"
        )
    if cache is None:
        raw = render_dot(source, "json", timeout)
    else:
        raw = render_cached(source, "json", timeout, cache)
    data = json.loads(raw)
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    columns, rows = _map_cells(data)
    return Geometry(x1 - x0, y1 - y0, columns, rows, x0, y0)


def _map_cells(data: Any) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The map's cells, from the filled rectangles Graphviz draws: each row's label cell
    (the narrowest column at the left edge) and, above the first row, the stage headers."""
    objects = data.get("objects")
    node = next((o for o in objects if o.get("name") == "map"), None) if objects else None
    if not isinstance(node, dict):
        return (), ()
    boxes = []
    for op in node.get("_ldraw_", []):
        if op.get("op") in ("P", "p"):
            xs, ys = zip(*op["points"], strict=True)
            boxes.append((min(xs), max(xs), min(ys), max(ys)))
    inner = [b for b in boxes if b[0] > 0]  # not the table's own background
    if not inner:
        return (), ()
    left = min(b[0] for b in inner)
    label_right = min(b[1] for b in inner if b[0] == left)
    labels = sorted((b for b in inner if b[:2] == (left, label_right)), key=lambda b: -b[3])
    if not labels:
        return (), ()
    top = labels[0][3]
    heads = sorted((b for b in inner if b[2] > top and b[0] >= label_right), key=lambda b: b[0])
    gap = labels[0][2] - labels[1][3] if len(labels) > 1 else 0.0
    rows = tuple(b[3] - b[2] + gap for b in labels)
    columns = tuple(b[1] - b[0] + gap for b in heads)
    return columns, rows


@dataclass(frozen=True, slots=True)
class Canvas:
    """What a picture is drawn on: width and height in points, the margin kept free."""

    width: float
    height: float
    margin: float

    def zoom(self, geometry: Geometry) -> float:
        """The zoom that fits the picture in the canvas within its margins."""
        return min(
            (self.width - 2 * self.margin) / max(geometry.width, 1.0),
            (self.height - 2 * self.margin) / max(geometry.height, 1.0),
        )


SLIDE = Canvas(*SLIDE_PT, SLIDE_MARGIN_PT)


def page(size: Size, geometry: Geometry) -> Canvas:
    """The sheet of paper the picture shows largest on: landscape, or upright for a
    picture that shows larger so (one taller than wide)."""
    wide, high = PAPER_PT[size]
    landscape = Canvas(wide, high, PAPER_MARGIN_PT)
    upright = Canvas(high, wide, PAPER_MARGIN_PT)
    return upright if upright.zoom(geometry) > landscape.zoom(geometry) else landscape


def fitted(
    source: str, geometry: Geometry, fmt: OutputFormat, canvas: Canvas, zoom: float, top: bool
) -> str:
    """`source` drawn on `canvas` at `zoom`, centred (`top`: from the top margin down, so
    the headers of a deck's slides line up). A PNG is drawn at the engine's 144 dpi, so
    its canvas is the slide's in pixels at that resolution: 1920 x 1080."""
    scale = SLIDE_PX[0] * 72 / PNG_DPI / SLIDE_PT[0] if fmt is OutputFormat.png else 1.0
    width, height, z = canvas.width * scale, canvas.height * scale, zoom * scale
    cx = geometry.left + geometry.width / 2
    cy = geometry.bottom + geometry.height / 2
    if top:
        cy = geometry.bottom + geometry.height + (canvas.margin - canvas.height / 2) / zoom
    body, _, _ = source.rstrip().rpartition("}")
    return (
        f'{body}  graph [viewport="{width:.2f},{height:.2f},{z:.5f},{cx:.2f},{cy:.2f}", '
        'pad="0", margin="0"];\n}\n'
    )
