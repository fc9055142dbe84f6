"""`journeykit measure`: the designed journey held against event data, on ibis.

`measure(project, events, options, backend)` is the one entry point; the CLI connects
the engine, calls it once and formats the `Measurement`. Everything is computed as ibis
expressions on the engine; only aggregates come back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.measure.errors import EventLogError, MeasureError
from journeykit.measure.result import Measurement
from journeykit.measure.settings import MeasureSettings

if TYPE_CHECKING:
    import ibis

    from journeykit.measure.attribution import AttributionSpec
    from journeykit.workspace.project import Project

__all__ = [
    "EventLogError",
    "MeasureError",
    "MeasureOptions",
    "MeasureSettings",
    "Measurement",
    "measure",
]


@dataclass(frozen=True, slots=True)
class MeasureOptions:
    settings: MeasureSettings = field(default_factory=MeasureSettings)
    journey: str | None = None
    persona: str | None = None
    """Only this persona's journeys; with a segment column, only its instances too."""
    since: datetime | None = None
    """First instant counted (aware)."""
    until: datetime | None = None
    """First instant no longer counted (aware)."""
    base: Path = field(default_factory=Path.cwd)
    """Where a relative event log path starts."""
    attribution: AttributionSpec | None = None
    """With an outcome: who gets the credit for it, by each model asked for."""


def measure(
    project: Project, events: str, options: MeasureOptions, backend: ibis.BaseBackend
) -> Measurement:
    """Every number of every chosen journey of `project` against the log `events`."""
    from journeykit.measure.events import open_events
    from journeykit.measure.journeys import (
        UnmappedCounts,
        chosen_designs,
        measure_journeys,
        of_persona,
        outcomes_of,
        period,
        stored_visits,
    )

    designs = chosen_designs(project, options.journey, options.persona)
    every_design = chosen_designs(project, None, None)
    warnings: list[str] = []
    outcomes = outcomes_of(designs, options.attribution, warnings)
    log = open_events(backend, events, options.settings, options.base)
    try:
        table, summary = period(log, options)
        table = of_persona(table, options)
        loose = UnmappedCounts(table, every_design)
        visits = stored_visits(table, designs, options)
    finally:
        log.release()
    if log.duplicates:
        warnings.append(
            f"{log.duplicates} duplicate events (same customer, event and timestamp as an "
            "earlier row) were counted once"
        )
    with visits:
        measured = measure_journeys(visits, designs, loose, warnings, options, outcomes)
    unmapped = loose.of(None, every=True)
    return Measurement(replace(summary, unmapped=unmapped), measured, warnings)
