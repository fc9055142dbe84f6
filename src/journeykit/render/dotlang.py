"""Writing DOT safely: quoting, HTML-like labels, attribute lists.

Every user string that reaches DOT goes through one of these. Graphviz expands `\\G`,
`\\N`, `\\E`, `\\T`, `\\H`, `\\L` (names) and `\\n`, `\\l`, `\\r` (line breaks) in labels,
ids, URLs and tooltips, and `\\\\` stands for one backslash, so every backslash of user text
is doubled. Quoted strings also escape `"`. HTML-like labels are HTML-escaped, because
`<`, `>` and `&` would end or break the label, and their text is expanded like a quoted
label's. Tooltips are read twice (Graphviz 2.43): entities are decoded and backslashes
undone once more before the names are expanded, so `&` and `\\` are escaped once
more there (`tooltip`).
"""

from __future__ import annotations

import html

from journeykit.render.common import MUTED, clean, wrap


def quote(text: str) -> str:
    """A DOT quoted string: safe for ids and escString attributes alike."""
    body = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"'


def esc(text: str) -> str:
    """Text inside an HTML-like label; never empty, since Graphviz rejects `<B></B>`."""
    return html.escape(clean(text), quote=True).replace("\\", "\\\\") or "&#160;"


def tooltip(text: str) -> str:
    """The value of a `*tooltip` attribute, before `quote`: shown as written."""
    return clean(text).replace("&", "&amp;").replace("\\", "\\\\")


def lines(text: str, width: int, max_lines: int | None = None, align: str = "LEFT") -> str:
    """Wrapped, escaped text with `<BR/>` between lines."""
    br = f'<BR ALIGN="{align}"/>'
    return br.join(esc(line) for line in wrap(text, width, max_lines)) + br


def font(text: str, *, size: float | None = None, color: str | None = None) -> str:
    """`text` (already escaped markup) in a FONT element; nothing for no text."""
    if not text:
        return ""
    attrs = []
    if size is not None:
        attrs.append(f'POINT-SIZE="{size:g}"')
    if color is not None:
        attrs.append(f'COLOR="{color}"')
    if not attrs:
        return text
    return f"<FONT {' '.join(attrs)}>{text}</FONT>"


def attrs(**values: str | float | bool | None) -> str:
    """`[key="value", ...]` in the order given; None is left out; `html_label` is <...>."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        if key == "html_label":
            parts.append(f"label=<{value}>")
        elif isinstance(value, bool):
            parts.append(f"{key}={'true' if value else 'false'}")
        elif isinstance(value, int | float):
            parts.append(f"{key}={value:g}")
        elif key.endswith("tooltip"):
            parts.append(f"{key}={quote(tooltip(value))}")
        else:
            parts.append(f"{key}={quote(value)}")
    return "[" + ", ".join(parts) + "]" if parts else ""


def statement(subject: str, **values: str | float | bool | None) -> str:
    extra = attrs(**values)
    return f"{subject} {extra};" if extra else f"{subject};"


def journey_note(target: str, journey: str, to: str) -> str:
    """The note a step into another journey ends in."""
    return statement(
        quote(target),
        shape="note",
        style="filled,dashed",
        fillcolor="white",
        color=MUTED,
        html_label=font("continues in journey", size=8, color=MUTED)
        + '<BR ALIGN="CENTER"/>'
        + f"<B>{esc(journey)}</B>"
        + '<BR ALIGN="CENTER"/>'
        + font(esc(to), size=8, color=MUTED),
    )
