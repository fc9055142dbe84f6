"""The emotion curve along the journey's paths, for one persona or for all of them.

A journey map is a graph, not a list: two branches after an offer (the customer renews,
or ports out) are alternatives, and one persona's touchpoints are not another's. So the
curve is read along paths, never in file order:

- The *main path* is the path a customer most plausibly takes: from an entry (the
  touchpoints marked `entry`, or the first one) to an end, the one that passes the most
  touchpoints recording an emotion that apply to the persona (all touchpoints, without
  one). A path that reaches an end (an `end`, or a touchpoint nothing follows) beats
  one that stops where a loop was cut. Each loop is walked once (`flow.acyclic`); on a
  tie the transition listed first in `next` wins, then the entry listed first. It may
  pass touchpoints of other personas: they carry it, but are not on the persona's curve.
- A touchpoint's *previous* emotion is the nearest touchpoint recording one before it on
  a path to it that applies to the same persona (each persona it applies to, without
  one). With several (a merge after two branches), the drop is measured from each and
  the largest is kept, naming the predecessor it comes from.

A journey without any transitions is read in the order its touchpoints are listed
(`flow.walked`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from journeykit.analysis.coverage import applies_to, targeted_personas
from journeykit.analysis.flow import acyclic, walked
from journeykit.model import Journey, Touchpoint


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
    """The predecessor the largest drop is measured from (see the module); None when no
    touchpoint of the same persona records an emotion before it."""
    reason: str
    """'drop' (fell by the threshold or more) or 'minimum' (the lowest point)."""


def _applies(touchpoint: Touchpoint, persona: str | None) -> bool:
    return persona is None or applies_to(touchpoint, persona)


class EmotionPaths:
    """The journey's graph with each loop cut once, and the touchpoints with an emotion."""

    def __init__(self, journey: Journey, graph: dict[str, list[str]] | None = None) -> None:
        self.journey = journey
        entries = [t.id for t in journey.entries()]
        self.entries = entries
        ids = entries + [t.id for t in journey.touchpoints if t.id not in entries]
        graph = walked(journey, graph)
        self.shape = acyclic(graph, ids)
        by_id = {t.id: t for t in journey.touchpoints}
        self.ends = {n for n in ids if (n in by_id and by_id[n].end) or not graph.get(n)}
        """Where a path may stop: an `end`, or nothing after it at all. A touchpoint whose
        only ways on lead back (an upgrade nudge looping to the comparison) is no end."""
        self.points = {
            t.id: CurvePoint(i, t, t.emotion.score)
            for i, t in enumerate(journey.touchpoints)
            if t.emotion is not None
        }
        self.reverse: dict[str, list[str]] = {n: [] for n in self.shape.forward}
        for node in ids:
            for step in self.shape.forward[node]:
                self.reverse[step].append(node)

    def main_path(self, persona: str | None = None, to: str | None = None) -> list[str]:
        """Touchpoint ids of the main path for `persona` (see the module); with `to`, of
        the variant that ends there: the best path to it ([] when none reaches it)."""
        forward = self.shape.forward
        # (reaches an end, emotions passed): a path that arrives somewhere beats a
        # longer one that stops where the loops were cut.
        score: dict[str, tuple[bool, int]] = {}
        following: dict[str, str | None] = {}
        for node in self.shape.order:
            point = self.points.get(node)
            own = int(point is not None and _applies(point.touchpoint, persona))
            if node == to:
                score[node], following[node] = (True, own), None
                continue
            choices = forward[node] if to is None else [n for n in forward[node] if score[n][0]]
            best = max(choices, key=score.__getitem__, default=None)
            if best is None:
                score[node] = (to is None and node in self.ends, own)
            else:
                score[node] = (score[best][0], own + score[best][1])
            following[node] = best
        path: list[str] = []
        step = max(self.entries, key=score.__getitem__, default=None)
        if to is not None and (step is None or not score[step][0]):
            return []
        while step is not None:
            path.append(step)
            step = following[step]
        return path

    def variants(self, persona: str | None = None) -> list[str]:
        """The ends a path from an entry reaches (see `main_path`'s `to`), the main path's
        first, then in the order the touchpoints are listed: one variant each."""
        reached = set(self.entries)
        queue = deque(self.entries)
        while queue:
            for step in self.shape.forward[queue.popleft()]:
                if step not in reached:
                    reached.add(step)
                    queue.append(step)
        main = self.main_path(persona)
        ends = [t.id for t in self.journey.touchpoints if t.id in self.ends and t.id in reached]
        return list(dict.fromkeys(([main[-1]] if main and main[-1] in ends else []) + ends))

    def curve(self, persona: str | None = None, to: str | None = None) -> list[CurvePoint]:
        """The points of the main path (or of the variant ending at `to`) that apply to
        `persona`, in path order."""
        return [
            self.points[node]
            for node in self.main_path(persona, to)
            if node in self.points and _applies(self.points[node].touchpoint, persona)
        ]

    def predecessors(self, point: CurvePoint, persona: str | None = None) -> list[CurvePoint]:
        """The nearest points before `point` on a path to it that apply to the same
        persona: `persona`, or without one each persona the touchpoint applies to."""
        if persona is not None:
            return self._nearest(point.touchpoint.id, persona)
        found: dict[str, CurvePoint] = {}
        personas: list[str | None] = [*targeted_personas(self.journey, point.touchpoint)]
        for who in personas or [None]:
            found.update((p.touchpoint.id, p) for p in self._nearest(point.touchpoint.id, who))
        return list(found.values())

    def previous(self, point: CurvePoint, persona: str | None = None) -> CurvePoint | None:
        """The predecessor with the highest score: the largest drop; the nearest on a tie."""
        return max(self.predecessors(point, persona), key=lambda p: p.score, default=None)

    def _nearest(self, target: str, persona: str | None) -> list[CurvePoint]:
        found: list[CurvePoint] = []
        seen = {target}
        queue = deque(self.reverse.get(target, []))
        while queue:
            node = queue.popleft()
            if node in seen:
                continue
            seen.add(node)
            point = self.points.get(node)
            if point is not None and _applies(point.touchpoint, persona):
                found.append(point)
            else:
                queue.extend(self.reverse[node])
        return found

    def low_points(self, drop: int = 2, persona: str | None = None) -> list[LowPoint]:
        """Where the curve falls by `drop` or more from a real predecessor, and its
        minimum: below neutral only, on any branch, in stage and then file order."""
        order = {s.id: i for i, s in enumerate(self.journey.stages)}
        points = sorted(
            (p for p in self.points.values() if _applies(p.touchpoint, persona)),
            key=lambda p: (order.get(p.touchpoint.stage, len(order)), p.index),
        )
        if not points:
            return []
        lowest = min(p.score for p in points)
        found: list[LowPoint] = []
        for point in points:
            if point.score >= 0:
                continue
            previous = self.previous(point, persona)
            if previous is not None and previous.score - point.score >= drop:
                found.append(LowPoint(point, previous, "drop"))
            elif point.score == lowest:
                found.append(LowPoint(point, previous, "minimum"))
        return found


def main_path(
    journey: Journey, persona: str | None = None, graph: dict[str, list[str]] | None = None
) -> list[str]:
    """Touchpoint ids of the journey's main path for `persona` (see the module)."""
    return EmotionPaths(journey, graph).main_path(persona)


def curve(
    journey: Journey, persona: str | None = None, graph: dict[str, list[str]] | None = None
) -> list[CurvePoint]:
    """The emotion curve along the main path: its touchpoints with an emotion that apply
    to `persona` (all, without one), in path order."""
    return EmotionPaths(journey, graph).curve(persona)


def low_points(
    journey: Journey,
    drop: int = 2,
    persona: str | None = None,
    graph: dict[str, list[str]] | None = None,
) -> list[LowPoint]:
    """Where the curve falls by `drop` or more from the touchpoint before it on a path
    (of the same persona), and its minimum: below neutral only."""
    return EmotionPaths(journey, graph).low_points(drop, persona)
