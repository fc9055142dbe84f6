"""The journey as a graph: touchpoints are nodes, `next` transitions are edges."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from journeykit.model import Journey, Touchpoint
from journeykit.workspace.project import Located, Project


def successors(journey: Journey) -> dict[str, list[str]]:
    """Touchpoint id -> ids of the touchpoints of the same journey that can follow it."""
    ids = {t.id for t in journey.touchpoints}
    graph: dict[str, list[str]] = {t.id: [] for t in journey.touchpoints}
    for tp in journey.touchpoints:
        for step in tp.transitions:
            same = step.journey is None or step.journey == journey.id
            if same and step.to in ids and step.to not in graph[tp.id]:
                graph[tp.id].append(step.to)
    return graph


def walked(journey: Journey, graph: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """The steps a customer can take: `graph` (`successors` by default), or, when the
    journey has no transitions between its touchpoints at all, each touchpoint followed
    by the one listed after it: a map drawn as a list is read in its order."""
    graph = successors(journey) if graph is None else graph
    if any(graph.values()):
        return graph
    ids = [t.id for t in journey.touchpoints]
    return {i: [] for i in ids} | {a: [b] for a, b in pairwise(ids)}


def inbound_from_other_journeys(project: Project, journey: Journey) -> set[str]:
    """Ids of this journey's touchpoints that another journey's transitions lead to."""
    return set(project.inbound(journey.id))


def entry_ids(project: Project, journey: Journey) -> list[str]:
    """Where the journey can start: marked entries (or the first touchpoint), and the
    touchpoints other journeys lead into."""
    own = [t.id for t in journey.entries()]
    inbound = inbound_from_other_journeys(project, journey)
    return own + sorted(inbound.difference(own))


def reach(graph: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    stack = [s for s in starts if s in graph]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph[node])
    return seen


def unreachable(project: Project, journey: Located[Journey]) -> list[Touchpoint]:
    model = journey.item
    reached = reach(successors(model), entry_ids(project, model))
    return [t for t in model.touchpoints if t.id not in reached]


def dead_ends(journey: Journey) -> list[Touchpoint]:
    """Touchpoints with no way onward (not even to another journey) and not marked `end`."""
    return [t for t in journey.touchpoints if not t.next and not t.end]


def ancestors(graph: dict[str, list[str]], target: str) -> set[str]:
    """Every touchpoint from which `target` can be reached (itself only on a loop)."""
    reverse: dict[str, list[str]] = {n: [] for n in graph}
    for node, nexts in graph.items():
        for n in nexts:
            reverse[n].append(node)
    return reach(reverse, reverse.get(target, []))


def has_branch(graph: dict[str, list[str]]) -> bool:
    return any(len(nexts) > 1 for nexts in graph.values())


def has_loop(graph: dict[str, list[str]]) -> bool:
    """Whether any touchpoint can lead back to itself (a back-step or a cycle)."""
    state: dict[str, int] = {}
    for root in graph:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, index = stack.pop()
            nexts = graph[node]
            if index < len(nexts):
                stack.append((node, index + 1))
                child = nexts[index]
                if state.get(child) == 1:
                    return True
                if child not in state:
                    state[child] = 1
                    stack.append((child, 0))
            else:
                state[node] = 2
    return False


@dataclass(frozen=True, slots=True)
class Acyclic:
    """The journey graph with each loop cut once, for path weights."""

    forward: dict[str, list[str]]
    order: list[str]
    """Post-order: every touchpoint after all the touchpoints it leads to."""

    def heaviest_path(self, weight: Callable[[str], int]) -> list[str]:
        """The path with the largest total weight."""
        score: dict[str, int] = {}
        following: dict[str, str | None] = {}
        for node in self.order:
            best = max(self.forward[node], key=score.__getitem__, default=None)
            score[node] = weight(node) + (score[best] if best is not None else 0)
            following[node] = best
        path: list[str] = []
        step = max(self.order, key=score.__getitem__, default=None)
        while step is not None:
            path.append(step)
            step = following[step]
        return path


def acyclic(graph: dict[str, list[str]], nodes: Sequence[str]) -> Acyclic:
    """Drop the edges back to a touchpoint still on the depth-first stack (taken in the
    order of `nodes`): a reminder loop then counts its messages once, not forever."""
    inside = set(nodes)
    forward: dict[str, list[str]] = {n: [] for n in nodes}
    state: dict[str, int] = {}
    order: list[str] = []
    for root in nodes:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            nexts = [n for n in graph.get(node, []) if n in inside]
            if i < len(nexts):
                stack.append((node, i + 1))
                child = nexts[i]
                if state.get(child) == 1:
                    continue
                forward[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, 0))
            else:
                state[node] = 2
                order.append(node)
    return Acyclic(forward, order)


def heaviest_path(
    graph: dict[str, list[str]], nodes: Sequence[str], weight: Callable[[str], int]
) -> list[str]:
    """The path through `nodes` with the largest total weight, each loop walked once."""
    return acyclic(graph, nodes).heaviest_path(weight)
