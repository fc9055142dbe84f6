"""How the pictures draw an end with an outcome (`end: converted`, `end: churned`...)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from journeykit.model import Touchpoint
from journeykit.model.outcomes import BUILTIN_OUTCOMES, outcome_of
from journeykit.render import common as c
from journeykit.render.dotlang import esc, font


@dataclass(frozen=True, slots=True)
class EndStyle:
    """The look of one outcome: a glyph and a colour, and on the flow a node shape."""

    outcome: str
    symbol: str
    color: str
    shape: str | None = None
    """A Graphviz shape instead of the rounded box (None: the box, double-bordered)."""

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.outcome}"

    @property
    def key(self) -> str:
        """The legend's entry: the word "end" tells ✔ converted from ✔ target met."""
        return f"{self.symbol} end: {self.outcome}"


CONVERTED = "#1a7f37"
LOST = "#b42318"
HANDED_OFF = "#6e7781"

_STYLES = {
    "converted": EndStyle("converted", "✔", CONVERTED),
    "churned": EndStyle("churned", "✖", LOST),
    "abandoned": EndStyle("abandoned", "✖", LOST),
    "handed-off": EndStyle("handed-off", "➜", HANDED_OFF, shape="cds"),
}


def end_style(tp: Touchpoint) -> EndStyle | None:
    """The style of the touchpoint's outcome; None without one (`end: true` or no end).

    A workspace's own outcome is drawn in ink with a square, like a plain end named."""
    word = outcome_of(tp.end)
    if word is None:
        return None
    return _STYLES.get(word) or EndStyle(word, "◼", c.INK)


def used_styles(touchpoints: Iterable[Touchpoint]) -> list[EndStyle]:
    """The outcome styles of `touchpoints`, built-in outcomes first, for a legend."""
    found = {s.outcome: s for s in map(end_style, touchpoints) if s is not None}
    order = {w: i for i, w in enumerate(BUILTIN_OUTCOMES)}
    return sorted(found.values(), key=lambda s: (order.get(s.outcome, len(order)), s.outcome))


def end_line(tp: Touchpoint) -> str:
    """The line a flow node adds under its label for its end; '' without an end."""
    ending = end_style(tp)
    if ending is not None:
        text = font(f"<B>{esc(ending.label)}</B>", size=8, color=ending.color)
    elif tp.end:
        text = font("◼ end", size=8, color=c.INK)
    else:
        return ""
    return '<BR ALIGN="CENTER"/>' + text


def end_color(tp: Touchpoint, color: str) -> str:
    """A flow node's border: its outcome's colour, else `color` (its channel's)."""
    ending = end_style(tp)
    return ending.color if ending is not None else color


def end_shape(tp: Touchpoint, styles: str) -> dict[str, str | int | None]:
    """A flow node's style, shape, margin and peripheries: an end has a double border,
    a hand-off the shape of an arrow pointing out of the journey."""
    ending = end_style(tp)
    if ending is not None and ending.shape is not None:
        return {
            "style": styles.replace("rounded,", ""),
            "shape": ending.shape,
            "margin": "0.2,0.1",
            "peripheries": None,
        }
    return {"style": styles, "shape": None, "margin": None, "peripheries": 2 if tp.end else None}
