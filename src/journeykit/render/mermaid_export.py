"""Journeys as Mermaid: a `journey` diagram (the map) and a `flowchart` (the flow).

GitHub and GitLab preview both natively. Names are user text and Mermaid reads a lot
into text: `%%{...}%%` anywhere in a diagram is a directive (it can change the theme,
or make the browser fetch a URL from a `fontFamily`), `%%` starts a comment, a backtick
after `"` starts a markdown string, `:`, `;` and `#` split or end a journey line, and
a task that starts with `title` or `section` is a keyword. So every character that
means something is written as a Mermaid entity code (`#37;` for `%`, `#58;` for `:`):
Mermaid turns those back into the character only after it has read the diagram, and
`journeykit import mermaid` decodes them on the way back.

Ends are drawn by outcome (`end: churned`): on the flowchart a shape and a border colour
per outcome and its word under the name; on the journey its word after the task's name,
"Cancels (✖ churned)". A journey diagram has no room for the map's other rows (doing,
thinking, feeling, quotes, message copy, the workspace's lanes): they go into its
accessible description (`accDescr`), which screen readers read out; there `{` and `}`
are codes too (`#123;`, `#125;`: a `}` would end the block) and, as in flowchart labels,
a `:` not followed by a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from journeykit.model import Journey, Touchpoint
from journeykit.model.outcomes import outcome_of
from journeykit.render import common as c
from journeykit.render.outcomes import end_style, used_styles
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
_DESCRIBED = {**_ALWAYS, "{": "#123;", "}": "#125;"}
"""The multi-line `accDescr { ... }` ends at the first `}`; the rest of it is free text."""

END_SHAPES = {
    "converted": ("[[", "]]"),  # the subroutine's double sides: the dot's double border
    "churned": ("[\\", "/]"),  # a funnel narrowing: the customer leaks away
    "abandoned": ("[\\", "\\]"),  # leaning back: left midway
    "handed-off": ("{{", "}}"),
}
"""The node shape of each built-in outcome; `end: true` and a workspace's own outcome
are the stadium of an end (`([...])`), a step the rectangle."""
_CLASSES = {w: w.replace("-", "") for w in END_SHAPES}
"""Class names of the built-in outcomes; the workspace's own words (user text) get
`outcome0`, `outcome1`... in the order of the legend."""


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
    """A Mermaid `journey`: stages as sections, touchpoints as tasks, emotions as scores;
    the map's other rows, when any touchpoint fills one, in its `accDescr`."""
    model = journey.item
    groups = c.by_stage(model, c.visible(model, persona))
    out = ["journey", f"    title {encode(model.title)}"]
    for stage in model.stages:
        out.append(f"    section {encode(stage.name)}")
        for tp in groups[stage.id]:
            actors = ", ".join(actor(project, p) for p in tp.personas)
            ending = end_style(tp)
            name = f"{tp.name} ({ending.label})" if ending else tp.name
            task = f"      {encode(name)}: {score_of(tp)}"
            out.append(f"{task}: {actors}" if actors else task)
    rows = [
        line
        for stage in model.stages
        for tp in groups[stage.id]
        for line in _row_lines(project, stage.name, tp)
    ]
    if rows:
        out.extend(["    accDescr {", "      The map's rows by touchpoint", *rows, "    }"])
    return "\n".join(out) + "\n"


def row_entries(project: Project, tp: Touchpoint) -> Iterator[tuple[str, str]]:
    """(row, text) of the map rows `tp` fills, in the map's order (`render.map_rows`):
    doing, thinking, feeling, quotes, message copy, then the declared lanes."""
    for row, text in (("Doing", tp.doing), ("Thinking", tp.thinking), ("Feeling", tp.feeling)):
        if text:
            yield row, text
    for said in tp.quotes:
        yield "Quote", f"“{said.strip()}”"
    if tp.content:
        yield f"Message copy ({c.channel_name(project, tp.channel)})", tp.content
    for lane in project.config.map.lanes:
        if tp.lanes.get(lane.key):
            yield lane.title, tp.lanes[lane.key]


def described(text: str) -> str:
    """Text inside the journey's multi-line `accDescr`."""
    out = "".join(_DESCRIBED.get(ch, ch) for ch in c.clean(text))
    return _TIGHT_COLON.sub("#58;", out)


def _row_lines(project: Project, stage: str, tp: Touchpoint) -> list[str]:
    # A literal ": " is safe: Mermaid's `style.*:\S*#.*;` wants no space after the colon.
    entries = [
        f"        {described(row)}: {described(text)}" for row, text in row_entries(project, tp)
    ]
    if not entries:
        return []
    return [f"      {described(stage)} · {described(tp.name)}", *entries]


def flowchart(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    marks: Mapping[str, str] | None = None,
) -> str:
    """A Mermaid `flowchart LR`: stages as subgraphs, back-steps dotted, ends rounded or
    in their outcome's shape and colour."""
    model = journey.item
    marked = c.check_marks(marks)
    shown = c.visible(model, persona)
    node = {t.id: f"t{i}" for i, t in enumerate(shown)}
    order = c.touchpoint_order(model)
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
    out.extend(_classes(project, model, shown, node, marked))
    return "\n".join(out) + "\n"


def _classes(
    project: Project,
    model: Journey,
    shown: list[Touchpoint],
    node: dict[str, str],
    marked: dict[str, str],
) -> list[str]:
    """Channel colours, then outcome borders, then marks: a later class wins."""
    out = []
    colors = c.channel_colors(project)
    used = c.channel_order(project, [model.model_copy(update={"touchpoints": shown})])
    for i, ch in enumerate(used):
        color = c.color_of(colors, ch)
        members = ",".join(node[t.id] for t in shown if t.channel == ch)
        out.append(f"    classDef ch{i} fill:{c.tint(color)},stroke:{color},color:{c.INK}")
        out.append(f"    class {members} ch{i}")
    out.extend(outcome_classes(shown, node))
    for mark, mark_style in c.MARK_STYLES.items():
        members = ",".join(node[t] for t, m in marked.items() if m == mark and t in node)
        if members:
            dash = ",stroke-dasharray:6 4" if mark_style.style == "dashed" else ""
            out.append(f"    classDef {mark} stroke:{mark_style.color},stroke-width:3px{dash}")
            out.append(f"    class {members} {mark}")
    return out


def outcome_classes(shown: list[Touchpoint], node: dict[str, str]) -> list[str]:
    """A border class per outcome of the ends among `shown`, in the legend's order."""
    out = []
    own = 0
    for style in used_styles(shown):
        name = _CLASSES.get(style.outcome)
        if name is None:
            name, own = f"outcome{own}", own + 1
        members = ",".join(node[t.id] for t in shown if outcome_of(t.end) == style.outcome)
        out.append(f"    classDef {name} stroke:{style.color},stroke-width:2px")
        out.append(f"    class {members} {name}")
    return out


def _node(project: Project, tp: Touchpoint, node_id: str, marks: dict[str, str]) -> str:
    mark = marks.get(tp.id)
    text = (f"{c.MARK_STYLES[mark].symbol} " if mark else "") + label(tp.name)
    meta = f"{c.channel_name(project, tp.channel)} · {tp.kind.value}"
    if tp.emotion is not None:
        word = f" {tp.emotion.label}" if tp.emotion.label else ""
        meta += f" · {c.signed(tp.emotion.score)}{word}"
    body = f"{text}<br/><small>{label(meta)}</small>"
    ending = end_style(tp)
    if ending is not None:
        body += f"<br/><b>{label(ending.label)}</b>"
    elif tp.end:
        body += "<br/>◼ end"
    opening, closing = node_brackets(tp)
    return f'{node_id}{opening}"{body}"{closing}'


def node_brackets(tp: Touchpoint) -> tuple[str, str]:
    """A flowchart node's shape: its outcome's (`END_SHAPES`), the stadium of any other
    end, or the rectangle of a step."""
    if not tp.end:
        return "[", "]"
    return END_SHAPES.get(outcome_of(tp.end) or "", ("([", "])"))


def _edge(source: str, target: str, text: str | None, *, dotted: bool) -> str:
    arrow = "-.->" if dotted else "-->"
    if text:
        return f'    {source} {arrow}|"{label(text)}"| {target}'
    return f"    {source} {arrow} {target}"
