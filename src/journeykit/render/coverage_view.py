"""The coverage heatmap: for each persona, touchpoints per stage and channel.

Built on `journeykit.analysis.coverage.coverage_matrix`, the same numbers the gap
analysis uses. A darker cell means more touchpoints; a stage with no touchpoint for a
persona is a gap (marked in its row); a touchpoint on a channel the persona opted out of
is a consent problem (marked in red, with a cross for grey-scale print).
"""

from __future__ import annotations

from journeykit.analysis.coverage import CoverageMatrix, coverage_matrix
from journeykit.model import Journey, Preference
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines, quote
from journeykit.workspace.project import Located, Project

HEAT = ("#ffffff", "#dbe9f6", "#a6c8e6", "#6aa5d4", "#2f7bbf", "#1d5a94")
PREFERENCE_SYMBOLS = {
    Preference.preferred: "★",
    Preference.accepted: "○",
    Preference.opted_out: "✕",
}
OPTED_OUT = "#b42318"


def _heat(count: int) -> str:
    return HEAT[min(count, len(HEAT) - 1)]


def preferences(project: Project, persona: str) -> dict[str, Preference]:
    located = project.personas.get(persona)
    if located is None:
        return {}
    return {p.channel: p.preference for p in located.item.channels}


def render(project: Project, journey: Located[Journey], persona: str | None = None) -> str:
    """The DOT source of the persona x stage x channel heatmap of `journey`."""
    matrix = coverage_matrix(project, journey, persona)
    model = journey.item
    width = len(matrix.channels) + 2
    sub = "Touchpoints per persona, stage and channel"
    keys = "★ preferred   ○ accepted   ✕ opted out   GAP: no touchpoint in the stage"
    rows = [
        f'<TR><TD COLSPAN="{width}" ALIGN="LEFT">'
        + c.kicker(project)
        + font(f"<B>{esc(model.title)}</B>", size=18)
        + '<BR ALIGN="LEFT"/>'
        + font(esc(sub), size=10, color=c.MUTED)
        + '<BR ALIGN="LEFT"/>'
        + font(esc(keys) + '<BR ALIGN="LEFT"/>', size=9, color=c.MUTED)
        + "</TD></TR>"
    ]
    if not matrix.personas:
        rows.append(
            f'<TR><TD COLSPAN="{width}" ALIGN="LEFT">'
            + font(esc("No persona of this journey matches the filter."), size=10)
            + "</TD></TR>"
        )
    for persona_id in matrix.personas:
        rows.extend(_persona_block(project, model, matrix, persona_id, width))
    table = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="5" BGCOLOR="white">'
        + "".join(rows)
        + "</TABLE>"
    )
    face = quote(c.font_name(project))
    return "\n".join(
        [
            f"digraph {quote(model.id + '.coverage')} {{",
            f'  graph [bgcolor="white", pad="0.25", fontname={face}];',
            f'  node [shape=plain, fontname={face}, fontcolor="{c.INK}"];',
            f"  coverage [label=<{table}>];",
            "}",
            "",
        ]
    )


def _persona_block(
    project: Project, model: Journey, matrix: CoverageMatrix, persona: str, width: int
) -> list[str]:
    prefs = preferences(project, persona)
    names = {s.id: s.name for s in model.stages}
    rows = [
        f'<TR><TD COLSPAN="{width}" ALIGN="LEFT" HEIGHT="30" VALIGN="BOTTOM">'
        + font(f"<B>{esc(c.persona_name(project, persona))}</B>", size=12)
        + "</TD></TR>"
    ]
    head = ['<TD ALIGN="LEFT" WIDTH="150"></TD>']
    for ch in matrix.channels:
        pref = prefs.get(ch)
        symbol = PREFERENCE_SYMBOLS[pref] if pref else " "
        color = OPTED_OUT if pref is Preference.opted_out else c.MUTED
        head.append(
            '<TD VALIGN="BOTTOM" WIDTH="64">'
            + font(lines(c.channel_name(project, ch), 11, 3, "CENTER"), size=8.5)
            + font(esc(symbol), size=9, color=color)
            + "</TD>"
        )
    head.append(f'<TD VALIGN="BOTTOM" WIDTH="60">{font("total", size=8.5, color=c.MUTED)}</TD>')
    rows.append(f"<TR>{''.join(head)}</TR>")
    for stage in matrix.stages:
        cells = [
            f'<TD ALIGN="LEFT" BGCOLOR="{c.PANEL}">'
            + font(esc(c.clean(names.get(stage, stage))[:40]), size=9.5)
            + "</TD>"
        ]
        for ch in matrix.channels:
            count = matrix.count(persona, stage, ch)
            if count and prefs.get(ch) is Preference.opted_out:
                cells.append(
                    f'<TD BGCOLOR="#fde2e1" BORDER="1" COLOR="{OPTED_OUT}">'
                    + font(f"<B>✕ {count}</B>", size=10, color=OPTED_OUT)
                    + "</TD>"
                )
                continue
            ink = "white" if count >= 3 else c.INK
            cells.append(
                f'<TD BGCOLOR="{_heat(count)}" BORDER="1" COLOR="{c.RULE}">'
                + (font(f"<B>{count}</B>", size=10, color=ink) if count else "")
                + "</TD>"
            )
        total = matrix.stage_total(persona, stage)
        status = (
            font(f"{total}", size=9.5, color=c.MUTED)
            if total
            else font("<B>GAP</B>", size=9, color=OPTED_OUT)
        )
        cells.append(f'<TD ALIGN="LEFT">{status}</TD>')
        rows.append(f"<TR>{''.join(cells)}</TR>")
    return rows
