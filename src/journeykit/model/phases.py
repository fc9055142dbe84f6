"""Phases: where a stage sits in the customer's lifecycle, and the part it plays.

A workspace names its own phases (`[journeys] phases`: a telco's onboarding, usage and
renewal; a SaaS's trial). Rules cannot know what "usage" means, so each phase plays one
of five parts, the built-in phases of the purchase cycle; a rule says which parts it
reads ("stops at the purchase" looks for a stage after the one playing `purchase`). A
built-in phase plays itself; a phase of the workspace's own plays the part given under
`[journeys] plays`, or none, and rules that need a part leave its stages alone.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from journeykit.words import listed


class Part(enum.StrEnum):
    """The part a phase plays for the rules: the five phases of the purchase cycle."""

    awareness = "awareness"
    consideration = "consideration"
    purchase = "purchase"
    post_purchase = "post-purchase"
    loyalty = "loyalty"


BUILTIN_PHASES = tuple(p.value for p in Part)
"""The phases a workspace has when it names none: each plays itself."""

AFTER_PURCHASE = (Part.post_purchase, Part.loyalty)
"""The parts after the purchase: delivery, use, follow-up, renewal, loyalty."""

BEFORE_PURCHASE = (Part.awareness, Part.consideration, Part.purchase)
"""The parts a customer comes back to from loyalty: awareness to the purchase."""

PhaseName = Annotated[
    str,
    # Any word here: the references check (JK212) says which are known, with "did you
    # mean", against the workspace's `[journeys] phases`.
    Field(min_length=1, max_length=50, examples=list(BUILTIN_PHASES)),
]


@dataclass(frozen=True, slots=True)
class Phases:
    """A workspace's phases in lifecycle order and the part each plays."""

    names: tuple[str, ...] = BUILTIN_PHASES
    plays: Mapping[str, Part] = field(default_factory=lambda: {p.value: p for p in Part})

    def part(self, phase: str | None) -> Part | None:
        """The part `phase` plays; None for no phase, or one that plays none."""
        return None if phase is None else self.plays.get(phase)

    def playing(self, *parts: Part) -> tuple[str, ...]:
        """The phases that play one of `parts`, in lifecycle order."""
        return tuple(n for n in self.names if self.plays.get(n) in parts)

    def shown(self, *parts: Part) -> str:
        """How a message names the phases playing `parts`: 'onboarding, usage or renewal'
        (the parts' own names when no phase plays them)."""
        return listed(self.playing(*parts) or tuple(p.value for p in parts))


DEFAULT_PHASES = Phases()


def a_or_an(word: str) -> str:
    """The article before `word` in a message: 'an onboarding stage', 'a usage stage'
    ('a' before a 'u' read as 'you' is not guessed)."""
    return "an" if word[:1].lower() in "aeio" else "a"
