"""The map's optional rows: the customer's side (doing, thinking, feeling, quotes), the
message copy, and the workspace's own lanes (`[map] lanes` in journeykit.toml).

Each is drawn only when some touchpoint on the map fills it: most maps fill a few, and an
empty row across every stage would only push the pain points out of sight.
"""

from __future__ import annotations

from collections.abc import Callable

from journeykit.model import Stage, Touchpoint
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines
from journeykit.render.map_lanes import LANES, TEXT, MapContext, channels, emotion

Cell = Callable[[MapContext, Stage], str]
Lane = tuple[str, Cell]
Value = Callable[[Touchpoint], str | None]

COPY_PAPER = "#fff8db"
"""Message copy sits on a card of this colour: it reads as the words sent, not as notes."""
COPY_EDGE = "#e3cf8a"


def _muted(text: str) -> str:
    return font(text, size=8.5, color=c.MUTED)


def _by(tp: Touchpoint) -> str:
    return _muted(lines(tp.name, TEXT + 6, 1))


def _text_cell(value: Value, italic: bool = False, mood: bool = False) -> Cell:
    """A cell with one entry per touchpoint of the stage that has a `value`, marked with
    its channel's square (`mood`: its emotion's dot, where it has a score)."""

    def cell(ctx: MapContext, stage: Stage) -> str:
        out = []
        for tp in ctx.groups.get(stage.id, []):
            text = value(tp)
            if not text:
                continue
            body = lines(text, TEXT - 2, 5)
            out.append(
                _dot(ctx, tp, mood)
                + " "
                + font(f"<I>{body}</I>" if italic else body, size=9.5)
                + _by(tp)
            )
        return '<BR ALIGN="LEFT"/>'.join(out) if out else _muted("—")

    return cell


def _dot(ctx: MapContext, tp: Touchpoint, mood: bool) -> str:
    if mood and tp.emotion is not None:
        return font("●", color=c.EMOTION_COLORS[tp.emotion.score])
    return font("■", color=c.color_of(ctx.colors, tp.channel))


def quotes(ctx: MapContext, stage: Stage) -> str:
    out = []
    for tp in ctx.groups.get(stage.id, []):
        for said in tp.quotes:
            text = font(f"<I>{lines('“' + said.strip() + '”', TEXT - 2, 6)}</I>", size=9.5)
            out.append(text + _muted(lines("— at " + tp.name, TEXT + 6, 1)))
    return '<BR ALIGN="LEFT"/>'.join(out) if out else _muted("—")


def copy(ctx: MapContext, stage: Stage) -> str:
    """The message copy of the stage's touchpoints on one card: Graphviz stretches a
    table to its cell, so one card per message would grow uneven gaps."""
    copies = []
    for tp in ctx.groups.get(stage.id, []):
        if not tp.content:
            continue
        meta = f"{c.channel_name(ctx.project, tp.channel)} · {tp.name}"
        copies.append(
            font(lines(tp.content, TEXT - 4, 6), size=9.5, color=c.INK)
            + _muted(lines(meta, TEXT + 2, 1))
        )
    if not copies:
        return _muted("—")
    return (
        f'<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="6" COLOR="{COPY_EDGE}">'
        f'<TR><TD BGCOLOR="{COPY_PAPER}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">'
        + '<BR ALIGN="LEFT"/>'.join(copies)
        + "</TD></TR></TABLE>"
    )


CUSTOMER: list[tuple[str, Cell, Value]] = [
    ("Doing", _text_cell(lambda tp: tp.doing), lambda tp: tp.doing),
    ("Thinking", _text_cell(lambda tp: tp.thinking, italic=True), lambda tp: tp.thinking),
    ("Feeling", _text_cell(lambda tp: tp.feeling, mood=True), lambda tp: tp.feeling),
]
"""Drawn after the channels, above the emotion curve: label, cell, what fills it."""

SAID: list[tuple[str, Cell, Value]] = [
    ("Quotes", quotes, lambda tp: "x" if tp.quotes else None),
    ("Message copy", copy, lambda tp: tp.content),
]
"""Drawn below the emotion curve."""


def _filled(ctx: MapContext, value: Value) -> bool:
    return any(value(tp) for tps in ctx.groups.values() for tp in tps)


def _own_lane(key: str) -> tuple[Cell, Value]:
    def value(tp: Touchpoint) -> str | None:
        return tp.lanes.get(key)

    return _text_cell(value), value


def drawn_lanes(ctx: MapContext) -> list[Lane]:
    """The rows of this map, top to bottom: the built-in lanes with the optional rows that
    some touchpoint fills, then the workspace's own lanes in the order declared."""
    out: list[Lane] = []
    for label, cell in LANES:
        out.append((label, cell))
        extra = CUSTOMER if cell is channels else SAID if cell is emotion else []
        out.extend((name, more) for name, more, value in extra if _filled(ctx, value))
    for lane in ctx.project.config.map.lanes:
        cell, value = _own_lane(lane.key)
        if _filled(ctx, value):
            out.append((lane.title, cell))
    return out


def label_markup(label: str) -> str:
    """A row's label; a long one (a workspace's own lane) wraps in the label column."""
    text = label.upper()
    if len(text) <= 16:
        return esc(text)
    return lines(text, 16, 3, align="RIGHT")
