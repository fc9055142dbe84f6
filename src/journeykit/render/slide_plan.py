"""Cutting a row of widths (stage columns) or heights (map rows) into as few consecutive
groups as fit a slide, evened out. Pure arithmetic: `render.slides` measures, this plans.
"""

from __future__ import annotations

from collections.abc import Sequence

Group = tuple[int, int]
"""The items `first` to `end - 1`."""


def fewest_groups(weights: Sequence[float], capacity: float) -> list[Group]:
    """Consecutive groups of `weights`, as few as keep each group's sum within `capacity`,
    and of those groupings the one whose largest group is smallest (so 12 equal stages
    that fit 5 to a slide become 4 + 4 + 4, not 5 + 5 + 2). An item above `capacity` on
    its own gets a group of its own: it cannot be cut."""
    n = len(weights)
    if n == 0:
        return []
    count = _greedy_count(weights, capacity)
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)

    def cost(first: int, end: int) -> float:
        total = prefix[end] - prefix[first]
        return total if total <= capacity or end - first == 1 else float("inf")

    # best[k][i]: the smallest largest group of the first i items cut into k groups.
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                value = max(best[k - 1][j], cost(j, i))
                if value < best[k][i]:
                    best[k][i], cut[k][i] = value, j
    groups: list[Group] = []
    end = n
    for k in range(count, 0, -1):
        first = cut[k][end]
        groups.append((first, end))
        end = first
    return groups[::-1]


def _greedy_count(weights: Sequence[float], capacity: float) -> int:
    """How many groups filling each in turn as far as it goes takes: the fewest possible."""
    count, total = 0, 0.0
    for w in weights:
        if count and total + w <= capacity:
            total += w
        else:
            count, total = count + 1, w
    return count
