"""Where a journey is measured: its KPIs with the stage they belong to."""

from __future__ import annotations

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


def meets_target(kpi: Kpi) -> bool | None:
    """Whether the actual value meets the target; None when either is missing."""
    if kpi.target is None or kpi.actual is None:
        return None
    if kpi.direction is Direction.lower_is_better:
        return kpi.actual <= kpi.target
    return kpi.actual >= kpi.target
