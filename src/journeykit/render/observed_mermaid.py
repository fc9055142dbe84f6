"""The observed flow as a Mermaid `flowchart LR`: counts on the links, jumps dotted.

The same numbers as the DOT view (`observed_numbers`): a designed link `-->` says its
moves, a jump (a move not designed) is a dotted link `-.->` labelled `jump N`, each
link is as wide as its traffic (`linkStyle`, by the link's position), a touchpoint says
its customers and drop-off share, and one never observed is grey and dashed. The
period, customers and instances are the diagram's title (front matter), written only
from numbers and dates, never from user text; the journey's title is a comment.
"""

from __future__ import annotations

from journeykit.measure.result import JourneyMeasure, LogSummary
from journeykit.model import Journey, Touchpoint
from journeykit.render import common as c
from journeykit.render.mermaid_export import label, node_brackets, outcome_classes
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
from journeykit.render.outcomes import end_style
from journeykit.workspace.project import Located, Project


def flowchart(
    project: Project,
    journey: Located[Journey],
    measured: JourneyMeasure,
    log: LogSummary,
    persona: str | None = None,
) -> str:
    """A Mermaid flowchart of `journey` with the observation `measured` over it."""
    model = journey.item
    shown = c.visible(model, persona)
    seen = observe(model, measured, shown)
    node = {t.id: f"t{i}" for i, t in enumerate(shown)}
    out = ["---", f'title: "{summary(log, seen)}"', "---", "flowchart LR"]
    out.append(f"    %% {label(model.title)}")
    groups = c.by_stage(model, shown)
    for i, stage in enumerate(model.stages):
        out.append(f'    subgraph s{i}["{label(stage.name)}"]')
        out.extend(
            f"        {_node(project, t, node[t.id], seen.spots[t.id])}" for t in groups[stage.id]
        )
        out.append("    end")
    node["start"] = "start"
    links: list[tuple[Move, str]] = []
    if seen.entries:
        out.append('    start(("start"))')
        links.extend((m, "") for m in seen.entries.values())
    external: dict[str, str] = {}
    for tp in shown:
        for step in tp.transitions:
            if step.journey is not None:
                key = f"{step.journey}:{step.to}"
                if key not in external:
                    external[key] = f"x{len(external)}"
                    out.append(
                        f'    {external[key]}>"continues in {label(step.journey)}: '
                        f'{label(step.to)}"]'
                    )
                node[f"journey:{key}"] = external[key]
                links.append((Move(tp.id, f"journey:{key}", -1, 0, True), ""))
            elif (tp.id, step.to) in seen.designed:
                text = step.label or step.condition or ""
                links.append((seen.designed[(tp.id, step.to)], text))
    links.extend((j, "") for j in seen.jumps)
    out.extend(_link(node, move, text) for move, text in links)
    out.extend(_link_styles(links, seen))
    out.extend(_classes(project, shown, node, seen))
    return "\n".join(out) + "\n"


def _node(project: Project, tp: Touchpoint, node_id: str, spot: Spot) -> str:
    meta = f"{c.channel_name(project, tp.channel)} · {tp.kind.value}"
    if not spot.seen:
        seen = "never observed"
    else:
        seen = plural(spot.customers, "customer")
        if spot.dropped or not tp.end:
            seen += f" · ▼ {percent(spot.drop_share)} drop-off ({spot.dropped} of {spot.instances})"
        if tp.end:
            ending = end_style(tp)
            seen += f" · {ending.label if ending else '◼'} {spot.ended} ended here"
    body = f'"{label(tp.name)}<br/><small>{label(meta)}</small><br/><b>{label(seen)}</b>"'
    opening, closing = node_brackets(tp)
    return f"{node_id}{opening}{body}{closing}"


def _link(node: dict[str, str], move: Move, text: str) -> str:
    source, target = node[move.source], node[move.target]
    if move.count < 0:  # into another journey: not measured here
        return f"    {source} -.-> {target}"
    if not move.designed:
        return f'    {source} -.->|"jump {move.count}"| {target}'
    words = f"{label(text)}: " if text else ""
    return f'    {source} -->|"{words}{move.count}"| {target}'


def _link_styles(links: list[tuple[Move, str]], seen: Observed) -> list[str]:
    out = []
    for i, (move, _) in enumerate(links):
        if move.count < 0:
            continue
        style = f"stroke-width:{seen.width(move.count):g}px"
        if not move.designed:
            style = f"stroke:{JUMP_COLOR},color:{JUMP_COLOR},{style}"
        elif move.count == 0:
            style = f"stroke:{UNSEEN_INK},{style}"
        out.append(f"    linkStyle {i} {style}")
    return out


def _classes(
    project: Project, shown: list[Touchpoint], node: dict[str, str], seen: Observed
) -> list[str]:
    out = []
    colors = c.channel_colors(project)
    visible = [t for t in shown if seen.spots[t.id].seen]
    channels = {t.channel for t in visible}
    used = [ch for ch in project.channels if ch in channels]
    used += sorted(channels.difference(used))
    for i, ch in enumerate(used):
        members = ",".join(node[t.id] for t in visible if t.channel == ch)
        if members:
            color = c.color_of(colors, ch)
            out.append(f"    classDef ch{i} fill:{c.tint(color)},stroke:{color},color:{c.INK}")
            out.append(f"    class {members} ch{i}")
    out.extend(outcome_classes(visible, node))
    unseen = ",".join(node[t.id] for t in shown if not seen.spots[t.id].seen)
    if unseen:
        out.append(
            f"    classDef unseen fill:{UNSEEN_FILL},stroke:{UNSEEN_INK},color:{UNSEEN_INK},"
            "stroke-dasharray:4 3"
        )
        out.append(f"    class {unseen} unseen")
    return out
