"""The journey map: stages as columns, one lane per aspect, as a Graphviz HTML table.

Lanes: customer intent, touchpoints, channels, the emotion curve, pain points,
opportunities, KPIs (actual against target) and owners. More than `MAX_COLUMNS` stages
wrap into several rows of columns, so the picture stays narrow enough for a PNG.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeykit.analysis.curve import EmotionPaths
from journeykit.model import Journey, Stage
from journeykit.render import common as c
from journeykit.render import map_emotion
from journeykit.render.dotlang import esc, font, lines, quote
from journeykit.render.map_lanes import COLUMN_WIDTH, MapContext, emotion
from journeykit.render.map_rows import drawn_lanes, label_markup
from journeykit.render.outcomes import used_styles
from journeykit.workspace.project import Located, Project

MAX_COLUMNS = 6
LABEL_WIDTH = 104


def render(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
    part: Slice | None = None,
) -> str:
    """The DOT source of the journey map of `journey` (for `persona` only, when given);
    with `part`, only that share of it (see `Slice`)."""
    model = journey.item
    marked = c.check_marks(marks)
    colors = c.channel_colors(project)
    groups = c.by_stage(model, c.visible(model, persona))
    stages = list(model.stages)
    rows = max(1, -(-len(stages) // MAX_COLUMNS))
    per_row = -(-len(stages) // rows)
    chunks = [stages[i : i + per_row] for i in range(0, len(stages), per_row)]
    if part is not None:
        chunks = [stages[part.first : part.end]]
    path = [p.touchpoint.id for p in EmotionPaths(model).curve(persona)]
    index = {s.id: i for i, s in enumerate(stages)}
    ctx = MapContext(project, colors, groups, marked, index, path, model.personas)
    width = max(len(chunk) for chunk in chunks) + 1
    note = None if part is None else _part_note(ctx, part, len(stages))
    body = [_title_row(project, model, persona, width, note)]
    for n, chunk in enumerate(chunks):
        if n:
            body.append(f'<TR><TD COLSPAN="{width}" HEIGHT="14"></TD></TR>')
        body.extend(_chunk_rows(ctx, chunk, width, part.lanes if part else None))
    body.append(_legend_row(ctx, model, width))
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="7" BGCOLOR="white">'
        + "".join(body)
        + "</TABLE>"
    )
    face = quote(c.font_name(project))
    return "\n".join(
        [
            f"digraph {quote(model.id + '.map')} {{",
            f'  graph [bgcolor="white", pad="0.25", fontname={face}];',
            f'  node [shape=plain, fontname={face}, fontsize=10, fontcolor="{c.INK}"];',
            f"  map [label=<{table}>];",
            "}",
            "",
        ]
    )


@dataclass(frozen=True, slots=True)
class Slice:
    """A share of the map for a slide: the stages `first` to `end - 1` (0-based) in one
    row, and of the map's rows (the lanes below the stage headers) `lanes[0]` to
    `lanes[1] - 1` (None: all). Stages keep their numbers, every part has the lanes of the
    whole map in the same colours, and the emotion curve enters at the level it left, so
    the parts read as one map; the title says which part it is."""

    first: int
    end: int
    lanes: tuple[int, int] | None = None


def _part_note(ctx: MapContext, part: Slice, stages: int) -> str:
    """ "stages 2-4 of 7", and with a share of the lanes "· rows 1-6 of 13: Intent to Feeling"."""
    first, end = part.first + 1, part.end
    note = (f"stage {first}" if first == end else f"stages {first}-{end}") + f" of {stages}"
    if part.lanes is not None:
        labels = [label for label, _ in drawn_lanes(ctx)]
        a, b = part.lanes
        if b - a == 1:
            note += f" · row {b} of {len(labels)}: {labels[a]}"
        else:
            note += f" · rows {a + 1}-{b} of {len(labels)}: {labels[a]} to {labels[b - 1]}"
    return note


def _title_row(
    project: Project, model: Journey, persona: str | None, width: int, note: str | None
) -> str:
    names = [c.persona_name(project, p) for p in model.personas]
    if persona is not None:
        names = [c.persona_name(project, persona)]
    facts = [model.map_type.value.replace("-", " "), model.status.value]
    if model.owner:
        facts.append(f"owner: {model.owner}")
    if note is not None:
        facts.insert(0, note)
    sub = " · ".join(facts)
    who = "For: " + "; ".join(names)
    title = c.kicker(project) + font(f"<B>{esc(model.title)}</B>", size=20)
    text = (
        title
        + '<BR ALIGN="LEFT"/>'
        + font(lines(sub, 140, 2) + lines(who, 140, 3), size=11, color=c.MUTED)
    )
    return f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR>'


def _chunk_rows(
    ctx: MapContext, chunk: list[Stage], width: int, lanes: tuple[int, int] | None = None
) -> list[str]:
    rows = [_header_row(ctx, chunk)]
    drawn = list(enumerate(drawn_lanes(ctx)))
    for i, (label, cell) in drawn if lanes is None else drawn[lanes[0] : lanes[1]]:
        bg = c.PANEL if i % 2 == 0 else "white"
        if cell is emotion:
            cells = _emotion_cell(ctx, chunk, bg)
        else:
            cells = "".join(
                f'<TD BGCOLOR="{bg}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT" '
                f'WIDTH="{COLUMN_WIDTH}">{cell(ctx, s)}</TD>'
                for s in chunk
            )
        pad = "".join(f'<TD BGCOLOR="{bg}"></TD>' for _ in range(width - 1 - len(chunk)))
        head = font(f"<B>{label_markup(label)}</B>", size=8.5, color=c.MUTED)
        rows.append(
            f'<TR><TD BGCOLOR="{bg}" ALIGN="RIGHT" VALIGN="TOP" WIDTH="{LABEL_WIDTH}">'
            f"{head}</TD>{cells}{pad}</TR>"
        )
    return rows


def _emotion_cell(ctx: MapContext, chunk: list[Stage], bg: str) -> str:
    """The emotion lane across the row's stages: one cell, so the curve is unbroken."""
    first = ctx.stage_index[chunk[0].id]
    before = [p for s, ps in ctx.points.items() if ctx.stage_index[s] < first for p in ps]
    keys = [emotion(ctx, s) for s in chunk]
    plot = map_emotion.lane(ctx.points, chunk, COLUMN_WIDTH, before, keys)
    return (
        f'<TD COLSPAN="{len(chunk)}" CELLPADDING="0" BGCOLOR="{bg}" ALIGN="LEFT" '
        f'VALIGN="TOP" BALIGN="LEFT">{plot}</TD>'
    )


def _header_row(ctx: MapContext, chunk: list[Stage]) -> str:
    cells = []
    for stage in chunk:
        index = ctx.stage_index[stage.id]
        color = c.STAGE_COLORS[index % len(c.STAGE_COLORS)]
        mark = ctx.marks.get(stage.id)
        name = lines(stage.name, 26, 3)
        if mark:
            style = c.MARK_STYLES[mark]
            name = f"{style.symbol} {name}"
            color = style.color
        phase = f"{index + 1:02d}" + (f" · {stage.phase.upper()}" if stage.phase else "")
        cells.append(
            f'<TD BGCOLOR="{color}" ALIGN="LEFT" BALIGN="LEFT" WIDTH="{COLUMN_WIDTH}">'
            + font(esc(phase), size=8, color="#dbe4ee")
            + '<BR ALIGN="LEFT"/>'
            + font(f"<B>{name}</B>", size=13, color="white")
            + "</TD>"
        )
    return f'<TR><TD WIDTH="{LABEL_WIDTH}"></TD>{"".join(cells)}</TR>'


def _legend_row(ctx: MapContext, model: Journey, width: int) -> str:
    # (visible text, markup): the legend wraps to the width of the map, so a short map
    # is not stretched by a long legend.
    items = [
        (f"■ {c.channel_name(ctx.project, ch)}", font("■", color=c.color_of(ctx.colors, ch)))
        for ch in c.channel_order(ctx.project, [model])
    ]
    items.append(("", ""))
    items += [
        (f"● {c.signed(s)} {c.EMOTION_WORDS[s]}", font("●", color=c.EMOTION_COLORS[s]))
        for s in (2, 1, 0, -1, -2)
    ]
    items += [
        ("✔ target met", font("✔", color="#2b8a3e")),
        ("✘ target missed", font("✘", color="#b42318")),
        ("○ no target or no data", font("○", color=c.MUTED)),
        ("▲ pain point (red high, orange medium, grey low)", font("▲", color="#b42318")),
        ("◆ opportunity", font("◆", color="#1971c2")),
    ]
    shown = [t for tps in ctx.groups.values() for t in tps]
    items += [(e.key, font(f"<B>{e.symbol}</B>", color=e.color)) for e in used_styles(shown)]
    items += [
        (f"{s.symbol} {s.label}", font(f"<B>{s.symbol}</B>", color=s.color))
        for m, s in c.MARK_STYLES.items()
        if m in ctx.marks.values()
    ]
    limit = max(70, (width - 1) * 36 + 14)
    out, length = [], 0
    for text, glyph in items:
        if not text or (length and length + len(text) + 3 > limit):
            out.append('<BR ALIGN="LEFT"/>')
            length = 0
            if not text:
                continue
        elif length:
            out.append("   ")
            length += 3
        out.append(glyph + " " + esc(text.split(" ", 1)[1]))
        length += len(text)
    return (
        f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{c.PANEL}">'
        + font("".join(out) + '<BR ALIGN="LEFT"/>', size=8.5, color=c.MUTED)
        + "</TD></TR>"
    )
