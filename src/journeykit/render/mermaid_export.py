"""Journeys as Mermaid: a `journey` diagram (the map) and a `flowchart` (the flow).

GitHub and GitLab preview both natively. Names are user text and Mermaid reads a lot
into text: `%%{...}%%` anywhere in a diagram is a directive (it can change the theme,
or make the browser fetch a URL from a `fontFamily`), `%%` starts a comment, a backtick
after `"` starts a markdown string, `:`, `;` and `#` split or end a journey line, and
a task that starts with `title` or `section` is a keyword. So every character that
means something is written as a Mermaid entity code (`#37;` for `%`, `#58;` for `:`):
Mermaid turns those back into the character only after it has read the diagram, and
`journeykit import mermaid` decodes them on the way back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from journeykit.model import Journey, Touchpoint
from journeykit.render import common as c
from journeykit.workspace.project import Located, Project

NEUTRAL_SCORE = 3
"""Mermaid needs a score on every task; a touchpoint without an emotion gets neutral."""

_ALWAYS = {
    "#": "#35;",  # an entity code of its own; `#` also starts a journey comment
    "%": "#37;",  # `%%{` a directive, `%%` a comment
    "`": "#96;",  # markdown strings
    '"': "#quot;",  # ends a flowchart label; opens a quoted journey task on import
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    # Mermaid's own stand-ins for `&#`, `&` and `;` while it reads a diagram.
    "\ufb02": "#64258;",
    "\xb6": "#182;",
}
_SPECIAL = {**_ALWAYS, ":": "#58;", ";": "#59;", ",": "#44;"}
# A flowchart decodes entity codes in labels twice, the second time after they became
# characters: `<wbr>` keeps a literal stand-in from being joined into one.
_LABEL_SPECIAL = {**_ALWAYS, "|": "#124;", "\ufb02": "#64258;<wbr>", "\xb6": "#182;<wbr>"}
# Mermaid's lexer takes these for keywords when no ASCII word character follows (its
# `\b` is ASCII only: `journeyä` is the keyword `journey`, then `ä`).
_KEYWORD = re.compile(r"^(title|section|accTitle|accDescr|journey)(?![A-Za-z0-9_])", re.I)
_QUOTE = "'\u201c"
"""A task the importer would read as quoted when its name starts with one of these."""
_TIGHT_COLON = re.compile(r":(?!\s)")
"""Mermaid strips the `;` of a line matching `style.*:\\S*#.*;` (meant for `style`
statements) before it reads a flowchart; a label keeps no `:` followed by a `#...;`."""


def encode(text: str, *, comma: bool = False) -> str:
    """Text for a journey diagram: special characters as Mermaid entity codes."""
    out = "".join(
        _SPECIAL[ch] if ch in _SPECIAL and (ch != "," or comma) else ch for ch in c.clean(text)
    )
    if _KEYWORD.match(out) or out[:1] in _QUOTE:
        out = f"#{ord(out[0])};{out[1:]}"
    return out or "#32;"


def label(text: str) -> str:
    """Text inside a quoted flowchart label."""
    out = "".join(_LABEL_SPECIAL.get(ch, ch) for ch in c.clean(text))
    return _TIGHT_COLON.sub("#58;", out)


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
