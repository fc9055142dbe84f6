"""After the purchase: the path the customer takes there, and what a touchpoint's words say
it does (asks the customer's opinion, asks for a recommendation).

The after-purchase rules (JK412-JK415) walk the journey through `next`; a journey drawn
without any transitions is read in the order its touchpoints are listed, as a map on a
wall is read from left to right.
"""

from __future__ import annotations

import re

from journeykit.analysis.purposes import words
from journeykit.model import Journey, Touchpoint

REVIEW = r"(?<!business )(?<!annual )(?<!performance )reviews?"
"""A review the customer writes: a quarterly business review or an annual review of the
contract is a meeting, not an opinion anyone publishes."""


def stage_order(journey: Journey) -> dict[str, int]:
    """Stage id -> its position in the journey."""
    return {s.id: i for i, s in enumerate(journey.stages)}


def leaves(journey: Journey, touchpoint: Touchpoint) -> bool:
    """Whether a transition of the touchpoint goes on in another journey."""
    return any(s.journey not in (None, journey.id) for s in touchpoint.transitions)


def says(pattern: re.Pattern[str], touchpoint: Touchpoint) -> bool:
    """Whether the touchpoint's name, description or content matches `pattern`."""
    return pattern.search(words(touchpoint)) is not None
