"""The emotion curve (`analysis.curve`: along paths, per persona) and the pain a journey
carries, stage by stage and channel by channel."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from journeykit.analysis.curve import CurvePoint as CurvePoint
from journeykit.analysis.curve import EmotionPaths as EmotionPaths
from journeykit.analysis.curve import LowPoint as LowPoint
from journeykit.analysis.curve import curve as curve
from journeykit.analysis.curve import low_points as low_points
from journeykit.analysis.flow import walked
from journeykit.analysis.purposes import is_ask, is_recovery
from journeykit.model import Journey, Opportunity, PainPoint, Touchpoint

PAIN_WEIGHT = {"low": 1, "medium": 2, "high": 3}


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


@dataclass(frozen=True, slots=True)
class LowPointAnswer:
    """What follows a low point in its own stage and the next one."""

    low: LowPoint
    recovery: Touchpoint | None
    """The first recovery reached after it (see `purposes.is_recovery`)."""
    fine_again: Touchpoint | None
    """A step right after it (in any stage), neither an ask nor a context touchpoint,
    where the customer feels neutral or better again: the moment passed by itself."""
    ask: Touchpoint | None
    """The first ask (feedback or marketing, see `purposes.is_ask`) reached after it on a
    path where neither a recovery nor the customer feeling fine again comes first."""
    opportunity: Opportunity | None
    """An opportunity written down for it: at the touchpoint, or addressing its pain."""

    @property
    def recovered(self) -> bool:
        """Put right (or passed), and no ask comes before that."""
        return (self.recovery is not None or self.fine_again is not None) and self.ask is None


def low_point_answers(
    journey: Journey,
    drop: int = 2,
    graph: dict[str, list[str]] | None = None,
    low: int = -2,
    persona: str | None = None,
) -> list[LowPointAnswer]:
    """Each low point at one of the brand's touchpoints (a context one, such as the late
    tram, is not the brand's to recover) with what answers it: the touchpoints reached
    after it through `graph` (`flow.successors` by default; the order they are listed
    in when the journey has no transitions), in its own and the next stage by stage
    order. What comes after a recovery, or after a step right after the low point where
    the customer feels neutral or better again, is not looked at: the moment is over.
    The curve's minimum counts only at `low` or below: a mildly indifferent end (-1) is
    not a moment of truth, a fall by `drop` is at any score below neutral. With
    `persona`, that persona's curve only (see `analysis.curve`)."""
    return _Answers(journey, graph).all(drop, low, persona)


def unrecovered_low_points(
    journey: Journey,
    drop: int = 2,
    graph: dict[str, list[str]] | None = None,
    low: int = -2,
    persona: str | None = None,
) -> list[LowPointAnswer]:
    """The low points no recovery answers, or where an ask comes before the recovery."""
    answers = low_point_answers(journey, drop, graph, low, persona)
    return [a for a in answers if not a.recovered]


class _Answers:
    """What `low_point_answers` needs, computed once per journey."""

    def __init__(self, journey: Journey, graph: dict[str, list[str]] | None) -> None:
        self.journey = journey
        self.graph = walked(journey, graph)
        self.by_id = {t.id: t for t in journey.touchpoints}
        self.order = {s.id: i for i, s in enumerate(journey.stages)}
        self.for_pain: dict[str, Opportunity] = {}
        for tp in journey.touchpoints:
            for opportunity in tp.opportunities:
                for pain in opportunity.addresses:
                    self.for_pain.setdefault(pain, opportunity)

    def all(self, drop: int, limit: int, persona: str | None) -> list[LowPointAnswer]:
        return [
            self.answer(low)
            for low in low_points(self.journey, drop, persona, self.graph)
            if not low.point.touchpoint.context
            and (low.reason == "drop" or low.point.score <= limit)
        ]

    def stage_of(self, touchpoint: Touchpoint) -> int:
        return self.order.get(touchpoint.stage, len(self.order))

    def answer(self, low: LowPoint) -> LowPointAnswer:
        start = low.point.touchpoint
        window = (self.stage_of(start), self.stage_of(start) + 1)
        recovery: Touchpoint | None = None
        fine: Touchpoint | None = None
        ask: Touchpoint | None = None
        seen = {start.id}
        queue = deque((step, True) for step in self.graph.get(start.id, []))
        while queue:
            step, right_after = queue.popleft()
            after = self.by_id.get(step)
            if step in seen or after is None:
                continue
            seen.add(step)
            inside = self.stage_of(after) in window
            if inside and is_recovery(after):
                recovery = recovery or after
                continue
            if right_after and not is_ask(after) and _fine(after):
                fine = fine or after  # in any stage: a back-step the customer is happy with
                continue
            if not inside:
                continue
            if is_ask(after):
                ask = ask or after
            queue.extend((n, False) for n in self.graph.get(step, []))
        return LowPointAnswer(low, recovery, fine, ask, self.opportunity(start))

    def opportunity(self, touchpoint: Touchpoint) -> Opportunity | None:
        if touchpoint.opportunities:
            return touchpoint.opportunities[0]
        return next(
            (self.for_pain[p.id] for p in touchpoint.pain_points if p.id in self.for_pain),
            None,
        )


def _fine(touchpoint: Touchpoint) -> bool:
    emotion = touchpoint.emotion
    return not touchpoint.context and emotion is not None and emotion.score >= 0


def pain_score(touchpoint: Touchpoint) -> int:
    """Pain points weighted by severity, plus how far the emotion is below neutral."""
    pains = sum(PAIN_WEIGHT[p.severity] for p in touchpoint.pain_points)
    emotion = touchpoint.emotion.score if touchpoint.emotion is not None else 0
    return pains + max(0, -emotion)
