"""`journeykit lint`: everything `validate` checks, plus the lint rules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import EXIT_USAGE, fail, open_cache, tell
from journeykit.cli.validate_cmd import (
    FORMAT,
    JOBS,
    MAX_FINDINGS,
    NO_CACHE,
    OUTPUT,
    PATHS,
    STATISTICS,
    report,
)
from journeykit.output import Format

if TYPE_CHECKING:
    from journeykit.output import RuleInfo

SELECT = typer.Option(
    "--select", help="Codes or prefixes to run (comma-separated), replacing the configured ones."
)
IGNORE = typer.Option(
    "--ignore", help="Codes or prefixes not to run (comma-separated), added to the configured."
)
FAIL_LEVEL = typer.Option(
    "--fail-level",
    help="Lowest severity that fails: error, warning, info (default: the config's, or error).",
)
EXIT_ZERO = typer.Option("--exit-zero", help="Exit 0 even when findings fail (for demos).")


def _codes(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


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
) -> None:
    """Find what is wrong or missing in the journeys: gaps, dead ends, consent, KPIs.

    Configure in journeykit.toml under [lint]; silence one node with a comment
    `# journeykit: disable=JK305`. `journeykit rules` lists the rules.

    Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, configuration
    or I/O error.
    """
    import json

    from journeykit.findings import Severity

    try:
        level = Severity.parse(fail_level) if fail_level is not None else None
    except ValueError as exc:
        fail(str(exc))
    selected, ignored = _codes(select), _codes(ignore) or []
    cache = open_cache(no_cache)
    hit = None
    if cache is not None:
        from journeykit.cache.results import Command

        command = Command("lint", json.dumps([selected, ignored]))
        hit = cache.lookup(paths or [Path(".")], Path.cwd(), command)
    if hit is not None:  # workers started early are ended on the way out (__main__._exit)
        report(hit, hit.findings, fmt, output, statistics, _rules(fmt), max_findings)
        tell(cache)
        raise typer.Exit(0 if exit_zero else hit.exit_code(level))

    from journeykit.run.preload import claim

    # Before the imports below (pydantic, the models): the other cores parse meanwhile.
    preload = claim(paths or [Path(".")], jobs)

    from journeykit.checks.lint import lint_paths
    from journeykit.cli.progress import ProgressBar
    from journeykit.run.validate import UsageError
    from journeykit.workspace.config import ConfigError

    try:
        with ProgressBar("Linting") as progress:
            result = lint_paths(
                paths or [Path(".")],
                base=Path.cwd(),
                select=selected,
                ignore=ignored,
                jobs=jobs,
                progress=progress,
                preload=preload,
            )
    except (UsageError, ConfigError) as exc:
        fail(str(exc), EXIT_USAGE)
    report(result, result.findings, fmt, output, statistics, _rules(fmt), max_findings)
    if cache is not None:
        cache.remember(result, command, result.fail_levels)
        tell(cache)
    raise typer.Exit(0 if exit_zero else result.exit_code(level))


def _rules(fmt: Format) -> dict[str, RuleInfo]:
    """The rules' descriptions, for the one format that shows them (importing them costs)."""
    if fmt is not Format.sarif:
        return {}
    from journeykit.checks.rules import RULES
    from journeykit.output import RuleInfo

    return {c: RuleInfo(c, r.name, r.summary, r.severity) for c, r in RULES.items()}
