"""What every view shares: persona filtering, colours, marks, text wrapping."""

from __future__ import annotations

import html
import math
import re
import textwrap
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeykit.model import Journey, Kpi, Touchpoint
from journeykit.workspace.project import Project

FONT = "DejaVu Sans"
"""Installed with Graphviz on Debian; it has the symbols the views use (▲ ◆ ● ✔ ✘)."""

# Strong colours for glyphs and borders (Tableau 10 and two more); fills are a light
# tint of the same colour. A channel's colour comes from its id (`channel_colors`), not
# from where the catalog lists it: the same channel has the same colour in every
# workspace, and stays put when the catalog is reordered or grows.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#b07aa1",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#6b6ecf",
    "#8cd17d",
    "#bab0ac",
)

EMOTION_COLORS = {-2: "#b42318", -1: "#e8590c", 0: "#868e96", 1: "#5c940d", 2: "#2b8a3e"}
EMOTION_WORDS = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}
SEVERITY_COLORS = {"high": "#b42318", "medium": "#e8590c", "low": "#868e96"}
STAGE_COLORS = ("#1d3557", "#24476b", "#2a5a80", "#316d94", "#3980a8", "#4292b8")
INK = "#1f2328"
MUTED = "#57606a"
RULE = "#d0d7de"
PANEL = "#f6f8fa"

MARKS = ("added", "removed", "changed")


@dataclass(frozen=True, slots=True)
class MarkStyle:
    """How a diff mark is drawn: colour plus a symbol and a line style, for grey scale."""

    color: str
    symbol: str
    style: str
    penwidth: str
    label: str


MARK_STYLES = {
    "added": MarkStyle("#1a7f37", "+", "bold", "3", "added"),
    "removed": MarkStyle("#cf222e", "\u2212", "dashed", "2.5", "removed"),
    "changed": MarkStyle("#9a6700", "~", "dotted", "3", "changed"),
}


def check_marks(marks: Mapping[str, str] | None) -> dict[str, str]:
    """Validate and copy the marks a caller passes (element id -> added/removed/changed)."""
    if not marks:
        return {}
    bad = sorted({m for m in marks.values() if m not in MARK_STYLES})
    if bad:
        raise ValueError(f"unknown mark {bad[0]!r} (expected one of: {', '.join(MARKS)})")
    return dict(marks)


def tint(color: str, amount: float = 0.82) -> str:
    """`color` mixed with white: the light fill that goes with a strong colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def channel_order(project: Project, journeys: list[Journey]) -> list[str]:
    """Channels the journeys use: catalog order first, unknown ids after, sorted."""
    used = {t.channel for j in journeys for t in j.touchpoints}
    known = [c for c in project.channels if c in used]
    return known + sorted(used.difference(known))


def font_name(project: Project) -> str:
    """The font family of the pictures: `[render.theme] font`, else `FONT`."""
    return project.config.render.theme.font or FONT


def kicker(project: Project) -> str:
    """The workspace's title above a picture's own, when `[render.theme] title` is set."""
    title = project.config.render.theme.title
    if title is None:
        return ""
    # As dotlang's esc and font write it (dotlang imports this module, not the reverse).
    text = html.escape(clean(title), quote=True).replace("\\", "\\\\") or "&#160;"
    return f'<FONT POINT-SIZE="10" COLOR="{MUTED}">{text}</FONT><BR ALIGN="LEFT"/>'


def full_hex(color: str) -> str:
    """`#rgb` or `#rrggbb` as lower-case `#rrggbb`."""
    color = color.lower()
    return "#" + "".join(ch * 2 for ch in color[1:]) if len(color) == 4 else color


def channel_colors(project: Project) -> dict[str, str]:
    """A strong colour per channel of the catalog: its own `color`, else one of the
    palette (`[render.theme] palette`, else `PALETTE`) picked by a hash of its id.

    Ids that pick a colour already taken (by a channel's own colour or an id before them
    in alphabetical order) take the next free one, while any is free: two channels of a
    picture should not share a colour. So a channel keeps its colour across workspaces
    unless another channel of the same workspace took it first.
    """
    palette = [full_hex(p) for p in project.config.render.theme.palette or PALETTE]
    colors = {
        cid: full_hex(ch.item.color)
        for cid, ch in project.channels.items()
        if ch.item.color is not None
    }
    taken = set(colors.values())
    for cid in sorted(c for c in project.channels if c not in colors):
        start = zlib.crc32(cid.encode("utf-8")) % len(palette)
        free = (palette[(start + i) % len(palette)] for i in range(len(palette)))
        colors[cid] = next((p for p in free if p not in taken), palette[start])
        taken.add(colors[cid])
    return {cid: colors[cid] for cid in project.channels}


def color_of(colors: Mapping[str, str], channel: str) -> str:
    return colors.get(channel, "#adb5bd")


def channel_name(project: Project, channel: str) -> str:
    located = project.channels.get(channel)
    return located.item.name if located is not None else channel


def persona_name(project: Project, persona: str) -> str:
    located = project.personas.get(persona)
    return located.item.name if located is not None else persona


def for_whom(project: Project, touchpoint: Touchpoint, everyone: Sequence[str]) -> str:
    """' · for Sanna, Tiina' when the touchpoint is for some of the journey's personas
    only (each by the first part of the name: 'Sanna, the busy parent' is Sanna); ''
    when it is for all of them."""
    mine = list(dict.fromkeys(touchpoint.personas))
    if not mine or set(everyone) <= set(mine):
        return ""
    return " · for " + ", ".join(persona_name(project, p).split(",")[0].strip() for p in mine)


def applies(touchpoint: Touchpoint, persona: str | None) -> bool:
    return persona is None or not touchpoint.personas or persona in touchpoint.personas


def visible(journey: Journey, persona: str | None) -> list[Touchpoint]:
    """The touchpoints shown for `persona` (all of them without one)."""
    return [t for t in journey.touchpoints if applies(t, persona)]


def by_stage(journey: Journey, touchpoints: list[Touchpoint]) -> dict[str, list[Touchpoint]]:
    """Touchpoints grouped by stage id, stages in journey order, unknown stages dropped."""
    groups: dict[str, list[Touchpoint]] = {s.id: [] for s in journey.stages}
    for tp in touchpoints:
        if tp.stage in groups:
            groups[tp.stage].append(tp)
    return groups


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Text safe for any output: no control characters, normalised whitespace."""
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Lines of at most `width` characters; long words (and CJK runs) are split."""
    text = clean(text)
    if len(text) <= width:  # what textwrap gives, without building a wrapper per label
        return [text] if text else [""]
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "…"
    return lines or [""]


def signed(score: int) -> str:
    return f"+{score}" if score > 0 else ("\u2212" + str(-score) if score < 0 else "0")


def number(value: float) -> str:
    """12.0 -> '12', 4.25 -> '4.25', 120000 -> '120,000', 1e308 -> '1e+308', -0.0 -> '0'.

    Very large and very small values get three significant digits: written out, 1e308
    is 309 digits and 1e-320 rounds to a misleading 0. The format forbids nan and inf;
    should one come from elsewhere it shows as a symbol, never 'nan' or 'inf'.
    """
    if not math.isfinite(value):
        return "—" if math.isnan(value) else ("∞" if value > 0 else "\u2212∞")
    if value == 0:
        return "0"
    if not 0.01 <= abs(value) < 1e15:
        return f"{value:.3g}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def kpi_values(kpi: Kpi) -> str:
    unit = f" {kpi.unit}" if kpi.unit else ""
    actual = number(kpi.actual) + unit if kpi.actual is not None else "no data"
    target = number(kpi.target) + unit if kpi.target is not None else "none"
    return f"actual {actual} · target {target}"


def back_step(order: Mapping[str, tuple[int, int]], source: str, target: str) -> bool:
    """A step to an earlier stage, or to an earlier touchpoint of the same stage."""
    if source not in order or target not in order:
        return False
    return order[target] < order[source] or source == target


def touchpoint_order(journey: Journey) -> dict[str, tuple[int, int]]:
    """touchpoint id -> (stage index, position in the journey)."""
    stage_index = {s.id: i for i, s in enumerate(journey.stages)}
    return {
        t.id: (stage_index.get(t.stage, len(stage_index)), i)
        for i, t in enumerate(journey.touchpoints)
    }
