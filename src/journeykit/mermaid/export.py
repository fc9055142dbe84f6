"""Journeys as Mermaid: a `journey` diagram (the map) and a `flowchart` (the flow).

GitHub and GitLab preview both natively. Mermaid's journey syntax cannot hold `:`, `;`
or `#` in a name and reads a task that starts with `title` or `section` as a keyword;
such characters (and `<`, `>`, `&`, so no text can turn into markup) are written as
Mermaid entity codes (`#58;` for `:`), which Mermaid decodes when it draws and
`journeykit import mermaid` decodes on the way back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from journeykit.model import Journey, Touchpoint
from journeykit.project import Located, Project
from journeykit.render import common as c

NEUTRAL_SCORE = 3
"""Mermaid needs a score on every task; a touchpoint without an emotion gets neutral."""

_SPECIAL = {
    ":": "#58;",
    ";": "#59;",
    "#": "#35;",
    ",": "#44;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
}
_LABEL_SPECIAL = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
}
_KEYWORD = re.compile(r"^(title|section|accTitle|accDescr|journey)(?=\s|:|$)", re.IGNORECASE)


def encode(text: str, *, comma: bool = False) -> str:
    """Text for a journey diagram: special characters as Mermaid entity codes."""
    out = "".join(
        _SPECIAL[ch] if ch in _SPECIAL and (ch != "," or comma) else ch for ch in c.clean(text)
    )
    if _KEYWORD.match(out):
        out = f"#{ord(out[0])};{out[1:]}"
    return out or "#32;"


def label(text: str) -> str:
    """Text inside a quoted flowchart label."""
    return "".join(_LABEL_SPECIAL.get(ch, ch) for ch in c.clean(text))


def score_of(touchpoint: Touchpoint) -> int:
    return touchpoint.emotion.score + 3 if touchpoint.emotion is not None else NEUTRAL_SCORE


def actor(project: Project, persona: str) -> str:
    return encode(c.persona_name(project, persona), comma=True)


def journey_diagram(project: Project, journey: Located[Journey], persona: str | None = None) -> str:
    """A Mermaid `journey`: stages as sections, touchpoints as tasks, emotions as scores."""
    model = journey.item
    groups = c.by_stage(model, c.visible(model, persona))
    out = ["journey", f"    title {encode(model.title)}"]
    for stage in model.stages:
        out.append(f"    section {encode(stage.name)}")
        for tp in groups[stage.id]:
            actors = ", ".join(actor(project, p) for p in tp.personas)
            task = f"      {encode(tp.name)}: {score_of(tp)}"
            out.append(f"{task}: {actors}" if actors else task)
    return "\n".join(out) + "\n"


def flowchart(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
) -> str:
    """A Mermaid `flowchart LR`: stages as subgraphs, back-steps dotted, ends rounded."""
    model = journey.item
    marked = c.check_marks(marks)
    shown = c.visible(model, persona)
    node = {t.id: f"t{i}" for i, t in enumerate(shown)}
    order = c.touchpoint_order(model)
    colors = c.channel_colors(project)
    out = ["flowchart LR", f"    %% {label(model.title)}"]
    groups = c.by_stage(model, shown)
    for i, stage in enumerate(model.stages):
        mark = marked.get(stage.id)
        prefix = f"{c.MARK_STYLES[mark].symbol} " if mark else ""
        out.append(f'    subgraph s{i}["{prefix}{label(stage.name)}"]')
        out.extend(f"        {_node(project, t, node[t.id], marked)}" for t in groups[stage.id])
        out.append("    end")
    entries = [t for t in model.entries() if t.id in node]
    if entries:
        out.append('    start(("start"))')
        out.extend(f"    start --> {node[t.id]}" for t in entries)
    external: dict[str, str] = {}
    for tp in shown:
        for step in tp.transitions:
            text = step.label or step.condition
            if step.journey is not None:
                key = f"{step.journey}:{step.to}"
                if key not in external:
                    external[key] = f"x{len(external)}"
                    out.append(
                        f'    {external[key]}>"continues in {label(step.journey)}: '
                        f'{label(step.to)}"]'
                    )
                target = external[key]
                out.append(_edge(node[tp.id], target, text, dotted=True))
            elif step.to in node:
                back = c.back_step(order, tp.id, step.to)
                out.append(_edge(node[tp.id], node[step.to], text, dotted=back))
    used = c.channel_order(project, [model.model_copy(update={"touchpoints": shown})])
    for i, ch in enumerate(used):
        color = c.color_of(colors, ch)
        members = ",".join(node[t.id] for t in shown if t.channel == ch)
        out.append(f"    classDef ch{i} fill:{c.tint(color)},stroke:{color},color:{c.INK}")
        out.append(f"    class {members} ch{i}")
    for mark, style in c.MARK_STYLES.items():
        members = ",".join(node[t] for t, m in marked.items() if m == mark and t in node)
        if members:
            dash = ",stroke-dasharray:6 4" if style.style == "dashed" else ""
            out.append(f"    classDef {mark} stroke:{style.color},stroke-width:3px{dash}")
            out.append(f"    class {members} {mark}")
    return "\n".join(out) + "\n"


def _node(project: Project, tp: Touchpoint, node_id: str, marks: dict[str, str]) -> str:
    mark = marks.get(tp.id)
    text = (f"{c.MARK_STYLES[mark].symbol} " if mark else "") + label(tp.name)
    meta = f"{c.channel_name(project, tp.channel)} · {tp.kind.value}"
    if tp.emotion is not None:
        word = f" {tp.emotion.label}" if tp.emotion.label else ""
        meta += f" · {c.signed(tp.emotion.score)}{word}"
    body = f'"{text}<br/><small>{label(meta)}</small>"'
    return f"{node_id}([{body}])" if tp.end else f"{node_id}[{body}]"


def _edge(source: str, target: str, text: str | None, *, dotted: bool) -> str:
    arrow = "-.->" if dotted else "-->"
    if text:
        return f'    {source} {arrow}|"{label(text)}"| {target}'
    return f"    {source} {arrow} {target}"
