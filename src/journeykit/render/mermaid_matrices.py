"""The channels and coverage views as Mermaid flowcharts, for GitHub's native preview.

Mermaid has no table diagram, so a matrix becomes one subgraph per column: a stage
holding a node per channel (channels), or a persona holding a node per stage
(coverage). Gaps are said in words and drawn dashed, so they read without colour.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from journeykit.analysis.coverage import coverage_matrix
from journeykit.model import Journey, Preference
from journeykit.render import common as c
from journeykit.render.channels_view import KIND_SYMBOLS, channel_matrix
from journeykit.render.coverage_view import PREFERENCE_SYMBOLS, preferences
from journeykit.render.mermaid_export import label
from journeykit.workspace.project import Located, Project

MAX_LISTED = 3
"""Touchpoints listed per channel cell before "+N more"."""

_COVERAGE_CLASSES = (
    "    classDef gap fill:#fde2e1,stroke:#b42318,stroke-width:2px,stroke-dasharray:5 4",
    "    classDef optedout fill:#fff4d6,stroke:#b26a00,stroke-width:2px",
    f"    classDef covered fill:#e3f1e6,stroke:#2e7d32,color:{c.INK}",
)


def _lines(*parts: str) -> str:
    return "<br/>".join(label(p) for p in parts if p)


def _chain(nodes: list[str], indent: str = "    ") -> list[str]:
    """Invisible links that keep Mermaid from reordering the columns."""
    return [f"{indent}{a} ~~~ {b}" for a, b in itertools.pairwise(nodes)]


def channels_flowchart(
    project: Project, journeys: Sequence[Located[Journey]], persona: str | None = None
) -> str:
    """Stages left to right; in each, the channels used, with their touchpoints."""
    matrix = channel_matrix(project, journeys, persona)
    colors = c.channel_colors(project)
    out = ["flowchart LR", f"    %% {label(matrix.title)}: channels per stage"]
    styles: list[str] = []
    stages: list[str] = []
    for si, (key, name) in enumerate(matrix.stages):
        stages.append(f"s{si}")
        out.append(f'    subgraph s{si}["{label(name)}"]')
        out.append("        direction TB")
        used = [ch for ch in matrix.channels if matrix.cells.get((key, ch))]
        for ci, channel in enumerate(used):
            entries = matrix.cells[(key, channel)]
            listed = [f"{KIND_SYMBOLS[e.kind]} {e.name}" for e in entries[:MAX_LISTED]]
            more = f"+{len(entries) - MAX_LISTED} more" if len(entries) > MAX_LISTED else ""
            text = _lines(c.channel_name(project, channel), *listed, more)
            out.append(f'        s{si}c{ci}["{text}"]')
            color = c.color_of(colors, channel)
            styles.append(f"    style s{si}c{ci} fill:{c.tint(color)},stroke:{color}")
        if matrix.examples.get(key):
            text = "Content:<br/>" + _lines(*matrix.examples[key][:MAX_LISTED])
            out.append(f'        s{si}x["{text}"]')
            styles.append(f"    style s{si}x fill:#ffffff,stroke:{c.MUTED},stroke-dasharray:3 3")
        if not used and not matrix.examples.get(key):
            out.append(f'        s{si}none["{label("no touchpoint")}"]')
        out.append("    end")
    return "\n".join([*out, *_chain(stages), *styles]) + "\n"


def coverage_flowchart(
    project: Project, journey: Located[Journey], persona: str | None = None
) -> str:
    """Per persona, the stages in order with the touchpoints they get on each channel."""
    matrix = coverage_matrix(project, journey, persona)
    names = {s.id: s.name for s in journey.item.stages}
    out = ["flowchart TB", f"    %% {label(journey.item.title)}: coverage"]
    classes: dict[str, list[str]] = {"gap": [], "optedout": [], "covered": []}
    if not matrix.personas:
        out.append(f'    none["{label("No persona of this journey matches the filter.")}"]')
    for pi, persona_id in enumerate(matrix.personas):
        prefs = preferences(project, persona_id)
        out.append(f'    subgraph p{pi}["{label(c.persona_name(project, persona_id))}"]')
        out.append("        direction LR")
        nodes = []
        for si, stage in enumerate(matrix.stages):
            node = f"p{pi}s{si}"
            nodes.append(node)
            cells = []
            opted_out = False
            for channel in matrix.channels:
                count = matrix.count(persona_id, stage, channel)
                if not count:
                    continue
                pref = prefs.get(channel)
                opted_out = opted_out or pref is Preference.opted_out
                symbol = f" {PREFERENCE_SYMBOLS[pref]}" if pref else ""
                cells.append(f"{c.channel_name(project, channel)}{symbol}: {count}")
            kind = "optedout" if opted_out else "covered" if cells else "gap"
            text = _lines(names.get(stage, stage), *(cells or ["GAP: no touchpoint"]))
            out.append(f'        {node}["{text}"]')
            classes[kind].append(node)
        out.extend(_chain(nodes, "        "))
        out.append("    end")
    out.extend(_chain([f"p{i}" for i in range(len(matrix.personas))]))
    key = "★ preferred · ○ accepted · ✕ opted out · GAP: no touchpoint in the stage"
    out.append(f'    legend["{label(key)}"]')
    out.append(f"    style legend fill:#ffffff,stroke:{c.MUTED},stroke-dasharray:3 3")
    out.extend(_COVERAGE_CLASSES)
    out.extend(
        f"    class {','.join(members)} {kind}" for kind, members in classes.items() if members
    )
    return "\n".join(out) + "\n"
