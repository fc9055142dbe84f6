"""What the observed flow draws, taken from a measurement: the same numbers for DOT and Mermaid.

An edge's width grows with the square root of its moves, so that a path ten times busier
reads as clearly wider without drowning the rest: `width = 1 + 5 * sqrt(count / most)`
points (most: the busiest edge drawn), rounded to two places, so between 1 and 6; a
designed transition nobody took is drawn thin (0.6) and grey. The drop-off share of a
touchpoint is the instances that stopped there away from a designed end, of the instances
that visited it (null when none did).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from journeykit.measure.result import JourneyMeasure, LogSummary, Metrics, TransitionStat, rate
from journeykit.model import Journey, Touchpoint

MIN_WIDTH = 1.0
MAX_WIDTH = 6.0
UNUSED_WIDTH = 0.6
JUMP_COLOR = "#cf222e"
UNSEEN_FILL = "#eaeef2"
UNSEEN_INK = "#8c959f"


def width(count: int, most: int) -> float:
    """The pen width of an edge with `count` moves when the busiest drawn has `most`."""
    if count <= 0 or most <= 0:
        return UNUSED_WIDTH
    share = min(count, most) / most
    return round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * math.sqrt(share), 2)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def percent(value: float | None) -> str:
    """0.4 -> "40%", 0.123456 -> "12.3%"; None -> "n/a"."""
    if value is None:
        return "n/a"
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


@dataclass(frozen=True, slots=True)
class Spot:
    """One touchpoint as observed."""

    customers: int
    instances: int
    visits: int
    dropped: int
    ended: int
    seen: bool

    @property
    def drop_share(self) -> float | None:
        return rate(self.dropped, self.instances)


MOST_JUMPS = 12
"""Jumps drawn, the busiest first."""


@dataclass(frozen=True, slots=True)
class Move:
    """One drawn edge: a designed transition (count may be 0), a jump or an entry."""

    source: str
    target: str
    count: int
    instances: int
    designed: bool


@dataclass(frozen=True, slots=True)
class Observed:
    spots: dict[str, Spot]
    designed: dict[tuple[str, str], Move]
    jumps: list[Move]
    """The busiest jumps, at most `MOST_JUMPS`; the rest are counted in `undrawn`."""
    undrawn: tuple[int, int]
    """Jumps not drawn, and their moves."""
    entries: dict[str, Move]
    """Entries by touchpoint: designed ones (count may be 0) and observed others."""
    most: int
    metrics: Metrics

    def width(self, count: int) -> float:
        return width(count, self.most)


def observe(journey: Journey, measured: JourneyMeasure, shown: list[Touchpoint]) -> Observed:
    """The numbers of `measured.all` for the touchpoints `shown` of `journey`."""
    m = measured.all
    ids = {t.id for t in shown}
    stats = {s.touchpoint: s for s in m.touchpoints}
    dropped: dict[str, int] = {}
    for d in m.drop_outs:
        dropped[d.touchpoint] = dropped.get(d.touchpoint, 0) + d.instances
    ended = {e.touchpoint: e.instances for e in m.exits if e.designed}
    spots = {}
    for tp in shown:
        s = stats.get(tp.id)
        spots[tp.id] = Spot(
            customers=s.customers if s else 0,
            instances=s.instances if s else 0,
            visits=s.visits if s else 0,
            dropped=dropped.get(tp.id, 0),
            ended=ended.get(tp.id, 0),
            seen=s is not None,
        )
    seen = {(t.source, t.target): t for t in m.transitions}
    designed = {}
    for tp in shown:
        for step in tp.transitions:
            if step.journey is None and step.to in ids:
                designed[(tp.id, step.to)] = _move(tp.id, step.to, seen.get((tp.id, step.to)))
    every = [
        _move(j.source, j.target, j)
        for j in m.jumps
        if j.source in ids and j.target in ids and (j.source, j.target) not in designed
    ]
    # m.jumps is ranked by traffic; a picture with hundreds of one-off jumps shows none of
    # them, so the tail is counted in the title instead (measure lists every one).
    jumps = every[:MOST_JUMPS]
    undrawn = (len(every) - len(jumps), sum(j.count for j in every[MOST_JUMPS:]))
    starts = {e.touchpoint: e for e in m.entries}
    entries = {}
    for tp in journey.entries():
        if tp.id in ids:
            e = starts.get(tp.id)
            entries[tp.id] = Move("start", tp.id, e.instances if e else 0, 0, True)
    for e in m.entries:
        if not e.designed and e.touchpoint in ids:
            entries[e.touchpoint] = Move("start", e.touchpoint, e.instances, e.instances, False)
    counts = [x.count for x in [*designed.values(), *jumps, *entries.values()]]
    return Observed(spots, designed, jumps, undrawn, entries, max(counts, default=0), m)


def _move(source: str, target: str, stat: TransitionStat | None) -> Move:
    if stat is None:
        return Move(source, target, 0, 0, True)
    return Move(source, target, stat.count, stat.instances, stat.designed)


def period(log: LogSummary) -> str:
    """The days counted: `--since`/`--until` when given, else the first and last event's."""
    start = log.since or log.first_event
    end = _last_day(log.until) if log.until else log.last_event
    first = start[:10] if start else "?"
    last = end[:10] if end else "?"
    return first if first == last else f"{first} to {last}"


def _last_day(until: str) -> str:
    """`until` is the first instant not counted: at midnight, the day before is the last."""
    moment = datetime.fromisoformat(until)
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        moment -= timedelta(days=1)
    return moment.isoformat()


def summary(log: LogSummary, seen: Observed) -> str:
    """The title's line: period, customers, instances, fitness, jumps not drawn."""
    metrics = seen.metrics
    fit = metrics.fitness
    line = (
        f"Observed flow · {period(log)} · {plural(metrics.customers, 'customer')} · "
        f"{plural(metrics.instances, 'journey instance')} · fitness {percent(fit.rate)} "
        f"({fit.numerator} of {fit.denominator})"
    )
    jumps, moves = seen.undrawn
    if jumps:
        line += (
            f" · {plural(jumps, 'more jump')} ({plural(moves, 'move')}) not drawn:"
            " journeykit measure lists them"
        )
    return line
