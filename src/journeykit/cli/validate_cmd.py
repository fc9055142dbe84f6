"""`journeykit validate`: the format and every reference, for CI and editors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import (
    EXIT_USAGE,
    emit,
    fail,
    open_cache,
    tell,
    terminal_width,
    use_color,
)
from journeykit.output import Format

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeykit.cache.results import CachedRun
    from journeykit.findings import Finding
    from journeykit.output import RuleInfo
    from journeykit.run.validate import ValidationResult

PATHS = typer.Argument(help="Workspace folders or journey files (default: the current folder).")
FORMAT = typer.Option("--format", "-f", help="Output format.")
OUTPUT = typer.Option("--output", "-o", help="Write the report to this file instead.")
FAIL_LEVEL = typer.Option("--fail-level", help="Lowest severity that fails: error, warning, info.")
STATISTICS = typer.Option("--statistics", help="Count the findings per code.")
JOBS = typer.Option(
    "--jobs",
    "-j",
    min=1,
    help="Processes that load the files (default: one per core for big workspaces).",
)
MAX_FINDINGS = typer.Option(
    "--max-findings",
    min=0,
    help="Show at most N findings, 0 for all (default: 10,000 in human, concise and github; "
    "all in json and sarif). The summary counts all; the exit code is the same.",
)
NO_CACHE = typer.Option(
    "--no-cache",
    help="Load every file even if nothing changed since the last run (also JOURNEYKIT_NO_CACHE=1).",
)


def report(
    result: ValidationResult | CachedRun,
    findings: list[Finding],
    fmt: Format,
    output: Path | None,
    statistics: bool,
    extra_rules: Mapping[str, RuleInfo] | None = None,
    max_findings: int | None = None,
) -> None:
    """Render `findings` in `fmt` and send them to standard output or `output`.

    `extra_rules` adds metadata (SARIF rule descriptions) beyond the built-in checks.
    `max_findings` caps the findings shown (0: none; None: the format's default).
    """
    from journeykit.builtin_checks import BUILTIN_CHECKS
    from journeykit.output import DEFAULT_MAX_FINDINGS, OutputContext, RuleInfo, formatter

    if max_findings is None:
        # Programs read json and sarif: all of it, unless they ask for a cap.
        max_findings = 0 if fmt in (Format.json, Format.sarif) else DEFAULT_MAX_FINDINGS

    rules = {
        c.code: RuleInfo(c.code, c.name, c.summary, c.severity) for c in BUILTIN_CHECKS.values()
    }
    rules.update(extra_rules or {})
    needs_text = fmt is Format.human
    listed = findings[:max_findings] if max_findings else findings
    shown = {f.location.file for f in listed}
    sources = result.texts(shown) if needs_text and shown else {}
    context = OutputContext(
        sources=sources,
        rules=rules,
        files_checked=result.files_checked,
        color=output is None and use_color(),
        width=terminal_width(),
        show_statistics=statistics,
        max_findings=max_findings,
    )
    emit(formatter(fmt)(findings, context), output)


def validate(
    paths: Annotated[list[Path] | None, PATHS] = None,
    fmt: Annotated[Format, FORMAT] = Format.human,
    output: Annotated[Path | None, OUTPUT] = None,
    fail_level: Annotated[str, FAIL_LEVEL] = "error",
    statistics: Annotated[bool, STATISTICS] = False,
    jobs: Annotated[int | None, JOBS] = None,
    no_cache: Annotated[bool, NO_CACHE] = False,
    max_findings: Annotated[int | None, MAX_FINDINGS] = None,
) -> None:
    """Check journey and catalog files against the format and every cross-file reference.

    A workspace unchanged since the last run answers from the cache in
    .journeykit_cache/ without loading a file. Exit codes: 0 clean, 1 findings at or
    above --fail-level, 2 usage or I/O error.
    """
    from journeykit.findings import Severity, exit_code_for

    try:
        level = Severity.parse(fail_level)
    except ValueError as exc:
        fail(str(exc))
    cache = open_cache(no_cache)
    hit = cache.lookup(paths or [Path(".")], Path.cwd()) if cache is not None else None
    if hit is not None:  # workers started early are ended on the way out (__main__._exit)
        report(hit, hit.findings, fmt, output, statistics, max_findings=max_findings)
        tell(cache)
        raise typer.Exit(exit_code_for(hit.findings, level))

    from journeykit.run.preload import claim

    # Before the imports below (pydantic, the models): the other cores parse meanwhile.
    preload = claim(paths or [Path(".")], jobs)

    from journeykit.cli.progress import ProgressBar
    from journeykit.run.validate import UsageError, validate_paths
    from journeykit.workspace.config import ConfigError

    try:
        with ProgressBar("Validating") as progress:
            result = validate_paths(paths or [Path(".")], Path.cwd(), jobs, progress, preload)
    except (UsageError, ConfigError) as exc:
        fail(str(exc), EXIT_USAGE)
    findings = result.findings
    report(result, findings, fmt, output, statistics, max_findings=max_findings)
    if cache is not None:
        cache.remember(result)
        tell(cache)
    raise typer.Exit(exit_code_for(findings, level))
