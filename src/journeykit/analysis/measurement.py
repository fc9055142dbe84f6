"""Where a journey is measured: its KPIs with the stage they belong to."""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeykit.loader.locate import PathPart
from journeykit.model import Direction, Journey, Kpi


@dataclass(frozen=True, slots=True)
class PlacedKpi:
    kpi: Kpi
    stage: str
    """Id of the stage it measures (the touchpoint's stage for a touchpoint KPI)."""
    path: tuple[PathPart, ...]
    """YAML path of the KPI in the journey file."""


def journey_kpis(journey: Journey) -> list[PlacedKpi]:
    found = [
        PlacedKpi(k, s.id, ("stages", si, "kpis", ki))
        for si, s in enumerate(journey.stages)
        for ki, k in enumerate(s.kpis)
    ]
    found += [
        PlacedKpi(k, t.stage, ("touchpoints", ti, "kpis", ki))
        for ti, t in enumerate(journey.touchpoints)
        for ki, k in enumerate(t.kpis)
    ]
    return found


def measured_stages(journey: Journey) -> set[str]:
    return {p.stage for p in journey_kpis(journey)}


def meets_target(kpi: Kpi, value: float | None = None) -> bool | None:
    """Whether the actual value (or `value`, a measured one) meets the target by the
    KPI's direction; None when either is missing."""
    actual = kpi.actual if value is None else value
    if kpi.target is None or actual is None:
        return None
    if kpi.direction is Direction.lower_is_better:
        return actual <= kpi.target
    return actual >= kpi.target


def progress(kpi: Kpi) -> int:
    """How far the actual value has come towards the target, 0-100, for a progress bar.

    100 when the target is met, 0 when either value is missing. Short of the target the
    bar is actual/target (target/actual when lower is better) while both are positive;
    with zero or negative values the ratio means nothing and the bar stays empty. A miss
    never shows as 100, and no ratio of finite values can overflow: it stays below 1.
    """
    met = meets_target(kpi)
    if met is None:
        return 0
    if met:
        return 100
    assert kpi.actual is not None and kpi.target is not None
    part, whole = kpi.actual, kpi.target
    if kpi.direction is Direction.lower_is_better:
        part, whole = whole, part
    if not (part > 0 and whole > 0 and math.isfinite(part) and math.isfinite(whole)):
        return 0
    return min(99, round(part / whole * 100))
