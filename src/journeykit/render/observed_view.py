"""The observed flow: the designed flow diagram with what customers did drawn over it.

The layout is the designed one (stage clusters, designed transitions pull the ranks);
every edge carries its moves as a number and a width (`observed_numbers.width`); jumps,
moves nobody designed, are edges of their own, dashed and red, that do not pull the
layout; each touchpoint says how many customers reached it and what share of the
instances there dropped off; a touchpoint no event reached is grey and dashed. The
start dot leads to the designed entries with how many instances began there, and by a
dashed edge to the touchpoints where others began.
"""

from __future__ import annotations

from journeykit.measure.result import JourneyMeasure, LogSummary
from journeykit.model import Journey, Touchpoint
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, journey_note, lines, quote, statement
from journeykit.render.flow_view import LABEL_WIDTH, defaults
from journeykit.render.observed_numbers import (
    JUMP_COLOR,
    UNSEEN_FILL,
    UNSEEN_INK,
    Move,
    Observed,
    Spot,
    observe,
    percent,
    plural,
    summary,
)
from journeykit.render.outcomes import end_color, end_shape, end_style
from journeykit.workspace.project import Located, Project

UNUSED_COLOR = "#afb8c1"


def render(
    project: Project,
    journey: Located[Journey],
    measured: JourneyMeasure,
    log: LogSummary,
    persona: str | None = None,
) -> str:
    """The DOT source of `journey`'s flow with the observation `measured` over it."""
    model = journey.item
    colors = c.channel_colors(project)
    shown = c.visible(model, persona)
    seen = observe(model, measured, shown)
    out = [
        f"digraph {quote(model.id + '.observed')} {{",
        *defaults(_title(project, model, log, seen), c.font_name(project)),
    ]
    groups = c.by_stage(model, shown)
    for index, stage in enumerate(model.stages):
        out.extend(_cluster(project, index, stage.id, stage.name, groups[stage.id], colors, seen))
    loose = [t for t in shown if t.stage not in groups]
    out.extend("  " + _node(project, t, colors, seen.spots[t.id]) for t in loose)
    out.extend(_start(seen))
    order = c.touchpoint_order(model)
    external: list[str] = []
    for tp in shown:
        for step in tp.transitions:
            if step.journey is not None:
                target = f"journey:{step.journey}:{step.to}"
                if target not in external:
                    external.append(target)
                    out.append("  " + journey_note(target, step.journey, step.to))
                out.append("  " + statement(f"{quote(tp.id)} -> {quote(target)}", style="dashed"))
            elif (tp.id, step.to) in seen.designed:
                move = seen.designed[(tp.id, step.to)]
                back = c.back_step(order, tp.id, step.to)
                out.append("  " + _designed(move, step.label or step.condition, back, seen))
    out.extend("  " + _jump(j, seen) for j in seen.jumps)
    out.append("}")
    out.append("")
    return "\n".join(out)


def _title(project: Project, model: Journey, log: LogSummary, seen: Observed) -> str:
    keys = "   ".join(
        [
            "N on an edge: moves (solid: designed)",
            "width: 1 + 5·√(moves / busiest)",
            font("⇢ jump: a move not designed (dashed)", color=JUMP_COLOR),
            "▼ drop-off: stopped here, not at an end, of the instances here",
            font("grey: never observed", color=UNSEEN_INK),
            "● start",
        ]
    )
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT">{c.kicker(project)}{font(f"<B>{esc(model.title)}</B>", size=18)}'
        "</TD></TR>"
        f'<TR><TD ALIGN="LEFT">{font(esc(summary(log, seen)), size=10, color=c.MUTED)}'
        "</TD></TR>"
        f'<TR><TD ALIGN="LEFT">{font(keys, size=9, color=c.MUTED)}</TD></TR>'
        "</TABLE>"
    )


def _cluster(
    project: Project,
    index: int,
    stage_id: str,
    name: str,
    touchpoints: list[Touchpoint],
    colors: dict[str, str],
    seen: Observed,
) -> list[str]:
    label = (
        font(f"{index + 1:02d}", size=9, color=c.MUTED) + " " + font(f"<B>{esc(name)}</B>", size=12)
    )
    out = [
        f"  subgraph {quote(f'cluster_{index}')} {{",
        "    "
        + statement(
            "graph",
            html_label=label,
            style="rounded,filled",
            fillcolor=c.PANEL,
            color=c.RULE,
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
    out.extend("    " + _node(project, t, colors, seen.spots[t.id]) for t in touchpoints)
    out.append("  }")
    return out


def _node(project: Project, tp: Touchpoint, colors: dict[str, str], spot: Spot) -> str:
    color = c.color_of(colors, tp.channel) if spot.seen else UNSEEN_INK
    name = lines(tp.name, LABEL_WIDTH, 4, align="CENTER")
    meta = f"{c.channel_name(project, tp.channel)} · {tp.kind.value}"
    label = name + font(esc(meta), size=8, color=c.MUTED) + '<BR ALIGN="CENTER"/>'
    if not spot.seen:
        label += font("<I>never observed</I>", size=8.5, color=UNSEEN_INK)
    else:
        reach = f"{plural(spot.customers, 'customer')} · {plural(spot.visits, 'visit')}"
        label += font(f"<B>{esc(reach)}</B>", size=8.5, color=c.INK)
        if spot.dropped or not tp.end:
            drop = f"▼ {percent(spot.drop_share)} drop-off ({spot.dropped} of {spot.instances})"
            label += '<BR ALIGN="CENTER"/>' + font(
                esc(drop), size=8.5, color=JUMP_COLOR if spot.dropped else c.MUTED
            )
    ending = end_style(tp)
    if tp.end:
        ended = f" · {spot.ended} ended here" if spot.seen else ""
        word, ink = (ending.label, ending.color) if ending else ("◼ end", c.INK)
        label += '<BR ALIGN="CENTER"/>' + font(esc(f"{word}{ended}"), size=8, color=ink)
    styles = "rounded,filled" if spot.seen else "rounded,filled,dashed"
    return statement(
        quote(tp.id),
        id=f"tp-{tp.id}",
        html_label=label,
        fillcolor=c.tint(color) if spot.seen else UNSEEN_FILL,
        color=end_color(tp, color) if spot.seen else color,
        fontcolor=None if spot.seen else UNSEEN_INK,
        **end_shape(tp, styles),
        tooltip=tp.description or tp.name,
    )


def _start(seen: Observed) -> list[str]:
    """The start dot, its designed entries with counts, and the undesigned ones dashed."""
    if not seen.entries:
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
    out = ["  " + start]
    for move in seen.entries.values():
        if move.designed:
            out.append("  " + _designed(move, None, False, seen, color=c.INK))
        else:
            out.append("  " + _jump(move, seen))
    return out


def _moves(move: Move) -> str:
    return f"{move.count} began here" if move.source == "start" else plural(move.count, "move")


def _count(move: Move, color: str) -> str:
    return font(f"<B>{move.count}</B>", size=9, color=color)


def _designed(
    move: Move, text: str | None, back: bool, seen: Observed, color: str = c.MUTED
) -> str:
    """A designed move (solid: dashes are for jumps here); a back-step does not pull."""
    used = move.count > 0
    label = _count(move, c.INK if used else UNUSED_COLOR)
    if text:
        label = font(lines(text, 22, 3, align="CENTER"), size=8) + label
    return statement(
        f"{quote(move.source)} -> {quote(move.target)}",
        id=f"move-{move.source}-{move.target}",
        html_label=label,
        penwidth=seen.width(move.count),
        color=color if used else UNUSED_COLOR,
        constraint=False if back else None,
        tooltip=f"{move.source} → {move.target}: {_moves(move)}",
    )


def _jump(move: Move, seen: Observed) -> str:
    return statement(
        f"{quote(move.source)} -> {quote(move.target)}",
        id=f"jump-{move.source}-{move.target}",
        html_label=font(f"<B>jump {move.count}</B>", size=9, color=JUMP_COLOR),
        penwidth=seen.width(move.count),
        color=JUMP_COLOR,
        style="dashed",
        constraint=False,
        tooltip=f"not designed: {move.source} → {move.target}: {_moves(move)}",
    )
