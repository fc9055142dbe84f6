"""Where customers may leave a journey: dead ends, churned or abandoned exits, low points
and high-severity pain."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.analysis.emotions import LowPoint, low_points
from journeykit.analysis.flow import dead_ends
from journeykit.findings import Location
from journeykit.model import Importance, Journey, Touchpoint
from journeykit.model.outcomes import LOST_OUTCOMES, outcome_of
from journeykit.workspace.project import Located


@dataclass(frozen=True, slots=True)
class DropOut:
    """A touchpoint where customers may leave the journey."""

    touchpoint: str
    name: str
    stage: str
    reason: str
    importance: Importance
    location: Location


def low_reason(low: LowPoint) -> str:
    if low.reason == "drop" and low.previous is not None:
        before = low.previous.touchpoint.id
        return (
            f"emotion falls from {low.previous.score:+d} to {low.point.score:+d} after {before!r}"
        )
    return f"lowest emotion, {low.point.score:+d}"


def drop_outs(
    journey: Located[Journey],
    ids: set[str],
    index: dict[int, int],
    persona: str | None = None,
) -> list[DropOut]:
    """Touchpoints where customers may leave: dead ends, ends that lose the customer
    (`end: churned`, `end: abandoned`), low points (of `persona`, or of each persona, see
    `analysis.curve`), high-severity pain. Context moments (`context: true`: the tram,
    a rival's shop) are none of them: the customer's bad morning is not where they
    leave the brand."""
    model = journey.item
    reasons: dict[str, list[str]] = {}
    for tp in dead_ends(model):
        reasons.setdefault(tp.id, []).append("dead end")
    for tp in model.touchpoints:
        outcome = outcome_of(tp.end)
        if outcome in LOST_OUTCOMES:
            reasons.setdefault(tp.id, []).append(f"{outcome} exit")
    for low in low_points(model, persona=persona):
        reasons.setdefault(low.point.touchpoint.id, []).append(low_reason(low))
    for tp in model.touchpoints:
        if any(p.severity == "high" for p in tp.pain_points):
            reasons.setdefault(tp.id, []).append("high-severity pain point")
    return [
        drop_out(journey, tp, index, "; ".join(reasons[tp.id]))
        for tp in model.touchpoints
        if tp.id in reasons and tp.id in ids and not tp.context
    ]


def drop_out(
    journey: Located[Journey], tp: Touchpoint, index: dict[int, int], reason: str
) -> DropOut:
    where = journey.locate("touchpoints", index[id(tp)])
    return DropOut(tp.id, tp.name, tp.stage, reason, tp.importance, where)
