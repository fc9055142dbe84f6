"""The removal effect of each touchpoint on a first-order Markov chain of the paths.

The states are `start`, the touchpoints, `conv` and `null`. Every journey instance is a
walk: start, the touchpoints of its path (up to the outcome, when it converts), then
`conv` if it converted, else `null`. The transition probabilities are the walks' move
counts out of each state, normalised per state. The chain's conversion probability is
the chance that a walk from `start` is absorbed in `conv`. Removing a touchpoint sends
every walk that reaches it to `null`; its removal effect is the share of the conversion
probability lost, 1 - P(conv without it) / P(conv). The credits are the removal
effects scaled to add up to the conversions (Anderl et al., "Mapping the customer
journey", 2016; the normalisation of R's ChannelAttribution).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float64]

START = "(start)"
CONV = "(conv)"
NULL = "(null)"


def removal_effects(moves: Mapping[tuple[str, str], int]) -> dict[str, float]:
    """Touchpoint -> removal effect, from move counts between states (START, the
    touchpoints, CONV, NULL). Empty when no walk converts."""
    import numpy as np

    states = sorted({s for pair in moves for s in pair} - {START, CONV, NULL})
    index = {s: i + 1 for i, s in enumerate(states)}  # 0 is START
    size = len(states) + 1
    out_of = [0] * size
    for (a, _), n in moves.items():
        out_of[index.get(a, 0)] += n
    step = np.zeros((size, size))
    into_conv = np.zeros(size)
    for (a, b), n in moves.items():
        i = index.get(a, 0)
        if b == CONV:
            into_conv[i] += n / out_of[i]
        elif b != NULL:
            step[i, index[b]] += n / out_of[i]
    base = _absorbed(step, into_conv, None)
    if base <= 0:
        return {}
    return {s: 1 - _absorbed(step, into_conv, index[s]) / base for s in states}


def _absorbed(step: Matrix, into_conv: Matrix, removed: int | None) -> float:
    """P(a walk from START ends in CONV), with state `removed` sending walks to NULL."""
    import numpy as np

    q, r = step.copy(), into_conv.copy()
    if removed is not None:
        q[removed, :] = 0.0
        r[removed] = 0.0
    # x = Q x + r: the absorption probabilities of the transient states.
    x = np.linalg.solve(np.eye(len(r)) - q, r)
    return float(x[0])


def credits(moves: Mapping[tuple[str, str], int], conversions: int) -> dict[str, float]:
    """Touchpoint -> credit: the removal effects scaled to add up to `conversions`."""
    effects = removal_effects(moves)
    total = sum(effects.values())
    if total <= 0:
        return {s: 0.0 for s in effects}
    return {s: conversions * e / total for s, e in effects.items()}
