"""The lint rules over a project, the journeys spread over forked copies when asked.

Each copy starts with the loaded project already in memory, runs the journey rules on
its share and sends the findings back; this process runs its own share meanwhile, then
the project rules. The findings, and their order, do not depend on `jobs`.
"""

from __future__ import annotations

import marshal
from functools import partial

from journeykit.checks.lint import finish, journey_findings
from journeykit.checks.lintsettings import LintSettings
from journeykit.findings import Finding, FindingData
from journeykit.model import Journey
from journeykit.run.workers import worker_count
from journeykit.workspace.project import Located, Project


def lint_findings(project: Project, settings: LintSettings, jobs: int | None = 1) -> list[Finding]:
    """The enabled rules' findings, on `jobs` processes (None: one per core when many)."""
    journeys = list(project.journeys.values())
    shares = _shares(journeys, worker_count(len(journeys), jobs))
    if len(shares) <= 1:
        return finish(project, settings, [journey_findings(project, settings, journeys)])
    from journeykit.run.forked import Forked

    copies = [Forked(partial(_packed, project, settings, s)) for s in shares[1:]]
    try:
        mine = journey_findings(project, settings, shares[0])
        others = [_unpacked(copy.result()) for copy in copies]
    finally:
        for copy in copies:
            copy.close()
    return finish(project, settings, [mine, *others])


def _shares(journeys: list[Located[Journey]], count: int) -> list[list[Located[Journey]]]:
    """`journeys` in `count` contiguous parts of nearly the same size."""
    size, extra = divmod(len(journeys), max(count, 1))
    shares, start = [], 0
    for i in range(max(count, 1)):
        end = start + size + (i < extra)
        shares.append(journeys[start:end])
        start = end
    return [s for s in shares if s]


def _packed(project: Project, settings: LintSettings, journeys: list[Located[Journey]]) -> bytes:
    """`journey_findings` as a forked copy sends it back."""
    found = journey_findings(project, settings, journeys)
    return marshal.dumps({code: [f.to_data() for f in fs] for code, fs in found.items()})


def _unpacked(data: bytes) -> dict[str, list[Finding]]:
    found: dict[str, list[FindingData]] = marshal.loads(data)
    return {code: [Finding.from_data(f) for f in fs] for code, fs in found.items()}
