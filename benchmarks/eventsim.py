"""The customers benchmarks/eventlog.py simulates: a journey design read through journeykit,
walked by many customers at once with numpy.

A customer picks a journey and a persona (the `segment`), starts at one of the journey's
entries and follows designed transitions, preferring touchpoints meant for their persona,
until they stop at an end, reach a touchpoint with nowhere to go, or drop out. About a
third of the customers stray now and then: a jump to a touchpoint the design does not
lead to, a repeated step, a skipped step. A few events are noise that maps to no
touchpoint. Gaps between events are log-normal (hours to weeks, a month or more from
first contact to purchase for many), some are zero (ties).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]

# Event names that map to no touchpoint: analytics noise, and near-misses of real ids
# (a tracking plan that spells `add-to-cart` as `add_to_cart`).
NOISE = ("page_view", "session_start", "app_open", "scroll_depth_75", "consent_banner_shown")

START = np.datetime64("2025-01-06T00:00:00", "s").astype(np.int64)
"""Customers' first contacts fall in the 26 weeks from here (UTC)."""
SPREAD = 26 * 7 * 86_400
MAX_STEPS = 60

P_STRAY = 0.3  # customers who leave the design now and then
P_JUMP, P_REPEAT, P_SKIP = 0.05, 0.04, 0.04  # per step, for those who stray
P_ELSEWHERE = 0.02  # start at a touchpoint that is no entry (strays only)
P_DROP = 0.06  # per step, anyone not at an end
P_STAY_AT_END = 0.12  # at an end with designed transitions: go on
P_NOISE = 0.02  # per step: an unmapped event too
P_TIE = 0.04  # a gap of zero seconds
GAP_MEDIAN = 1.5 * 86_400  # seconds between two touchpoints, median
GAP_SIGMA = 1.4
OFF_PERSONA = 0.1  # weight of a touchpoint meant for other personas


@dataclass(frozen=True)
class Design:
    """Every selected journey's touchpoints as one numbered set of nodes."""

    journeys: list[str]
    names: list[str]
    """Event names: touchpoint ids (node order), then the noise names."""
    channels: list[str]
    node_channel: Ints
    node_journey: Ints
    personas: list[str]
    succ: npt.NDArray[np.float64]
    """(persona, node, node): cumulative weights of the designed next touchpoints."""
    has_succ: npt.NDArray[np.bool_]
    is_end: npt.NDArray[np.bool_]
    entry: npt.NDArray[np.float64]
    """(persona, journey, node): cumulative weights of the entries."""
    journey_personas: npt.NDArray[np.float64]
    """(journey, persona): cumulative weights of each journey's personas."""
    journey_span: Ints
    """(journey, 2): first node and number of nodes."""

    @property
    def nodes(self) -> int:
        return len(self.node_journey)


def read_design(workspace: Path, journey: str | None = None) -> Design:
    """The design of `journey` (default: every journey) in the workspace, via journeykit."""
    from journeykit.run.engine import run

    result = run([workspace])
    found = [j.item for w in result.workspaces for j in w.journeys]
    if journey is not None:
        found = [j for j in found if j.id == journey]
        if not found:
            raise SystemExit(f"{workspace}: no journey {journey!r}")
    if not found:
        raise SystemExit(f"{workspace}: no journey loaded")
    ids = [(j.id, t.id) for j in found for t in j.touchpoints]
    index = {key: i for i, key in enumerate(ids)}
    channels = sorted({t.channel for j in found for t in j.touchpoints})
    personas = sorted({p for j in found for p in j.personas})
    n, np_ = len(ids), len(personas)
    weights = np.zeros((np_, n, n))
    entry = np.zeros((np_, len(found), n))
    jp = np.zeros((len(found), np_))
    is_end = np.zeros(n, dtype=bool)
    span = np.zeros((len(found), 2), dtype=np.int64)
    for k, j in enumerate(found):
        span[k] = (index[(j.id, j.touchpoints[0].id)], len(j.touchpoints))
        for p in j.personas:
            jp[k, personas.index(p)] = 1.0
        entries = {t.id for t in j.entries()}
        for t in j.touchpoints:
            a = index[(j.id, t.id)]
            is_end[a] = t.end
            fit = np.array([not t.personas or p in t.personas for p in personas])
            w = np.where(fit, 1.0, OFF_PERSONA)
            if t.id in entries:
                entry[:, k, a] = w
            for step in t.transitions:
                b = index.get((j.id, step.to))
                if step.journey in (None, j.id) and b is not None and b != a:
                    weights[:, a, b] = 1.0
    # Weight each designed move by whether the persona is meant to be at its target.
    target_fit = np.array(
        [
            [not t.personas or p in t.personas for j in found for t in j.touchpoints]
            for p in personas
        ]
    )
    weights *= np.where(target_fit, 1.0, OFF_PERSONA)[:, None, :]
    return Design(
        journeys=[j.id for j in found],
        names=[t for _, t in ids] + list(NOISE),
        channels=channels,
        node_channel=np.array(
            [channels.index(t.channel) for j in found for t in j.touchpoints], dtype=np.int64
        ),
        node_journey=np.repeat(np.arange(len(found)), span[:, 1]),
        personas=personas,
        succ=np.cumsum(weights, axis=2),
        has_succ=weights[0].sum(axis=1) > 0,
        is_end=is_end,
        entry=np.cumsum(entry, axis=2),
        journey_personas=np.cumsum(jp, axis=1),
        journey_span=span,
    )


def pick(cum: npt.NDArray[np.float64], rng: np.random.Generator) -> Ints:
    """One index per row of cumulative weights `cum` (rows whose total is 0 give 0)."""
    u = rng.random(len(cum)) * cum[:, -1]
    found: Ints = np.minimum((cum <= u[:, None]).sum(axis=1), cum.shape[1] - 1).astype(np.int64)
    return found


@dataclass(frozen=True)
class Customers:
    """One batch of simulated customers: their events in customer order, then step order."""

    customer: Ints
    """The customer's number within the batch."""
    code: Ints
    """A node (touchpoint), or nodes + k for the k-th noise name."""
    ts: Ints
    """Seconds since the epoch, UTC."""
    channel: Ints
    persona: Ints
    """Each customer's persona, by customer number."""


def simulate(design: Design, count: int, rng: np.random.Generator) -> Customers:
    """The events of `count` customers."""
    journey = rng.integers(0, len(design.journeys), count)
    persona = pick(design.journey_personas[journey], rng)
    strays = rng.random(count) < P_STRAY
    cur = pick(design.entry[persona, journey], rng)
    first, size = design.journey_span[journey].T
    elsewhere = strays & (rng.random(count) < P_ELSEWHERE)
    cur[elsewhere] = first[elsewhere] + rng.integers(0, size[elsewhere])
    who = np.arange(count)
    steps: list[tuple[Ints, Ints, int]] = []  # (customers, codes, order within a customer)
    for step in range(MAX_STEPS):
        noisy = rng.random(len(who)) < P_NOISE
        steps.append(
            (who[noisy], design.nodes + rng.integers(0, len(NOISE), noisy.sum()), 2 * step)
        )
        steps.append((who, cur, 2 * step + 1))
        if step == MAX_STEPS - 1:
            break
        who, cur = _move(design, who, cur, persona, strays, journey, rng)
        if len(who) == 0:
            break
    order = np.concatenate([np.full(len(c), o) for c, _, o in steps])
    customer = np.concatenate([c for c, _, _ in steps])
    code = np.concatenate([k for _, k, _ in steps])
    ranked = np.lexsort((order, customer))
    customer, code = customer[ranked], code[ranked]
    return Customers(
        customer, code, _times(customer, count, rng), _channels(design, code, rng), persona
    )


def _move(
    design: Design,
    who: Ints,
    cur: Ints,
    persona: Ints,
    strays: npt.NDArray[np.bool_],
    journey: Ints,
    rng: np.random.Generator,
) -> tuple[Ints, Ints]:
    """Who goes on after this step, and to which touchpoint."""
    p = persona[who]
    at_end = design.is_end[cur]
    u = rng.random(len(who))
    stop = np.where(at_end, u >= P_STAY_AT_END, u < P_DROP) | ~design.has_succ[cur]
    designed = pick(design.succ[p, cur], rng)
    after = pick(design.succ[p, designed], rng)
    skipped = np.where(design.has_succ[designed], after, designed)
    first, size = design.journey_span[journey[who]].T
    jumped = first + rng.integers(0, size)
    v = rng.random(len(who))
    stray = strays[who]
    nxt = designed
    nxt = np.where(stray & (v < P_JUMP), jumped, nxt)
    nxt = np.where(stray & (v >= P_JUMP) & (v < P_JUMP + P_REPEAT), cur, nxt)
    skip = stray & (v >= P_JUMP + P_REPEAT) & (v < P_JUMP + P_REPEAT + P_SKIP)
    nxt = np.where(skip, skipped, nxt)
    # A jump or a repeat does not need a designed way on: it keeps a dead end going.
    goes = ~stop | (stray & (v < P_JUMP + P_REPEAT) & ~at_end & (u >= P_DROP))
    return who[goes], nxt[goes]


def _times(customer: Ints, count: int, rng: np.random.Generator) -> Ints:
    """Each event's time: the customer's start plus log-normal gaps at their own pace."""
    pace = rng.lognormal(0.0, 0.5, count)
    start = START + rng.integers(0, SPREAD, count)
    gaps = rng.lognormal(np.log(GAP_MEDIAN), GAP_SIGMA, len(customer)) * pace[customer]
    gaps[rng.random(len(customer)) < P_TIE] = 0.0
    firsts = np.r_[True, customer[1:] != customer[:-1]]
    gaps[firsts] = 0.0
    total = np.cumsum(gaps.astype(np.int64))
    ts: Ints = start[customer] + total - total[firsts][np.cumsum(firsts) - 1]
    return ts


def _channels(design: Design, code: Ints, rng: np.random.Generator) -> Ints:
    """The touchpoint's channel; noise comes from any of the design's channels."""
    touch = code < design.nodes
    out = rng.integers(0, len(design.channels), len(code))
    out[touch] = design.node_channel[code[touch]]
    return out
