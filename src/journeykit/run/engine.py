"""The one run every command makes: paths and options in, one `RunResult` out.

`run` finds each workspace the paths lie in once (its configuration read and checked
once, its files listed once), loads its files with the strategy `jobs` allows, checks
every reference, runs the lint rules when asked, and says which files it could not use.
`validate`, `lint`, `gaps`, `render`, `report` and `import` all format what it returns;
the result cache (`journeykit.cache`) is a layer around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeykit.collector import paused_gc
from journeykit.findings import Severity, sort_findings
from journeykit.run.load import load_workspace
from journeykit.run.options import LintRequest, RunOptions, UsageError
from journeykit.run.result import CheckedWorkspace, RunResult
from journeykit.run.targets import Target, close_pools, resolve_targets


def run(paths: Sequence[Path], options: RunOptions | None = None) -> RunResult:
    """Check the files and folders `paths` (none: the current folder).

    Raises `UsageError` for paths that name nothing to check or lint codes that name no
    rule, `ConfigError` (with file, line and column) for a bad configuration.
    """
    options = options or RunOptions()
    lint = options.lint
    if lint is not None:
        _check_codes(lint)
    base = options.base.resolve() if options.base is not None else None
    located = lint is not None  # lint locates ~15 findings a journey: no trees for them
    targets = resolve_targets(
        paths, allow_empty=options.allow_empty, jobs=options.jobs, located=located
    )
    try:
        return RunResult([_check(target, options, base) for target in targets])
    finally:
        close_pools(targets)


def _check(target: Target, options: RunOptions, base: Path | None) -> CheckedWorkspace:
    # Loading and checking make millions of objects and no cycles: the collector would walk
    # them again and again (a 1,000-file lint ran 30 % slower with it on). Paused here only.
    with paused_gc():
        return _checked(target, options, base)


def _checked(target: Target, options: RunOptions, base: Path | None) -> CheckedWorkspace:
    located = options.lint is not None  # as `run` started the early pool
    project, findings = load_workspace(target, options.jobs, options.progress, located=located)
    fail_level = Severity.ERROR
    if options.lint is not None:
        from journeykit.checks.lintsettings import resolve_settings
        from journeykit.checks.policykeys import check_policy_keys
        from journeykit.run.rules import lint_findings

        lint = options.lint
        settings = resolve_settings(project.config.lint, lint.select, lint.ignore)
        check_policy_keys(target.workspace, project, settings)
        judged = project
        if lint.observe is not None:
            # The rules judge the measured KPI actuals, and the observed rules run too.
            from journeykit.checks.observed import observed_findings
            from journeykit.measure.actuals import measured_project

            measurement = lint.observe(project)
            judged = measured_project(project, measurement)
            findings.extend(observed_findings(project, settings, measurement))
        findings.extend(lint_findings(judged, settings, options.jobs))
        fail_level = settings.fail_level
    ws = CheckedWorkspace(
        project, target.selected, [], base, findings, not target.extra, fail_level
    )
    shown = {rel: ws.display(rel) for rel in target.selected}
    ws.findings = sort_findings(
        f.in_file(shown[f.location.file]) for f in findings if f.location.file in shown
    )
    from journeykit.workspace.leftout import left_out

    ws.left_out = left_out(project, findings, target.selected, base)
    return ws


def _check_codes(lint: LintRequest) -> None:
    from journeykit.checks.lintsettings import codes_problem

    for option, entries in (("--select", lint.select or ()), ("--ignore", lint.ignore)):
        problem = codes_problem(option, entries)
        if problem:
            raise UsageError(problem)


def validate_paths(
    paths: Sequence[Path], base: Path | None = None, jobs: int | None = 1
) -> RunResult:
    """`run` without the lint rules: what `journeykit validate` reports."""
    return run(paths, RunOptions(base=base, jobs=jobs))


def lint_paths(
    paths: Sequence[Path],
    base: Path | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    jobs: int | None = 1,
) -> RunResult:
    """`run` with the lint rules: what `journeykit lint` reports."""
    request = LintRequest(tuple(select) if select is not None else None, tuple(ignore))
    return run(paths, RunOptions(base=base, jobs=jobs, lint=request))
