"""The emotion curve and the pain a journey carries, stage by stage and channel by channel."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.analysis.flow import successors
from journeykit.model import Journey, PainPoint, Touchpoint, TouchpointKind

PAIN_WEIGHT = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True, slots=True)
class CurvePoint:
    index: int
    """Index of the touchpoint in the journey's `touchpoints` list."""
    touchpoint: Touchpoint
    score: int


@dataclass(frozen=True, slots=True)
class LowPoint:
    point: CurvePoint
    previous: CurvePoint | None
    """The point before it on the curve; None at the start."""
    reason: str
    """'drop' (fell by the threshold or more) or 'minimum' (the lowest point)."""


def curve(journey: Journey) -> list[CurvePoint]:
    """Touchpoints with an emotion, in stage order and then in the order they are listed."""
    order = {s.id: i for i, s in enumerate(journey.stages)}
    points = [
        CurvePoint(i, t, t.emotion.score)
        for i, t in enumerate(journey.touchpoints)
        if t.emotion is not None
    ]
    return sorted(points, key=lambda p: (order.get(p.touchpoint.stage, len(order)), p.index))


def low_points(journey: Journey, drop: int = 2) -> list[LowPoint]:
    """Where the curve falls by `drop` or more, and its minimum: below neutral only."""
    points = curve(journey)
    if not points:
        return []
    lowest = min(p.score for p in points)
    found: list[LowPoint] = []
    for i, point in enumerate(points):
        previous = points[i - 1] if i else None
        if point.score >= 0:
            continue
        if previous is not None and previous.score - point.score >= drop:
            found.append(LowPoint(point, previous, "drop"))
        elif point.score == lowest:
            found.append(LowPoint(point, previous, "minimum"))
    return found


def addressed_pain_ids(journey: Journey) -> set[str]:
    """Pain points some opportunity addresses; an opportunity that names none addresses
    the pain points of its own touchpoint."""
    ids: set[str] = set()
    for tp in journey.touchpoints:
        for opportunity in tp.opportunities:
            if opportunity.addresses:
                ids.update(opportunity.addresses)
            else:
                ids.update(p.id for p in tp.pain_points)
    return ids


def unaddressed_pains(journey: Journey) -> list[tuple[int, int, PainPoint]]:
    """(touchpoint index, pain index, pain point) for each pain point nothing addresses."""
    addressed = addressed_pain_ids(journey)
    return [
        (ti, pi, pain)
        for ti, tp in enumerate(journey.touchpoints)
        for pi, pain in enumerate(tp.pain_points)
        if pain.id not in addressed
    ]


def followed_up(journey: Journey, touchpoint: Touchpoint) -> bool:
    """Someone acts on this touchpoint: an opportunity there or addressing its pain, a
    message from the company right after it, or a next step where the customer feels
    neutral or better again."""
    return _FollowUps(journey).followed(touchpoint)


def unattended_low_points(journey: Journey, drop: int = 2) -> list[LowPoint]:
    """The low points nothing follows up (see `followed_up`)."""
    check = _FollowUps(journey)
    return [low for low in low_points(journey, drop) if not check.followed(low.point.touchpoint)]


class _FollowUps:
    """What `followed_up` needs, computed once per journey."""

    def __init__(self, journey: Journey) -> None:
        self.addressed = addressed_pain_ids(journey)
        self.graph = successors(journey)
        self.by_id = {t.id: t for t in journey.touchpoints}

    def followed(self, touchpoint: Touchpoint) -> bool:
        if touchpoint.opportunities:
            return True
        if any(p.id in self.addressed for p in touchpoint.pain_points):
            return True
        for step in self.graph[touchpoint.id]:
            after = self.by_id[step]
            if after.kind is TouchpointKind.message:
                return True
            if after.emotion is not None and after.emotion.score >= 0:
                return True
        return False


def pain_score(touchpoint: Touchpoint) -> int:
    """Pain points weighted by severity, plus how far the emotion is below neutral."""
    pains = sum(PAIN_WEIGHT[p.severity] for p in touchpoint.pain_points)
    emotion = touchpoint.emotion.score if touchpoint.emotion is not None else 0
    return pains + max(0, -emotion)
