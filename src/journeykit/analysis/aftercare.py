"""After the purchase: the path the customer takes there, and what a touchpoint's words say
it does (asks the customer's opinion, asks for a recommendation).

The after-purchase rules (JK412-JK415) walk the journey through `next`; a journey drawn
without any transitions is read in the order its touchpoints are listed, as a map on a
wall is read from left to right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from journeykit.analysis.purposes import words
from journeykit.model import Journey, MapType, Part, Phases, Touchpoint
from journeykit.model.phases import AFTER_PURCHASE

REVIEW = r"(?<!business )(?<!annual )(?<!performance )reviews?"
"""A review the customer writes: a quarterly business review or an annual review of the
contract is a meeting, not an opinion anyone publishes."""


def stops_at_purchase(
    journey: Journey, phases: Phases, touchpoints: Iterable[Touchpoint] | None = None
) -> bool:
    """Whether a stage plays the purchase and none of `touchpoints` (the journey's, by
    default) is in a stage playing post-purchase or loyalty. Context moments do not count:
    one after the purchase is not the brand following up. A day in the life has no
    purchase to stop at (JK302, and the gap report's stops-at-purchase)."""
    if journey.map_type is MapType.day_in_the_life:
        return False
    parts = {s.id: phases.part(s.phase) for s in journey.stages}
    if Part.purchase not in parts.values():
        return False
    chosen = journey.touchpoints if touchpoints is None else touchpoints
    return not any(parts.get(t.stage) in AFTER_PURCHASE for t in chosen if not t.context)


def stage_order(journey: Journey) -> dict[str, int]:
    """Stage id -> its position in the journey."""
    return {s.id: i for i, s in enumerate(journey.stages)}


def leaves(journey: Journey, touchpoint: Touchpoint) -> bool:
    """Whether a transition of the touchpoint goes on in another journey."""
    return any(s.journey not in (None, journey.id) for s in touchpoint.transitions)


def says(pattern: re.Pattern[str], touchpoint: Touchpoint) -> bool:
    """Whether the touchpoint's name, description or content matches `pattern`."""
    return pattern.search(words(touchpoint)) is not None
