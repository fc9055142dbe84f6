"""How a journey can end: the outcome words a touchpoint's `end` takes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

BUILTIN_OUTCOMES = ("converted", "churned", "abandoned", "handed-off")
"""How a journey can end (`end: converted`); a workspace adds its own under `[journeys]`."""

LOST_OUTCOMES = frozenset({"churned", "abandoned"})
"""Ends where the customer is lost: drop-outs to look at, not successes."""

Outcome = Annotated[
    str,
    # Any word here: the references check (JK211) says which are known, with "did you
    # mean"; a pattern would give two schema errors at once, one per member of the union.
    Field(min_length=1, max_length=50, description="An outcome word, e.g. 'churned'."),
]


def outcome_of(end: bool | str) -> str | None:
    """How the journey ends at a touchpoint with this `end`: its outcome word; None for
    `end: true` (ends, outcome unspecified) or no end."""
    return end if isinstance(end, str) else None
