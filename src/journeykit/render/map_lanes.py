"""The lanes of the journey map: one function per lane, each returning a cell's markup."""

from __future__ import annotations

from collections.abc import Callable

from journeykit.analysis.measurement import meets_target
from journeykit.model import Stage, Touchpoint
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font, lines
from journeykit.workspace.project import Project

COLUMN_WIDTH = 230
TEXT = 36
"""Characters per line in a stage column."""
MAX_DOTS = 14
"""Emotion dots per stage before the curve shows counts instead."""


class MapContext:
    """What every lane cell needs."""

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


def _muted(text: str) -> str:
    return font(text, size=8.5, color=c.MUTED)


def _none() -> str:
    return _muted("—")


def intent(ctx: MapContext, stage: Stage) -> str:
    if not stage.intent and not stage.questions:
        return _none()
    out = ""
    if stage.intent:
        out += font(f"<I>{lines(stage.intent, TEXT, 4)}</I>", size=10)
    for question in stage.questions[:3]:
        out += _muted(lines("“" + question + "”", TEXT + 4, 2))
    return out


def touchpoints(ctx: MapContext, stage: Stage) -> str:
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


def channels(ctx: MapContext, stage: Stage) -> str:
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


def emotion(ctx: MapContext, stage: Stage) -> str:
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
    # + 0.0: an average that rounds to zero from below would show as "-0.0".
    mean = f"{round(average, 1) + 0.0:+.1f}".replace("-", "\u2212")
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


def pains(ctx: MapContext, stage: Stage) -> str:
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


def opportunities(ctx: MapContext, stage: Stage) -> str:
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


def kpis(ctx: MapContext, stage: Stage) -> str:
    kpis = list(stage.kpis) + [k for t in ctx.groups.get(stage.id, []) for k in t.kpis]
    if not kpis:
        return _none()
    out = []
    for kpi in kpis:
        met = meets_target(kpi)
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


def owners(ctx: MapContext, stage: Stage) -> str:
    owners: list[str] = []
    for tp in ctx.groups.get(stage.id, []):
        if tp.owner and tp.owner not in owners:
            owners.append(tp.owner)
    if not owners:
        return _none()
    return font("".join(lines(o, TEXT) for o in owners), size=9.5)


LANES: list[tuple[str, Callable[[MapContext, Stage], str]]] = [
    ("Customer intent", intent),
    ("Touchpoints", touchpoints),
    ("Channels", channels),
    ("Emotion", emotion),
    ("Pain points", pains),
    ("Opportunities", opportunities),
    ("KPIs", kpis),
    ("Owners", owners),
]
