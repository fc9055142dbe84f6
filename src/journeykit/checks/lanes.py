"""The workspace's own map lanes: a touchpoint fills only the lanes `[map] lanes` declares.

A key no lane declares would never reach the map: it is a typo or a lane that was renamed,
so it is reported (JK210) at the key, with the declared lane it most likely means.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader.schema_errors import did_you_mean
from journeykit.workspace.project import Project


def check_lanes(project: Project) -> Iterator[Finding]:
    """Every `lanes` key of every touchpoint that the configuration does not declare."""
    declared = project.config.map.keys()
    known = set(declared)
    for journey in project.journeys.values():
        for ti, tp in enumerate(journey.item.touchpoints):
            for key in tp.lanes:
                if key in known:
                    continue
                hint = did_you_mean(key, declared) if declared else None
                if hint is None:
                    hint = _declare(key, declared)
                yield bc.UNKNOWN_LANE.finding(
                    f"unknown lane {key!r}",
                    journey.locate("touchpoints", ti, "lanes", key, key=True),
                    hint,
                )


def _declare(key: str, declared: list[str]) -> str:
    listed = f" (declared: {', '.join(declared)})" if declared else " (none is declared)"
    return (
        f'declare it in journeykit.toml: [map] lanes = [{{key = "{key}", title = "..."}}]' + listed
    )
