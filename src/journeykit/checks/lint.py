"""`lint`: run the rules over a project, honour configuration and suppression comments.

`lint_project` gives the lint findings of one loaded project; `lint_paths` is what the
command runs: everything `validate` finds plus the lint findings, per workspace.
"""

from __future__ import annotations

import fnmatch
import marshal
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from journeykit.checks.rules import RULES
from journeykit.checks.rules.base import (
    EngineRule,
    JourneyContext,
    JourneyRule,
    OptionValue,
    ProjectContext,
    ProjectRule,
)
from journeykit.checks.suppress import Suppression, apply_suppressions, parse_suppressions, unused
from journeykit.findings import Finding, FindingData, Location, Severity, sort_findings
from journeykit.model import Journey
from journeykit.run.pool import Progress
from journeykit.run.preload import Preload, ended
from journeykit.run.validate import (
    CheckedWorkspace,
    UsageError,
    ValidationResult,
    load_workspace,
    resolve_targets,
)
from journeykit.run.workers import worker_count
from journeykit.workspace.lintconfig import LintConfig
from journeykit.workspace.project import Located, Project

UNUSED_SUPPRESSION = "JK901"
INVALID_SUPPRESSION = "JK902"


@dataclass(frozen=True, slots=True)
class LintSettings:
    """The configuration resolved: which rules run, at which severity, with which options."""

    enabled: frozenset[str]
    severities: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, OptionValue]]
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    fail_level: Severity = Severity.ERROR


def is_enabled(code: str, select: Sequence[str] | None, ignore: Sequence[str]) -> bool:
    """The most specific matching entry decides; on a tie `ignore` wins; no `select` = all."""
    chosen = [s for s in (select if select is not None else ["JK"]) if code.startswith(s)]
    ignored = [s for s in ignore if code.startswith(s)]
    if not chosen:
        return False
    return not ignored or max(map(len, chosen)) > max(map(len, ignored))


def resolve_settings(
    config: LintConfig,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    fail_level: Severity | None = None,
) -> LintSettings:
    """`select` replaces the configured selection; `ignore` adds to the configured one."""
    chosen = list(select) if select is not None else config.select
    ignored = [*config.ignore, *ignore]
    enabled = frozenset(
        code
        for code, rule in RULES.items()
        if is_enabled(code, chosen, ignored) and (chosen is not None or rule.default_enabled)
    )
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, OptionValue]] = {}
    for code, rule in RULES.items():
        settings = config.rules.get(code)
        severities[code] = (
            Severity.parse(settings.severity)
            if settings is not None and settings.severity
            else rule.severity
        )
        options[code] = {**rule.options, **(settings.options if settings else {})}
    return LintSettings(
        enabled,
        severities,
        options,
        config.per_file_ignores,
        fail_level or Severity.parse(config.fail_level),
    )


def lint_project(
    project: Project, config: LintConfig | None = None, jobs: int | None = 1
) -> list[Finding]:
    """The lint findings of `project` (not validate's), after suppressions and ignores;
    `jobs` as for `run_rules`."""
    return run_rules(project, resolve_settings(config or project.config.lint), jobs)


def run_rules(project: Project, settings: LintSettings, jobs: int | None = 1) -> list[Finding]:
    """The findings of the enabled rules, on `jobs` processes (None: the default).

    The journeys are split between forked copies of this process; each runs the journey
    rules on its share and sends the findings back, while this one runs its own share and
    the project rules. The findings, and their order, do not depend on `jobs`.
    """
    journeys = list(project.journeys.values())
    shares = _shares(journeys, worker_count(len(journeys), jobs))
    copies = []
    if len(shares) > 1:
        from journeykit.run.forked import Forked

        copies = [Forked(partial(_packed_rules, project, settings, s)) for s in shares[1:]]
    try:
        found = _journey_rules(project, settings, shares[0] if shares else [])
        for code, rule in RULES.items():
            if code in settings.enabled and isinstance(rule, ProjectRule):
                severity, options = settings.severities[code], settings.options[code]
                found[code] = list(rule.check(ProjectContext(project, rule, severity, options)))
        others = [_unpacked(copy.result()) for copy in copies]
    finally:
        for copy in copies:
            copy.close()
    # Rule by rule, journeys in order: the order one process finds them in.
    raw = [f for code in RULES for part in (found, *others) for f in part.get(code, ())]
    suppressions = [s for source in project.sources for s in parse_suppressions(source)]
    kept, used = apply_suppressions(raw, suppressions)
    kept.extend(_suppression_findings(suppressions, used, settings))
    return sort_findings(f for f in kept if not _ignored_for_file(f, settings.per_file_ignores))


def _shares(journeys: list[Located[Journey]], count: int) -> list[list[Located[Journey]]]:
    """`journeys` in `count` contiguous parts of nearly the same size."""
    size, extra = divmod(len(journeys), max(count, 1))
    shares, start = [], 0
    for i in range(max(count, 1)):
        end = start + size + (i < extra)
        shares.append(journeys[start:end])
        start = end
    return [s for s in shares if s]


def _packed_rules(
    project: Project, settings: LintSettings, journeys: list[Located[Journey]]
) -> bytes:
    """`_journey_rules` as a forked copy sends it back."""
    found = _journey_rules(project, settings, journeys)
    return marshal.dumps({code: [f.to_data() for f in fs] for code, fs in found.items()})


def _unpacked(data: bytes) -> dict[str, list[Finding]]:
    found: dict[str, list[FindingData]] = marshal.loads(data)
    return {code: [Finding.from_data(f) for f in fs] for code, fs in found.items()}


def _journey_rules(
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
        with journey.source.tree_for_now():
            for code, rule, severity, options in rules:
                context = JourneyContext(project, rule, severity, options, journey)
                found[code].extend(rule.check(context))
    return found


def _suppression_findings(
    suppressions: list[Suppression], used: set[tuple[int, str]], settings: LintSettings
) -> Iterable[Finding]:
    from journeykit.workspace.lintconfig import code_problem

    for suppression, code in unused(suppressions, used):
        where = Location(suppression.file, suppression.line, suppression.column)
        problem = code_problem(code, RULES)
        if problem:
            yield _engine_finding(INVALID_SUPPRESSION, settings, f"suppression: {problem}", where)
        elif any(c.startswith(code) for c in settings.enabled):
            yield _engine_finding(
                UNUSED_SUPPRESSION,
                settings,
                f"suppression of {code} matches no finding",
                where,
            )


def _engine_finding(code: str, settings: LintSettings, message: str, where: Location) -> Finding:
    rule = RULES[code]
    assert isinstance(rule, EngineRule)
    return Finding(code, rule.name, settings.severities[code], message, where)


def _ignored_for_file(finding: Finding, per_file: Mapping[str, Sequence[str]]) -> bool:
    rel = finding.location.file
    return any(
        _glob(rel, pattern) and any(finding.code.startswith(c) for c in codes)
        for pattern, codes in per_file.items()
    )


def _glob(rel: str, pattern: str) -> bool:
    if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
        return True
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.rstrip("/") + "/*")


@dataclass(slots=True)
class LintResult(ValidationResult):
    fail_levels: list[Severity] = field(default_factory=list)
    """The fail level each workspace's configuration sets, parallel to `workspaces`."""

    def exit_code(self, override: Severity | None = None) -> int:
        """0 when no workspace has a finding at or above its fail level (or `override`)."""
        for workspace, level in zip(self.workspaces, self.fail_levels, strict=True):
            threshold = override or level
            if any(f.severity >= threshold for f in workspace.findings):
                return 1
        return 0


def lint_paths(
    paths: Sequence[Path],
    base: Path | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    jobs: int | None = 1,
    progress: Progress | None = None,
    preload: Preload | None = None,
) -> LintResult:
    """Validate and lint the files and folders given; paths in findings relative to `base`.

    `jobs`, `progress` and `preload` load the files as `validate_paths` does. Raises
    `validate.UsageError` for bad paths and for codes in `select` / `ignore` that name no
    rule, `config.ConfigError` for bad settings.
    """
    with ended(preload):
        return _lint(paths, base, select, ignore, jobs, progress, preload)


def _lint(
    paths: Sequence[Path],
    base: Path | None,
    select: Sequence[str] | None,
    ignore: Sequence[str],
    jobs: int | None,
    progress: Progress | None,
    preload: Preload | None,
) -> LintResult:
    from journeykit.workspace.lintconfig import code_problem

    for option, entries in (("--select", select or []), ("--ignore", ignore)):
        for entry in entries:
            problem = code_problem(entry, RULES)
            if problem:
                raise UsageError(f"{option}: {problem}")
    base = base.resolve() if base is not None else None
    result = LintResult([])
    for target in resolve_targets(paths, preload):
        project, findings = load_workspace(target, jobs, progress, preload)
        settings = resolve_settings(project.config.lint, select, ignore)
        findings.extend(run_rules(project, settings, jobs))
        ws = CheckedWorkspace(project, target.selected, [], base, findings, not target.extra)
        ws.findings = sort_findings(
            replace(f, location=replace(f.location, file=ws.display(f.location.file)))
            for f in findings
            if f.location.file in target.selected
        )
        result.workspaces.append(ws)
        result.fail_levels.append(settings.fail_level)
    return result
