"""The checks on reality: the observed rules, run on journeys measured against events.

`journeykit lint --events FILE` measures the workspace (journeykit.measure) and hands
the measurement here: every enabled `ObservedRule` runs once per measured journey, with
everyone's metrics, and its findings go through the same suppression comments and
per-file ignores as every other rule's. Without events these rules do not run, and a
suppression of one of them is never reported as unused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeykit.checks.lint import ignored_for_file
from journeykit.checks.lintsettings import LintSettings
from journeykit.checks.rules import RULES
from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.checks.suppress import apply_suppressions, parse_suppressions
from journeykit.findings import Finding, sort_findings

if TYPE_CHECKING:
    from journeykit.measure.result import Measurement
    from journeykit.workspace.project import Project


def observed_findings(
    project: Project, settings: LintSettings, measurement: Measurement
) -> list[Finding]:
    """The enabled observed rules' findings on every journey of `measurement`."""
    rules = [
        (rule, settings.severities[code], settings.options[code])
        for code, rule in RULES.items()
        if code in settings.enabled and isinstance(rule, ObservedRule)
    ]
    raw: list[Finding] = []
    for measured in measurement.journeys:
        journey = project.journeys.get(measured.journey)
        if journey is None:
            continue
        shared: dict[str, Any] = {}
        with journey.source.tree_for_now():
            for rule, severity, options in rules:
                context = ObservedContext(
                    project, rule, severity, options, journey, shared, measured.all
                )
                raw.extend(rule.check(context))
    suppressions = [s for source in project.sources for s in parse_suppressions(source)]
    kept, _ = apply_suppressions(raw, suppressions)
    per_file = settings.per_file_ignores
    return sort_findings(f for f in kept if not (per_file and ignored_for_file(f, per_file)))
