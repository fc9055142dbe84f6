"""The lint engine: run the rules over a project, honour configuration and suppressions.

`lint_project` gives the lint findings of one loaded project, in this process. A run that
spreads the journeys over processes (`journeykit.run.rules`) calls `journey_findings` on
each share and `finish` once; the findings and their order are the same.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from journeykit.checks.lintsettings import LintSettings, resolve_settings
from journeykit.checks.rules import RULES, invalid_suppression, unused_suppression
from journeykit.checks.rules.base import (
    EngineRule,
    JourneyContext,
    JourneyRule,
    ObservedRule,
    ProjectContext,
    ProjectRule,
)
from journeykit.checks.suppress import Suppression, apply_suppressions, parse_suppressions, unused
from journeykit.findings import Finding, Location, sort_findings
from journeykit.model import Journey
from journeykit.workspace.lintconfig import LintConfig, code_problem
from journeykit.workspace.project import Located, Project

UNUSED_SUPPRESSION = unused_suppression.RULE.code
INVALID_SUPPRESSION = invalid_suppression.RULE.code


def lint_project(project: Project, config: LintConfig | None = None) -> list[Finding]:
    """The lint findings of `project` (not validate's), after suppressions and ignores."""
    return run_rules(project, resolve_settings(config or project.config.lint))


def run_rules(project: Project, settings: LintSettings) -> list[Finding]:
    """The findings of the enabled rules over the whole project, in this process."""
    journeys = journey_findings(project, settings, list(project.journeys.values()))
    return finish(project, settings, [journeys])


def finish(
    project: Project,
    settings: LintSettings,
    parts: Sequence[Mapping[str, list[Finding]]],
    found: Mapping[str, list[Finding]] | None = None,
) -> list[Finding]:
    """The project rules, then every finding in one order, suppressions and ignores applied.

    `parts` are the journey rules' findings by code for consecutive shares of the journeys
    (one share, or one per process): the result does not depend on how they were split.
    `found`: the project rules' findings, when `project_findings` gave them already.
    """
    if found is None:
        found = project_findings(project, settings)
    # Rule by rule, journeys in order: the order one process finds them in.
    raw = [f for code in RULES for part in (*parts, found) for f in part.get(code, ())]
    suppressions = [s for source in project.sources for s in parse_suppressions(source)]
    kept, used = apply_suppressions(raw, suppressions)
    kept.extend(_suppression_findings(suppressions, used, settings))
    per_file = settings.per_file_ignores
    if per_file:
        kept = [f for f in kept if not ignored_for_file(f, per_file)]
    return sort_findings(kept)


def project_findings(project: Project, settings: LintSettings) -> dict[str, list[Finding]]:
    """The enabled project rules' findings, by rule code."""
    found: dict[str, list[Finding]] = {}
    for code, rule in RULES.items():
        if code in settings.enabled and isinstance(rule, ProjectRule):
            severity, options = settings.severities[code], settings.options[code]
            found[code] = list(rule.check(ProjectContext(project, rule, severity, options)))
    return found


def journey_findings(
    project: Project, settings: LintSettings, journeys: list[Located[Journey]]
) -> dict[str, list[Finding]]:
    """The enabled journey rules' findings on `journeys`, by rule code.

    Journey by journey, so that a node tree composed for the findings' locations (~27
    times the file's size) is let go once the journey is done, not kept for all of them.
    """
    rules = [
        (code, rule, settings.severities[code], settings.options[code])
        for code, rule in RULES.items()
        if code in settings.enabled and isinstance(rule, JourneyRule)
    ]
    found: dict[str, list[Finding]] = {code: [] for code, *_ in rules}
    for journey in journeys:
        shared: dict[str, Any] = {}
        with journey.source.tree_for_now():
            for code, rule, severity, options in rules:
                context = JourneyContext(project, rule, severity, options, journey, shared)
                found[code].extend(rule.check(context))
    return found


def _suppression_findings(
    suppressions: list[Suppression], used: set[tuple[int, str]], settings: LintSettings
) -> Iterable[Finding]:
    for suppression, code in unused(suppressions, used):
        where = Location(suppression.file, suppression.line, suppression.column)
        problem = code_problem(code, RULES)
        if problem:
            yield _engine_finding(INVALID_SUPPRESSION, settings, f"suppression: {problem}", where)
        elif any(c.startswith(code) for c in settings.enabled if not _observed(c)):
            yield _engine_finding(
                UNUSED_SUPPRESSION,
                settings,
                f"suppression of {code} matches no finding",
                where,
            )


def _observed(code: str) -> bool:
    """An observed rule runs only with events: its suppressions are never unused here."""
    return isinstance(RULES[code], ObservedRule)


def _engine_finding(code: str, settings: LintSettings, message: str, where: Location) -> Finding:
    rule = RULES[code]
    assert isinstance(rule, EngineRule)
    return Finding(code, rule.name, settings.severities[code], message, where)


def ignored_for_file(finding: Finding, per_file: Mapping[str, Sequence[str]]) -> bool:
    rel = finding.location.file
    return any(
        _glob(rel, pattern) and any(finding.code.startswith(c) for c in codes)
        for pattern, codes in per_file.items()
    )


def _glob(rel: str, pattern: str) -> bool:
    if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
        return True
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*")
