"""The plain-Python reference of measured KPIs, from the instances' visit lists."""

from __future__ import annotations

import itertools

from journeykit.measure.design import JourneyDesign
from journeykit.measure.quantile import nearest_rank
from journeykit.measure.result import MeasuredKpi
from journeykit.model import Direction, Kpi

Visit = dict[str, object]
UNIT_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400}


def kpis(insts: list[list[Visit]], design: JourneyDesign) -> tuple[MeasuredKpi, ...]:
    return tuple(_one(insts, design, owner, kpi) for owner, kpi in design.kpis)


def _ids(design: JourneyDesign, ref: str) -> set[str]:
    if ref in design.stages:
        index = design.stages.index(ref)
        return {t for t in design.touchpoints if design.stage_of[t] == index}
    return {ref}


def _start(v: Visit) -> int:
    return int(str(v["start"]))


def _one(insts: list[list[Visit]], design: JourneyDesign, owner: str, kpi: Kpi) -> MeasuredKpi:
    how = kpi.measure
    assert how is not None
    counts: tuple[int, int] | None = None
    value: float | None = None
    if how.conversion is not None:
        kind, c = "conversion", how.conversion
        begin, goal = _ids(design, c.start), _ids(design, c.to)
        limit = None
        if c.within:
            limit = (
                int(c.within[:-1])
                * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[c.within[-1]]
            )
        at = converted = 0
        for p in insts:
            first = next((i for i, v in enumerate(p) if v["tp"] in begin), None)
            if first is None:
                continue
            at += 1
            converted += any(
                v["tp"] in goal and (limit is None or _start(v) - _start(p[first]) <= limit)
                for v in p[first + 1 :]
            )
        counts = (converted, at)
    elif how.reach is not None:
        kind, where = "reach", _ids(design, how.reach)
        counts = (sum(any(v["tp"] in where for v in p) for p in insts), len(insts))
        value = float(counts[0])
    elif how.transition is not None:
        kind = "transition"
        a, b = how.transition.start, how.transition.to
        moved = sum(
            any((x["tp"], y["tp"]) == (a, b) for x, y in itertools.pairwise(p)) for p in insts
        )
        counts = (moved, sum(any(v["tp"] == a for v in p) for p in insts))
    else:
        kind, timed = "time_to_end", how.time_to_end
        assert timed is not None
        took = [
            next(_start(v) for v in p if v["tp"] == timed.end) - _start(p[0])
            for p in insts
            if any(v["tp"] == timed.end for v in p)
        ]
        q = (1, 2) if timed.quantile == "median" else (9, 10)
        seconds = nearest_rank(took, *q)
        if seconds is not None:
            value = seconds / UNIT_SECONDS.get(kpi.unit or "s", 1)
    if counts is not None and kind != "reach":
        value = counts[0] / counts[1] * (100 if kpi.unit == "%" else 1) if counts[1] else None
    value = None if value is None else round(value, 6) + 0.0
    met = None
    if value is not None and kpi.target is not None:
        better = kpi.direction is Direction.higher_is_better
        met = value >= kpi.target if better else value <= kpi.target
    return MeasuredKpi(
        kpi.id,
        owner,
        kind,
        value,
        counts[0] if counts else None,
        counts[1] if counts else None,
        kpi.unit,
        kpi.target,
        kpi.actual,
        met,
    )
