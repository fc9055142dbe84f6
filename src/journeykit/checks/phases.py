"""The phase names of stages: built in, or the workspace's own `[journeys] phases`."""

from __future__ import annotations

from collections.abc import Iterator

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader.schema_errors import did_you_mean
from journeykit.model import Journey, Part, Phases
from journeykit.model.phases import BUILTIN_PHASES
from journeykit.workspace.project import Located, Project


def unknown_phases(journey: Located[Journey], phases: Phases) -> Iterator[Finding]:
    """Every stage whose `phase` is not one of the workspace's `phases`."""
    known = phases.names
    for i, stage in enumerate(journey.item.stages):
        if stage.phase is None or stage.phase in known:
            continue
        listed = ", ".join(known)
        near = did_you_mean(stage.phase, known)
        playing = phases.playing(Part(stage.phase)) if stage.phase in BUILTIN_PHASES else ()
        if playing:
            near = f"in this workspace, {' or '.join(map(repr, playing))} plays {stage.phase}:"
        hint = (f"{near} " if near else "") + (
            f"use one of {listed}, or add {stage.phase!r} to `phases` under `[journeys]` "
            "in journeykit.toml (and say under `[journeys.plays]` which part it plays)"
        )
        yield bc.UNKNOWN_PHASE.finding(
            f"unknown phase {stage.phase!r}", journey.locate("stages", i, "phase"), hint
        )


def check_phases(project: Project) -> Iterator[Finding]:
    """The unknown phase names of every journey of `project`."""
    phases = project.config.journeys.phase_set
    for journey in project.journeys.values():
        yield from unknown_phases(journey, phases)
