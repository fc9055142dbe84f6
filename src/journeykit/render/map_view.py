"""The journey map: stages as columns, one lane per aspect, as a Graphviz HTML table.

Lanes: customer intent, touchpoints, channels, the emotion curve, pain points,
opportunities, KPIs (actual against target) and owners. More than `MAX_COLUMNS` stages
wrap into several rows of columns, so the picture stays narrow enough for a PNG.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from journeykit.model import Journey, Stage, Touchpoint
from journeykit.project import Located, Project
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines, quote

MAX_COLUMNS = 6
COLUMN_WIDTH = 230
LABEL_WIDTH = 104
TEXT = 36
"""Characters per line in a stage column."""
MAX_DOTS = 14
"""Emotion dots per stage before the curve shows counts instead."""


def render(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
) -> str:
    """The DOT source of the journey map of `journey` (for `persona` only, when given)."""
    model = journey.item
    marked = c.check_marks(marks)
    colors = c.channel_colors(project)
    groups = c.by_stage(model, c.visible(model, persona))
    stages = list(model.stages)
    rows = max(1, -(-len(stages) // MAX_COLUMNS))
    per_row = -(-len(stages) // rows)
    chunks = [stages[i : i + per_row] for i in range(0, len(stages), per_row)]
    ctx = _Ctx(project, colors, groups, marked, {s.id: i for i, s in enumerate(stages)})
    width = max(len(chunk) for chunk in chunks) + 1
    body = [_title_row(project, model, persona, width)]
    for n, chunk in enumerate(chunks):
        if n:
            body.append(f'<TR><TD COLSPAN="{width}" HEIGHT="14"></TD></TR>')
        body.extend(_chunk_rows(ctx, chunk, width))
    body.append(_legend_row(ctx, model, width))
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="7" BGCOLOR="white">'
        + "".join(body)
        + "</TABLE>"
    )
    return "\n".join(
        [
            f"digraph {quote(model.id + '.map')} {{",
            f'  graph [bgcolor="white", pad="0.25", fontname={quote(c.FONT)}];',
            f'  node [shape=plain, fontname={quote(c.FONT)}, fontsize=10, fontcolor="{c.INK}"];',
            f"  map [label=<{table}>];",
            "}",
            "",
        ]
    )


class _Ctx:
    def __init__(
        self,
        project: Project,
        colors: dict[str, str],
        groups: dict[str, list[Touchpoint]],
        marks: dict[str, str],
        stage_index: dict[str, int],
    ) -> None:
        self.project = project
        self.colors = colors
        self.groups = groups
        self.marks = marks
        self.stage_index = stage_index


def _title_row(project: Project, model: Journey, persona: str | None, width: int) -> str:
    names = [c.persona_name(project, p) for p in model.personas]
    if persona is not None:
        names = [c.persona_name(project, persona)]
    facts = [model.map_type.value.replace("-", " "), model.status.value]
    if model.owner:
        facts.append(f"owner: {model.owner}")
    sub = " · ".join(facts)
    who = "For: " + "; ".join(names)
    title = font(f"<B>{esc(model.title)}</B>", size=20)
    text = (
        title
        + '<BR ALIGN="LEFT"/>'
        + font(lines(sub, 140, 2) + lines(who, 140, 3), size=11, color=c.MUTED)
    )
    return f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR>'


def _chunk_rows(ctx: _Ctx, chunk: list[Stage], width: int) -> list[str]:
    rows = [_header_row(ctx, chunk)]
    lanes: list[tuple[str, Callable[[_Ctx, Stage], str]]] = [
        ("Customer intent", _intent),
        ("Touchpoints", _touchpoints),
        ("Channels", _channels),
        ("Emotion", _emotion),
        ("Pain points", _pains),
        ("Opportunities", _opportunities),
        ("KPIs", _kpis),
        ("Owners", _owners),
    ]
    for i, (label, cell) in enumerate(lanes):
        bg = c.PANEL if i % 2 == 0 else "white"
        cells = "".join(
            f'<TD BGCOLOR="{bg}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT" '
            f'WIDTH="{COLUMN_WIDTH}">{cell(ctx, s)}</TD>'
            for s in chunk
        )
        pad = "".join(f'<TD BGCOLOR="{bg}"></TD>' for _ in range(width - 1 - len(chunk)))
        head = font(f"<B>{esc(label.upper())}</B>", size=8.5, color=c.MUTED)
        rows.append(
            f'<TR><TD BGCOLOR="{bg}" ALIGN="RIGHT" VALIGN="TOP" WIDTH="{LABEL_WIDTH}">'
            f"{head}</TD>{cells}{pad}</TR>"
        )
    return rows


def _header_row(ctx: _Ctx, chunk: list[Stage]) -> str:
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
        phase = f"{index + 1:02d}" + (f" · {stage.phase.value.upper()}" if stage.phase else "")
        cells.append(
            f'<TD BGCOLOR="{color}" ALIGN="LEFT" BALIGN="LEFT" WIDTH="{COLUMN_WIDTH}">'
            + font(esc(phase), size=8, color="#dbe4ee")
            + '<BR ALIGN="LEFT"/>'
            + font(f"<B>{name}</B>", size=13, color="white")
            + "</TD>"
        )
    return f'<TR><TD WIDTH="{LABEL_WIDTH}"></TD>{"".join(cells)}</TR>'


def _muted(text: str) -> str:
    return font(text, size=8.5, color=c.MUTED)


def _none() -> str:
    return _muted("—")


def _intent(ctx: _Ctx, stage: Stage) -> str:
    if not stage.intent and not stage.questions:
        return _none()
    out = ""
    if stage.intent:
        out += font(f"<I>{lines(stage.intent, TEXT, 4)}</I>", size=10)
    for question in stage.questions[:3]:
        out += _muted(lines("“" + question + "”", TEXT + 4, 2))
    return out


def _touchpoints(ctx: _Ctx, stage: Stage) -> str:
    items = ctx.groups.get(stage.id, [])
    if not items:
        return _muted("no touchpoints")
    out = []
    for tp in items:
        color = c.color_of(ctx.colors, tp.channel)
        mark = ctx.marks.get(tp.id)
        prefix = ""
        if mark:
            style = c.MARK_STYLES[mark]
            prefix = font(f"<B>{style.symbol}</B> ", color=style.color)
        name = lines(tp.name, TEXT - 2, 3)
        if mark == "removed":
            name = f"<S>{name}</S>"
        meta = f"{c.channel_name(ctx.project, tp.channel)} · {tp.kind.value}"
        if tp.evidence is not None and tp.evidence.kind.value == "assumption":
            meta += " · assumption"
        out.append(
            font("■", color=color)
            + " "
            + prefix
            + font(name, size=10)
            + _muted(lines(meta, TEXT + 6, 2))
        )
    return '<BR ALIGN="LEFT"/>'.join(out)


def _channels(ctx: _Ctx, stage: Stage) -> str:
    seen: list[str] = []
    for tp in ctx.groups.get(stage.id, []):
        if tp.channel not in seen:
            seen.append(tp.channel)
    if not seen:
        return _none()
    chips = [
        font("●", color=c.color_of(ctx.colors, ch)) + " " + esc(c.channel_name(ctx.project, ch))
        for ch in seen
    ]
    return font('<BR ALIGN="LEFT"/>'.join(chips) + '<BR ALIGN="LEFT"/>', size=10)


def _emotion(ctx: _Ctx, stage: Stage) -> str:
    scored = [t for t in ctx.groups.get(stage.id, []) if t.emotion is not None]
    if not scored:
        return _muted("not recorded")
    # The dots share the column's width, so the plot fills the cell like a chart.
    dot_width = max(12, (COLUMN_WIDTH - 36) // max(1, min(len(scored), MAX_DOTS)))
    rows = []
    for score in (2, 1, 0, -1, -2):
        band = "#eef6ee" if score > 0 else ("#fbeeee" if score < 0 else "#f1f3f5")
        axis = font(c.signed(score), size=7, color=c.MUTED)
        if len(scored) <= MAX_DOTS:
            dots = "".join(
                f'<TD WIDTH="{dot_width}" BGCOLOR="{band}">'
                + (
                    font("●", size=11, color=c.EMOTION_COLORS[score])
                    if t.emotion is not None and t.emotion.score == score
                    else ""
                )
                + "</TD>"
                for t in scored
            )
        else:
            n = sum(1 for t in scored if t.emotion is not None and t.emotion.score == score)
            text = font("●", size=11, color=c.EMOTION_COLORS[score]) + f" \u00d7 {n}" if n else ""
            dots = f'<TD BGCOLOR="{band}" ALIGN="LEFT">{text}</TD>'
        rows.append(f'<TR><TD WIDTH="16" ALIGN="RIGHT">{axis}</TD>{dots}</TR>')
    low = min(scored, key=lambda t: t.emotion.score if t.emotion else 0)
    assert low.emotion is not None
    average = sum(t.emotion.score for t in scored if t.emotion) / len(scored)
    word = f" ({low.emotion.label})" if low.emotion.label else ""
    mean = f"{average:+.1f}".replace("-", "\u2212")
    summary = f"average {mean} · lowest {c.signed(low.emotion.score)}{word}"
    columns = (len(scored) if len(scored) <= MAX_DOTS else 1) + 1
    rows.append(
        f'<TR><TD COLSPAN="{columns}" ALIGN="LEFT" BALIGN="LEFT">'
        f"{_muted(lines(summary, TEXT + 6, 2))}</TD></TR>"
    )
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>"
    )


def _pains(ctx: _Ctx, stage: Stage) -> str:
    out = []
    for tp in ctx.groups.get(stage.id, []):
        for pain in tp.pain_points:
            color = c.SEVERITY_COLORS[pain.severity]
            out.append(
                font("▲", color=color)
                + " "
                + font(lines(pain.description, TEXT - 2, 6), size=9.5)
                + _muted(lines(f"{pain.severity} · {tp.name}", TEXT + 6, 1))
            )
    return '<BR ALIGN="LEFT"/>'.join(out) if out else _none()


def _opportunities(ctx: _Ctx, stage: Stage) -> str:
    out = []
    for tp in ctx.groups.get(stage.id, []):
        for opp in tp.opportunities:
            owner = _muted(lines(opp.owner, TEXT + 6, 1)) if opp.owner else ""
            out.append(
                font("◆", color="#1971c2")
                + " "
                + font(lines(opp.description, TEXT - 2, 6), size=9.5)
                + owner
            )
    return '<BR ALIGN="LEFT"/>'.join(out) if out else _none()


def _kpis(ctx: _Ctx, stage: Stage) -> str:
    kpis = list(stage.kpis) + [k for t in ctx.groups.get(stage.id, []) for k in t.kpis]
    if not kpis:
        return _none()
    out = []
    for kpi in kpis:
        met = c.kpi_met(kpi)
        badge = (
            font("✔", color="#2b8a3e")
            if met
            else font("✘", color="#b42318")
            if met is False
            else font("○", color=c.MUTED)
        )
        out.append(
            badge
            + " "
            + font(lines(kpi.name, TEXT - 2, 3), size=9.5)
            + _muted(lines(c.kpi_values(kpi), TEXT + 6, 2))
        )
    return '<BR ALIGN="LEFT"/>'.join(out)


def _owners(ctx: _Ctx, stage: Stage) -> str:
    owners: list[str] = []
    for tp in ctx.groups.get(stage.id, []):
        if tp.owner and tp.owner not in owners:
            owners.append(tp.owner)
    if not owners:
        return _none()
    return font("".join(lines(o, TEXT) for o in owners), size=9.5)


def _legend_row(ctx: _Ctx, model: Journey, width: int) -> str:
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
