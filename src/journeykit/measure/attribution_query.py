"""The engine's part of attribution: a few grouped counts over the visits (see steps.py).

An instance converts at its first visit to the outcome (the touchpoint, or any
touchpoint of the stage). Its path is the visits before that one; an instance whose
first visit is already the outcome has that visit as its path (it came straight there).
An instance that never reaches the outcome keeps its whole path (Markov needs it).

What comes back is small and exact wherever it can be: how many path visits stand at
each (touchpoint, path length, role) for the positional models, which Python turns into
exact fractions; each touchpoint's summed time-decay weight; the move counts between
the Markov states. Nothing per customer leaves the engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir

from journeykit.measure.design import Names
from journeykit.measure.fetch import rows
from journeykit.measure.markov import CONV, NULL, START
from journeykit.measure.paths import INSTANCE
from journeykit.measure.portable import whole

ONLY, FIRST, MIDDLE, LAST = 0, 1, 2, 3
"""A path visit's role: the only visit of its path, the first, one between, the last."""

Key = tuple[Any, ...]


@dataclass
class AttributionFacts:
    positions: dict[Key, list[tuple[str, int, int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """key -> (touchpoint, path length, role, visits)."""
    decay: dict[Key, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    """key -> touchpoint -> its summed share of each converting path's decay weight."""
    moves: dict[Key, dict[tuple[str, str], int]] = field(default_factory=lambda: defaultdict(dict))
    """key -> (from state, to state) -> walks that made the move (markov.py's states)."""
    direct: dict[Key, int] = field(default_factory=dict)
    """key -> conversions whose first visit was the outcome."""


def fetch(
    v: ir.Table,
    keys: Sequence[str],
    outcomes: Mapping[str, Sequence[int]],
    half_life_seconds: int,
    names: Names,
) -> AttributionFacts:
    """The facts of every key of the journeys in `outcomes` (journey -> outcome codes)."""
    facts = AttributionFacts()
    if not outcomes:
        return facts
    keys = list(keys)
    with _paths(v, keys, outcomes).cache() as t:
        _positions(t, keys, names, facts)
        _decay(t, keys, half_life_seconds, names, facts)
        _moves(t, keys, names, facts)
    return facts


def _paths(v: ir.Table, keys: list[str], outcomes: Mapping[str, Sequence[int]]) -> ir.Table:
    """The path visits of every instance, each with its instance's conversion facts:
    c (the converting visit, null when it never converts), k (its path's length), at
    (when it converted) and last (its path's last visit)."""
    v = v.filter(v.journey.isin(sorted(outcomes)))
    hit = ibis.or_(*[(v.journey == j) & v.tp.isin(list(c)) for j, c in sorted(outcomes.items())])
    inst = [*keys, *INSTANCE]
    # A window over the instance, not a join with a per-instance table: the keys hold
    # a null segment (everyone's scope), and null never equals null in a join.
    each = whole(inst)
    t = v.mutate(c=v.visit.min(where=hit).over(each), at=v.start.min(where=hit).over(each))
    k = ibis.ifelse(t.c == 1, 1, t.c - 1)
    t = t.mutate(k=k, last=ibis.ifelse(t.c.isnull(), t.n, k))
    t = t.filter(t.visit <= t["last"])
    return t.select(*inst, "tp", "visit", "prev_tp", "start", "c", "at", "k", "last")


def _positions(t: ir.Table, keys: list[str], names: Names, facts: AttributionFacts) -> None:
    c = t.filter(t.c.notnull())
    role = ibis.cases((c.k == 1, ONLY), (c.visit == 1, FIRST), (c.visit == c.k, LAST), else_=MIDDLE)
    counted = c.group_by([*keys, "tp", "k", role.name("role")]).aggregate(n=c.count())
    for r in rows(counted):
        key = tuple(r[k] for k in keys)
        tp = names[r["journey"]][int(r["tp"])]
        facts.positions[key].append((tp, int(r["k"]), int(r["role"]), int(r["n"])))
    straight = c.filter(c.c == 1)
    direct = straight.group_by(keys).aggregate(n=straight.count())
    for r in rows(direct):
        facts.direct[tuple(r[k] for k in keys)] = int(r["n"])


def _decay(
    t: ir.Table, keys: list[str], half_life: int, names: Names, facts: AttributionFacts
) -> None:
    """Each visit weighs 0.5 ** (its age at the conversion / half-life), its start the
    time it happened; a path's weights are divided by their sum, so each converting
    path gives out one conversion."""
    c = t.filter(t.c.notnull())
    weight = ibis.literal(0.5) ** ((c["at"] - c.start).cast("float64") / float(half_life))
    c = c.mutate(w=weight)
    c = c.mutate(share=c.w / c.w.sum().over(whole([*keys, *INSTANCE])))
    summed = c.group_by([*keys, "tp"]).aggregate(credit=c.share.sum())
    for r in rows(summed):
        tp = names[r["journey"]][int(r["tp"])]
        facts.decay[tuple(r[k] for k in keys)][tp] = float(r["credit"])


def _moves(t: ir.Table, keys: list[str], names: Names, facts: AttributionFacts) -> None:
    """start -> the first visit, each move within the path, the last visit -> conv or
    null. Codes: -1 start, -2 conv, -3 null."""
    into = t.group_by([*keys, (ibis.ifelse(t.visit == 1, -1, t.prev_tp)).name("a"), t.tp.name("b")])
    counted = into.aggregate(n=t.count())
    ends = t.filter(t.visit == t["last"])
    out = ends.group_by(
        [*keys, ends.tp.name("a"), ibis.ifelse(ends.c.isnull(), -3, -2).name("b")]
    ).aggregate(n=ends.count())
    special = {-1: START, -2: CONV, -3: NULL}

    def state(journey: str, code: Any) -> str:
        return special.get(int(code)) or names[journey][int(code)]

    for r in (*rows(counted), *rows(out)):
        key = tuple(r[k] for k in keys)
        move = (state(r["journey"], r["a"]), state(r["journey"], r["b"]))
        facts.moves[key][move] = int(r["n"])
