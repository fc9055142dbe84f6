"""The flow diagram: touchpoints as nodes in stage clusters, transitions as edges.

Nodes are filled with their channel's colour and show the emotion; back-steps (to an
earlier stage or touchpoint) are dashed and do not pull the layout; ends have a double
border; steps into another journey end in a note-shaped node. No `splines=ortho`: it is
slow and crashes Graphviz 2.43 on large graphs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from journeykit.model import Journey, Stage, Touchpoint, Transition
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, journey_note, lines, quote, statement
from journeykit.render.outcomes import end_color, end_line, end_shape, used_styles
from journeykit.workspace.project import Located, Project

LABEL_WIDTH = 24


def render(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
) -> str:
    """The DOT source of the touchpoint graph of `journey` (for `persona`, when given)."""
    model = journey.item
    marked = c.check_marks(marks)
    colors = c.channel_colors(project)
    shown = c.visible(model, persona)
    ids = {t.id for t in shown}
    order = c.touchpoint_order(model)
    title = _title(project, model, persona, shown, colors, marked)
    out = [f"digraph {quote(model.id + '.flow')} {{", *defaults(title, c.font_name(project))]
    groups = c.by_stage(model, shown)
    for index, stage in enumerate(model.stages):
        out.extend(
            _cluster(project, index, stage, groups[stage.id], colors, marked, model.personas)
        )
    loose = [t for t in shown if t.stage not in groups]
    out.extend("  " + _node(project, t, colors, marked, model.personas) for t in loose)
    out.extend(_start([t for t in model.entries() if t.id in ids]))
    external: list[str] = []
    for tp in shown:
        for step in tp.transitions:
            out.extend(_edge(tp, step, ids, order, marked, external))
    out.append("}")
    out.append("")
    return "\n".join(out)


def defaults(title: str, fontname: str = c.FONT) -> list[str]:
    """The graph, node and edge defaults, under the title's HTML label."""
    return [
        "  "
        + statement(
            "graph",
            rankdir="LR",
            newrank=True,
            compound=True,
            fontname=fontname,
            bgcolor="white",
            pad="0.3",
            nodesep="0.22",
            ranksep="0.45",
            labelloc="t",
            labeljust="l",
            html_label=title,
        ),
        "  "
        + statement(
            "node",
            shape="box",
            style="rounded,filled",
            fontname=fontname,
            fontsize=10,
            fontcolor=c.INK,
            margin="0.14,0.07",
            penwidth=1.2,
        ),
        "  "
        + statement(
            "edge", fontname=fontname, fontsize=8, fontcolor=c.MUTED, color=c.MUTED, arrowsize=0.7
        ),
    ]


def _start(entries: list[Touchpoint]) -> list[str]:
    """The start dot and its arrows to the journey's entries, if any is shown."""
    if not entries:
        return []
    start = statement(
        quote("start"),
        shape="circle",
        label="",
        width=0.16,
        style="filled",
        fillcolor=c.INK,
        color=c.INK,
        tooltip="journey start",
    )
    arrows = (statement(f"{quote('start')} -> {quote(t.id)}", color=c.INK) for t in entries)
    return ["  " + start, *("  " + a for a in arrows)]


def _title(
    project: Project,
    model: Journey,
    persona: str | None,
    shown: list[Touchpoint],
    colors: dict[str, str],
    marks: dict[str, str],
) -> str:
    who = c.persona_name(project, persona) if persona else f"{len(model.personas)} personas"
    sub = f"Touchpoint flow · {len(shown)} touchpoints · {who}"
    used = c.channel_order(project, [model.model_copy(update={"touchpoints": shown})])
    chips = "  ".join(
        font("■", color=c.color_of(colors, ch)) + " " + esc(c.channel_name(project, ch))
        for ch in used
    )
    keys = "   ".join(
        [
            "→ next step",
            "⇠ back-step (dashed)",
            "double border: end",
            "● start",
        ]
        + [font(f"<B>{esc(e.key)}</B>", color=e.color) for e in used_styles(shown)]
        + [
            font(f"<B>{s.symbol}</B>", color=s.color) + f" {s.label} ({s.style})"
            for m, s in c.MARK_STYLES.items()
            if m in marks.values()
        ]
    )
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT">{c.kicker(project)}{font(f"<B>{esc(model.title)}</B>", size=18)}'
        "</TD></TR>"
        f'<TR><TD ALIGN="LEFT">{font(esc(sub), size=10, color=c.MUTED)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{font(chips, size=9, color=c.MUTED)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{font(keys, size=9, color=c.MUTED)}</TD></TR>'
        "</TABLE>"
    )


def _cluster(
    project: Project,
    index: int,
    stage: Stage,
    touchpoints: list[Touchpoint],
    colors: dict[str, str],
    marks: dict[str, str],
    everyone: Sequence[str],
) -> list[str]:
    stage_id, name = stage.id, stage.name
    mark = marks.get(stage_id)
    style = c.MARK_STYLES[mark] if mark else None
    label = (
        font(f"{index + 1:02d}", size=9, color=c.MUTED)
        + " "
        + font(f"<B>{(style.symbol + ' ') if style else ''}{esc(name)}</B>", size=12)
    )
    out = [
        f"  subgraph {quote(f'cluster_{index}')} {{",
        "    "
        + statement(
            "graph",
            html_label=label,
            style="rounded,filled" + (f",{style.style}" if style else ""),
            fillcolor=c.PANEL,
            color=style.color if style else c.RULE,
            penwidth=style.penwidth if style else None,
            labeljust="l",
            margin="12",
        ),
    ]
    if not touchpoints:
        out.append(
            "    "
            + statement(
                quote(f"empty:{stage_id}"),
                shape="plain",
                style="",
                html_label=font("no touchpoints", size=9, color=c.MUTED),
            )
        )
    out.extend("    " + _node(project, t, colors, marks, everyone) for t in touchpoints)
    out.append("  }")
    return out


def _node(
    project: Project,
    tp: Touchpoint,
    colors: dict[str, str],
    marks: dict[str, str],
    everyone: Sequence[str],
) -> str:
    color = c.color_of(colors, tp.channel)
    mark = marks.get(tp.id)
    style = c.MARK_STYLES[mark] if mark else None
    name = lines(tp.name, LABEL_WIDTH, 4, align="CENTER")
    if style:
        name = font(f"<B>{style.symbol}</B> ", color=style.color) + name
    if mark == "removed":
        name = f"<S>{name}</S>"
    meta = f"{c.channel_name(project, tp.channel)} · {tp.kind.value}"
    meta += c.for_whom(project, tp, everyone)
    label = name + font(esc(meta), size=8, color=c.MUTED)
    if tp.emotion is not None:
        word = f" {tp.emotion.label}" if tp.emotion.label else ""
        label += '<BR ALIGN="CENTER"/>' + font(
            "● " + esc(f"{c.signed(tp.emotion.score)}{word}"),
            size=8.5,
            color=c.EMOTION_COLORS[tp.emotion.score],
        )
    if tp.evidence is not None and tp.evidence.kind.value == "assumption":
        label += '<BR ALIGN="CENTER"/>' + font("<I>assumption</I>", size=8, color="#9a6700")
    label += end_line(tp)
    styles = "rounded,filled" + (f",{style.style}" if style and style.style != "bold" else "")
    return statement(
        quote(tp.id),
        id=f"tp-{tp.id}",
        html_label=label,
        fillcolor=c.tint(color),
        color=style.color if style else end_color(tp, color),
        penwidth=style.penwidth if style else None,
        **end_shape(tp, styles),
        tooltip=tp.description or tp.name,
    )


def _edge(
    tp: Touchpoint,
    step: Transition,
    ids: set[str],
    order: dict[str, tuple[int, int]],
    marks: dict[str, str],
    external: list[str],
) -> list[str]:
    mark = marks.get(f"{tp.id}->{step.to}")
    style = c.MARK_STYLES[mark] if mark else None
    label = _edge_label(step, style)
    extra = {
        "color": style.color if style else None,
        "penwidth": style.penwidth if style else None,
    }
    out = []
    if step.journey is not None:
        target = f"journey:{step.journey}:{step.to}"
        if target not in external:
            external.append(target)
            out.append("  " + journey_note(target, step.journey, step.to))
        out.append(
            "  "
            + statement(
                f"{quote(tp.id)} -> {quote(target)}",
                html_label=label,
                style=style.style if style else "dashed",
                **extra,
            )
        )
        return out
    if step.to not in ids:
        return out
    back = c.back_step(order, tp.id, step.to)
    line = style.style if style else ("dashed" if back else None)
    out.append(
        "  "
        + statement(
            f"{quote(tp.id)} -> {quote(step.to)}",
            html_label=label,
            style=line,
            constraint=False if back else None,
            **extra,
        )
    )
    return out


def _edge_label(step: Transition, style: c.MarkStyle | None) -> str | None:
    label = None
    if step.label:
        label = font(lines(step.label, 22, 3, align="CENTER"), size=8)
    elif step.condition:
        label = font(f"<I>{lines(step.condition, 22, 3, align='CENTER')}</I>", size=8)
    if style:
        label = font(f"<B>{style.symbol}</B>", color=style.color) + (f" {label}" if label else "")
    return label
