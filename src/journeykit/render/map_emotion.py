"""The emotion lane of the journey map: one continuous curve across the stages.

The lane is one cell across all the stage columns of a row of the map. Its plot is a
grid of thin table cells (a Graphviz HTML table cannot draw a slanted line): the curve
is a step line made of filled cells, holding its level from one touchpoint to the next
and stepping up or down right before the next one. It follows the main path for the
persona shown (`analysis.curve`); a touchpoint with an emotion off that path, on another
branch, is a hollow dot the line does not pass through. Every dot is numbered, and the
key under each stage names the touchpoints by their numbers. When the map wraps into
several rows, the curve enters the next row at the level it left the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from journeykit.model import Stage, Touchpoint
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines

LEVELS = (2, 1, 0, -1, -2)
LINE = "#1d3557"
AXIS = 16
DOT = 12
STEP = 2
"""Width of the column where the line steps, and the line's thickness."""
HALF = 6
"""Height of the cells above and below the line's row at each level."""
MAX_KEY = 14
"""Touchpoints named in a stage's key (and points off the path drawn) before the rest
are counted."""
SPACING = 3
"""The map table's CELLSPACING: a spanned cell also covers the gaps between columns."""


class MapPoint(NamedTuple):
    """A touchpoint with an emotion in the emotion lane."""

    touchpoint: Touchpoint
    score: int
    number: int
    on_path: bool


def map_points(
    groups: dict[str, list[Touchpoint]], stages: list[str], path: Sequence[str] | None
) -> dict[str, list[MapPoint]]:
    """Stage id -> its touchpoints with an emotion, numbered across the map: in a stage
    those on the main path `path` first, in its order, then the others as listed.
    Without a path every touchpoint is on it, as listed."""
    if path is None:
        path = [t.id for ts in groups.values() for t in ts]
    along = {tp: i for i, tp in enumerate(path)}
    out: dict[str, list[MapPoint]] = {}
    number = 0
    for stage in stages:
        scored = [t for t in groups.get(stage, []) if t.emotion is not None]
        scored.sort(key=lambda t: along.get(t.id, len(along)))
        out[stage] = []
        for tp in scored:
            assert tp.emotion is not None
            number += 1
            out[stage].append(MapPoint(tp, tp.emotion.score, number, tp.id in along))
    return out


def _band(score: int) -> str:
    return "#eef6ee" if score > 0 else ("#fbeeee" if score < 0 else "#f1f3f5")


def _muted(text: str) -> str:
    return font(text, size=8.5, color=c.MUTED)


class _Column(NamedTuple):
    width: int
    line: frozenset[tuple[int, str]]
    """(level, 'U'|'M'|'L') cells filled with the line's colour."""
    spans: tuple[tuple[int, str], ...] = ()
    """(level, markup) of the cells three rows high: a dot, or the axis labels."""


def _flat(width: int, level: int | None) -> _Column:
    return _Column(width, frozenset() if level is None else frozenset({(level, "M")}))


def _step(a: int, b: int) -> frozenset[tuple[int, str]]:
    """The cells of a vertical line from level `a` to level `b`, both middles included."""
    top, bottom = max(a, b), min(a, b)
    cells = {(s, part) for s in range(bottom, top + 1) for part in "UML"}
    return frozenset(cells - {(top, "U"), (bottom, "L")})


class _Plot:
    """Lays the columns of one row of the map out left to right."""

    def __init__(self, level: int | None, ahead: int) -> None:
        self.level = level
        self.ahead = ahead
        """Points on the path still to come; the line runs only towards one."""
        self.columns: list[_Column] = []
        self.numbers: list[tuple[int, str]] = []
        """(columns spanned, markup) of the row of numbers above the plot."""

    @property
    def running(self) -> int | None:
        return self.level if self.ahead else None

    def axis(self) -> None:
        labels = tuple((s, font(c.signed(s), size=7, color=c.MUTED)) for s in LEVELS)
        self.columns.append(_Column(AXIS, frozenset(), labels))
        self.numbers.append((1, ""))

    def filler(self, width: int) -> None:
        self.columns.append(_flat(width, self.running))
        self.numbers.append((1, ""))

    def point(self, point: MapPoint, width: int) -> None:
        left = max(1, (width - DOT - STEP) // 2)
        right = max(1, width - DOT - STEP - left)
        color = c.EMOTION_COLORS[point.score]
        self.columns.append(_flat(left, self.running))
        if point.on_path:
            start = self.level
            step = frozenset() if start is None else _step(start, point.score)
            self.columns.append(_Column(STEP, step))
            dot = (point.score, font("●", size=10, color=color))
            self.columns.append(_Column(DOT, frozenset(), (dot,)))
            self.level, self.ahead = point.score, self.ahead - 1
        else:
            self.columns.append(_flat(STEP, self.running))
            line = self.running
            passing = frozenset() if line is None or line == point.score else {(line, "M")}
            dot = (point.score, font("○", size=10, color=color))
            self.columns.append(_Column(DOT, frozenset(passing), (dot,)))
        self.columns.append(_flat(right, self.running))
        number = font(str(point.number), size=7, color=c.INK if point.on_path else c.MUTED)
        self.numbers.append((4, number))

    def rows(self) -> list[str]:
        rows = [
            "<TR>" + "".join(f'<TD COLSPAN="{n}">{text}</TD>' for n, text in self.numbers) + "</TR>"
        ]
        for score in LEVELS:
            for part, height in (("U", HALF), ("M", STEP), ("L", HALF)):
                cells = "".join(self._cell(col, score, part, height) for col in self.columns)
                rows.append(f"<TR>{cells}</TR>")
        return rows

    def _cell(self, col: _Column, score: int, part: str, height: int) -> str:
        span = dict(col.spans).get(score)
        if span is not None:
            if part != "U":
                return ""
            return f'<TD ROWSPAN="3" WIDTH="{col.width}" BGCOLOR="{_band(score)}">{span}</TD>'
        fill = LINE if (score, part) in col.line else _band(score)
        return f'<TD WIDTH="{col.width}" HEIGHT="{height}" BGCOLOR="{fill}"></TD>'


def lane(
    points: dict[str, list[MapPoint]],
    chunk: list[Stage],
    column_width: int,
    before: list[MapPoint],
    key: list[str],
) -> str:
    """The emotion lane of one row of stages: the plot, then each stage's `key` under it.
    `before`: the points of the rows of the map before this one."""
    behind = [p for p in before if p.on_path]
    later = sum(1 for ps in points.values() for p in ps if p.on_path) - len(behind)
    plot = _Plot(behind[-1].score if behind else None, later)
    spans = []
    for i, stage in enumerate(chunk):
        width = column_width + (SPACING if i < len(chunk) - 1 else 0)
        start = len(plot.columns)
        if i == 0:
            plot.axis()
            width -= AXIS
        here = _plotted(points.get(stage.id, []))
        if not here:
            plot.filler(width)
        for n, point in enumerate(here):
            share = width // len(here) + (width % len(here) if n == len(here) - 1 else 0)
            plot.point(point, share)
        spans.append(len(plot.columns) - start)
    keys = "".join(
        f'<TD COLSPAN="{n}" CELLPADDING="4" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{text}</TD>'
        for n, text in zip(spans, key, strict=True)
    )
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        + "".join(plot.rows())
        + f"<TR>{keys}</TR></TABLE>"
    )


def _plotted(points: list[MapPoint]) -> list[MapPoint]:
    """The points drawn in a stage: all on the path, and those off it up to `MAX_KEY` in
    all, so a crowded stage does not stretch the map (its key counts the rest)."""
    on = [p for p in points if p.on_path]
    return on + [p for p in points if not p.on_path][: max(0, MAX_KEY - len(on))]


def stage_key(points: list[MapPoint], width: int) -> str:
    """The stage's touchpoints by number, and its average and lowest emotion."""
    if not points:
        return _muted("not recorded")
    out = []
    for point in points[:MAX_KEY]:
        tp = point.touchpoint
        glyph = font("●" if point.on_path else "○", color=c.EMOTION_COLORS[point.score])
        assert tp.emotion is not None
        word = f" {tp.emotion.label}" if tp.emotion.label else ""
        branch = "" if point.on_path else ", other branch"
        text = f"{point.number} {tp.name} ({c.signed(point.score)}{word}{branch})"
        out.append(
            glyph + " " + font(lines(text, width, 2).removesuffix('<BR ALIGN="LEFT"/>'), size=8.5)
        )
    if len(points) > MAX_KEY:
        out.append(_muted(esc(f"… and {len(points) - MAX_KEY} more")))
    low = min(points, key=lambda p: p.score)
    assert low.touchpoint.emotion is not None
    average = sum(p.score for p in points) / len(points)
    label = low.touchpoint.emotion.label
    word = f" ({label})" if label else ""
    # + 0.0: an average that rounds to zero from below would show as "-0.0".
    mean = f"{round(average, 1) + 0.0:+.1f}".replace("-", "\u2212")
    summary = f"average {mean} · lowest {c.signed(low.score)}{word}"
    return '<BR ALIGN="LEFT"/>'.join(out) + '<BR ALIGN="LEFT"/>' + _muted(lines(summary, width))
