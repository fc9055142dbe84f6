"""`journeykit lint`: everything `validate` checks, plus the lint rules."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import checked_cached, fail, report_findings
from journeykit.cli.options import FORMAT, JOBS, MAX_FINDINGS, NO_CACHE, OUTPUT, PATHS, STATISTICS
from journeykit.output import Format

if TYPE_CHECKING:
    from collections.abc import Callable

    from journeykit.measure import Measurement
    from journeykit.output import RuleInfo
    from journeykit.workspace.project import Project

SELECT = typer.Option(
    "--select",
    help="Rule codes, prefixes or names to run (comma-separated: JK4,missing-owner), "
    "replacing the configured ones.",
)
IGNORE = typer.Option(
    "--ignore",
    help="Rule codes, prefixes or names not to run (comma-separated), added to the configured.",
)
FAIL_LEVEL = typer.Option(
    "--fail-level",
    help="Lowest severity that fails: error, warning, info (default: the config's, or error).",
)
EXIT_ZERO = typer.Option("--exit-zero", help="Exit 0 even when findings fail (for demos).")
EVENTS = typer.Option(
    "--events",
    help="An event log (as `measure --events`): also run the checks on reality, "
    "JK306, JK307, JK504, JK605, JK705 (one workspace).",
)


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def lint(
    paths: Annotated[list[Path] | None, PATHS] = None,
    fmt: Annotated[Format, FORMAT] = Format.human,
    output: Annotated[Path | None, OUTPUT] = None,
    select: Annotated[list[str] | None, SELECT] = None,
    ignore: Annotated[list[str] | None, IGNORE] = None,
    fail_level: Annotated[str | None, FAIL_LEVEL] = None,
    exit_zero: Annotated[bool, EXIT_ZERO] = False,
    statistics: Annotated[bool, STATISTICS] = False,
    jobs: Annotated[int | None, JOBS] = None,
    no_cache: Annotated[bool, NO_CACHE] = False,
    max_findings: Annotated[int | None, MAX_FINDINGS] = None,
    events: Annotated[str | None, EVENTS] = None,
) -> None:
    """Find what is wrong or missing in the journeys: gaps, dead ends, consent, KPIs.

    Configure in journeykit.toml under [lint]; silence one node with a comment
    `# journeykit: disable=JK305` (or by name: disable=dead-end). `journeykit rules` lists
    the rules.

    Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, configuration
    or I/O error.
    """
    from journeykit.cli.progress import ProgressBar
    from journeykit.collector import paused_gc
    from journeykit.findings import Severity
    from journeykit.run.options import LintRequest, RunOptions

    try:
        level = Severity.parse(fail_level) if fail_level is not None else None
    except ValueError as exc:
        fail(str(exc))
    request = LintRequest(_codes(select), _codes(ignore) or ())
    if events is not None:
        request = replace(request, observe=_observer(events))
        no_cache = True
    with paused_gc():  # until the result is freed (see journeykit.collector)
        with ProgressBar("Linting") as progress:
            options = RunOptions(base=Path.cwd(), jobs=jobs, lint=request, progress=progress)
            result = checked_cached(paths, options, no_cache)
        report_findings(result, fmt, output, statistics, _rules(fmt), max_findings)
        code = 0 if exit_zero else result.exit_code(level)
        del result
    raise typer.Exit(code)


def _observer(events: str) -> Callable[[Project], Measurement]:
    """What the run calls with the loaded workspace: it measured against `events` (exit 2
    on bad input, or when the paths span a second workspace)."""
    from journeykit.cli.measuring import MeasureArgs, measured

    seen: list[Project] = []

    def observe(project: Project) -> Measurement:
        if seen:
            fail("--events: lint one workspace at a time")
        seen.append(project)
        return measured(project, MeasureArgs(events))

    return observe


def _rules(fmt: Format) -> dict[str, RuleInfo]:
    """The rules' descriptions, for the one format that shows them (importing them costs)."""
    if fmt is not Format.sarif:
        return {}
    from journeykit.checks.rules import RULES
    from journeykit.output import RuleInfo

    return {c: RuleInfo(c, r.name, r.summary, r.severity) for c, r in RULES.items()}
