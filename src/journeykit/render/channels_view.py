"""The channel matrix: which channels each stage uses, with example messages.

Rows are stages, columns the channels in catalog order; a cell lists the touchpoints of
that stage on that channel. The last two columns summarise each stage the way a channel
policy is written: the messaging channels used for outbound messages, and the kind of
content sent (the stage's `content`). Several journeys merge stage by stage (by id), which
gives a workspace-wide policy table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from journeykit.model import ChannelKind, Journey, TouchpointKind
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines, quote
from journeykit.workspace.project import Located, Project

KIND_SYMBOLS = {
    TouchpointKind.message: "✉",
    TouchpointKind.action: "▸",
    TouchpointKind.event: "◆",
}


@dataclass(frozen=True, slots=True)
class MatrixEntry:
    journey: str
    touchpoint: str
    name: str
    kind: TouchpointKind
    personas: tuple[str, ...]
    """The personas it applies to (the journey's, when the touchpoint names none)."""


@dataclass(slots=True)
class ChannelMatrix:
    title: str
    stages: list[tuple[str, str]] = field(default_factory=list)
    """(key, name) in order of first appearance; the key is the case-folded name."""
    channels: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], list[MatrixEntry]] = field(default_factory=dict)
    """(stage key, channel id) -> touchpoints."""
    examples: dict[str, list[str]] = field(default_factory=dict)
    """stage key -> example content (the stages' `content`, merged)."""

    def messaging(self, project: Project, stage: str) -> list[str]:
        """Outbound messaging and e-mail channels with a message touchpoint in `stage`."""
        found = []
        for channel in self.channels:
            located = project.channels.get(channel)
            if located is None or located.item.kind not in (
                ChannelKind.messaging,
                ChannelKind.email,
            ):
                continue
            entries = self.cells.get((stage, channel), [])
            if any(e.kind is TouchpointKind.message for e in entries):
                found.append(channel)
        return found


def channel_matrix(
    project: Project, journeys: Sequence[Located[Journey]], persona: str | None = None
) -> ChannelMatrix:
    models = [j.item for j in journeys]
    title = models[0].title if len(models) == 1 else f"{len(models)} journeys"
    matrix = ChannelMatrix(title)
    keys: set[str] = set()
    for model in models:
        # Stages merge by name: journeys of one workspace often share a stage model but
        # not always its ids ("loyalty" in one journey, "engagement" in the next).
        key_of = {s.id: " ".join(s.name.casefold().split()) for s in model.stages}
        for stage in model.stages:
            key = key_of[stage.id]
            if key not in keys:
                keys.add(key)
                matrix.stages.append((key, stage.name))
            examples = matrix.examples.setdefault(key, [])
            examples.extend(x for x in stage.content if x not in examples)
        for tp in c.visible(model, persona):
            entry = MatrixEntry(
                model.id,
                tp.id,
                tp.name,
                tp.kind,
                tuple(tp.personas) if tp.personas else tuple(model.personas),
            )
            stage_key = key_of.get(tp.stage)
            if stage_key is not None:
                matrix.cells.setdefault((stage_key, tp.channel), []).append(entry)
    used = {ch for (_, ch) in matrix.cells}
    matrix.channels = [ch for ch in c.channel_order(project, models) if ch in used]
    return matrix


def render(
    project: Project, journeys: Sequence[Located[Journey]], persona: str | None = None
) -> str:
    """The DOT source of the stage x channel matrix of one journey or several merged."""
    matrix = channel_matrix(project, journeys, persona)
    colors = c.channel_colors(project)
    width = len(matrix.channels) + 3
    rows = [_head(project, matrix, colors)]
    rows.extend(_row(project, matrix, colors, i, stage) for i, stage in enumerate(matrix.stages))
    legend = "   ".join(f"{s} {k.value}" for k, s in KIND_SYMBOLS.items())
    if persona:
        legend += "   ·   for " + esc(c.persona_name(project, persona))
    title = (
        f'<TR><TD COLSPAN="{width}" ALIGN="LEFT">'
        + c.kicker(project)
        + font(f"<B>{esc(matrix.title)}</B>", size=18)
        + '<BR ALIGN="LEFT"/>'
        + font(esc("Channels by stage · ") + legend, size=10, color=c.MUTED)
        + "</TD></TR>"
    )
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="6" BGCOLOR="white">'
        + title
        + "".join(rows)
        + "</TABLE>"
    )
    name = journeys[0].item.id if len(journeys) == 1 else "journeys"
    face = quote(c.font_name(project))
    return "\n".join(
        [
            f"digraph {quote(name + '.channels')} {{",
            f'  graph [bgcolor="white", pad="0.25", fontname={face}];',
            f'  node [shape=plain, fontname={face}, fontcolor="{c.INK}"];',
            f"  matrix [label=<{table}>];",
            "}",
            "",
        ]
    )


def _head(project: Project, matrix: ChannelMatrix, colors: dict[str, str]) -> str:
    """The header row: stage, one column per channel, then the two policy columns."""
    head = [
        f'<TD ALIGN="LEFT" VALIGN="BOTTOM">{font("<B>STAGE</B>", size=8.5, color=c.MUTED)}</TD>'
    ]
    for ch in matrix.channels:
        color = c.color_of(colors, ch)
        head.append(
            f'<TD BGCOLOR="{c.tint(color, 0.55)}" VALIGN="BOTTOM" WIDTH="110">'
            + font(f"<B>{lines(c.channel_name(project, ch), 14, 3, 'CENTER')}</B>", size=10)
            + "</TD>"
        )
    for title in ("Messaging channels", "Example messages"):
        head.append(
            '<TD ALIGN="LEFT" VALIGN="BOTTOM" WIDTH="170">'
            + font(f"<B>{esc(title.upper())}</B>", size=8.5, color=c.MUTED)
            + "</TD>"
        )
    return f"<TR>{''.join(head)}</TR>"


def _row(
    project: Project,
    matrix: ChannelMatrix,
    colors: dict[str, str],
    i: int,
    stage_and_name: tuple[str, str],
) -> str:
    """The row of the `i`th stage: its touchpoints by channel, its policy and examples."""
    stage, name = stage_and_name
    bg = c.PANEL if i % 2 == 0 else "white"
    cells = [
        f'<TD BGCOLOR="{c.STAGE_COLORS[i % len(c.STAGE_COLORS)]}" ALIGN="LEFT" '
        f'BALIGN="LEFT" WIDTH="130">'
        + font(f"<B>{lines(name, 18, 3)}</B>", size=11, color="white")
        + "</TD>"
    ]
    for ch in matrix.channels:
        entries = matrix.cells.get((stage, ch), [])
        text = "".join(
            font(KIND_SYMBOLS[e.kind], color=c.color_of(colors, ch)) + " " + lines(e.name, 20, 3)
            for e in entries
        )
        cells.append(
            f'<TD BGCOLOR="{bg}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">'
            + (font(text, size=8.5) if text else font("·", color=c.RULE))
            + "</TD>"
        )
    policy = ", ".join(c.channel_name(project, ch) for ch in matrix.messaging(project, stage))
    examples = "; ".join(x[:1].lower() + x[1:] for x in matrix.examples.get(stage, []))
    for text in (policy, examples):
        cells.append(
            f'<TD BGCOLOR="{bg}" ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">'
            + font(lines(text, 30, 9) if text else "—", size=9.5)
            + "</TD>"
        )
    return f"<TR>{''.join(cells)}</TR>"
