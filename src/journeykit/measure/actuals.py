"""Measured KPI actuals in the journeys: what `render`, `report` and `lint` show and judge
when they are given events (or a snapshot).

A KPI whose `measure` says how it comes from the log gets the log's value as its `actual`,
its name marked "(measured)" and its `source` naming the log and the period: every view,
table and rule that reads a KPI then reads the measured value, and says so.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

MEASURED = "measured from "
"""How a measured actual's `source` starts: the rules and views that show a KPI say so."""

if TYPE_CHECKING:
    from journeykit.measure.result import LogSummary, Measurement, Metrics
    from journeykit.model import Journey, Kpi
    from journeykit.workspace.project import Located, Project


def measured_journeys(
    journeys: list[Located[Journey]], measurement: Measurement
) -> list[Located[Journey]]:
    """Each journey the measurement covers with its measured actuals (same locations)."""
    by_id = {j.journey: j.all for j in measurement.journeys}
    return [
        replace(j, item=with_measured_kpis(j.item, by_id[j.item.id], measurement.log))
        if j.item.id in by_id
        else j
        for j in journeys
    ]


def measured_project(project: Project, measurement: Measurement) -> Project:
    """`project` with its journeys' measured actuals (a copy; `project` is not changed)."""
    journeys = measured_journeys(list(project.journeys.values()), measurement)
    return replace(project, journeys={j.item.id: j for j in journeys})


def with_measured_kpis(journey: Journey, metrics: Metrics, log: LogSummary) -> Journey:
    """The journey with each measured KPI's actual replaced by the log's value, its name
    marked "(measured)" and its source saying from which log and period."""
    measured = {k.kpi: k for k in metrics.kpis if k.value is not None}
    if not measured:
        return journey
    period = f"{(log.first_event or '')[:10]} .. {(log.last_event or '')[:10]}"

    def kpis(items: list[Kpi]) -> list[Kpi]:
        out = []
        for kpi in items:
            k = measured.get(kpi.id)
            if k is None:
                out.append(kpi)
                continue
            update = {
                "actual": k.value,
                "name": f"{kpi.name} (measured)",
                "source": f"{MEASURED}{log.source}, {period}",
            }
            out.append(kpi.model_copy(update=update))
        return out

    stages = [s.model_copy(update={"kpis": kpis(s.kpis)}) for s in journey.stages]
    tps = [t.model_copy(update={"kpis": kpis(t.kpis)}) for t in journey.touchpoints]
    return journey.model_copy(update={"stages": stages, "touchpoints": tps})
