"""Which journeys a render or report is about: a run's selected journeys, by persona."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.run.result import RunResult
from journeykit.workspace.project import Located, Project


class UnknownPersona(ValueError):
    """`--persona` names a persona no selected workspace defines."""


@dataclass(slots=True)
class Selected:
    """One workspace and the journeys in it that the paths (and the persona) selected."""

    project: Project
    journeys: list[Located[Journey]]
    findings: list[Finding]
    """Every finding of the workspace (the report shows them)."""


@dataclass(slots=True)
class Selection:
    workspaces: list[Selected] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Ids of selected journeys left out because they are not for the persona asked for."""

    @property
    def journeys(self) -> list[tuple[Project, Located[Journey]]]:
        return [(w.project, j) for w in self.workspaces for j in w.journeys]


def select_journeys(result: RunResult, persona: str | None = None) -> Selection:
    """The run's selected journeys, only those of `persona` when given.

    Raises UnknownPersona, naming the personas there are, when no workspace defines it.
    """
    if persona is not None:
        known = {p for w in result.workspaces for p in w.project.personas}
        if persona not in known:
            choices = ", ".join(sorted(known)) or "none defined"
            raise UnknownPersona(f"unknown persona {persona!r} (personas: {choices})")
    selection = Selection()
    for w in result.workspaces:
        journeys = w.journeys
        if persona is not None:
            kept = [j for j in journeys if persona in j.item.personas]
            selection.skipped += [j.item.id for j in journeys if j not in kept]
            journeys = kept
        selection.workspaces.append(Selected(w.project, journeys, w.every))
    return selection
