"""`journeykit validate`: the format and every reference, for CI and editors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import (
    EXIT_USAGE,
    cache_wanted,
    emit,
    fail,
    terminal_width,
    use_color,
)
from journeykit.output import Format

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeykit.findings import Finding
    from journeykit.output import RuleInfo
    from journeykit.resultcache import CachedRun, ResultCache
    from journeykit.validate import ValidationResult

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
NO_CACHE = typer.Option(
    "--no-cache",
    help="Load every file even if nothing changed since the last run (also JOURNEYKIT_NO_CACHE=1).",
)


def open_cache(no_cache: bool) -> ResultCache | None:
    """The result cache, unless turned off: in `<root>/.journeykit_cache/` of each
    workspace, or all in `$JOURNEYKIT_CACHE_DIR`."""
    if not cache_wanted(no_cache):
        return None
    from journeykit.resultcache import CACHE_DIR, ResultCache

    where = os.environ.get("JOURNEYKIT_CACHE_DIR")
    if where:
        return ResultCache(lambda root: Path(where))
    return ResultCache(lambda root: root / CACHE_DIR)


def tell(cache: ResultCache | None) -> None:
    """Say once on standard error why the cache was not used, if it was not."""
    for notice in cache.notices if cache is not None else []:
        sys.stderr.write(f"journeykit: {notice}\n")


def report(
    result: ValidationResult | CachedRun,
    findings: list[Finding],
    fmt: Format,
    output: Path | None,
    statistics: bool,
    extra_rules: Mapping[str, RuleInfo] | None = None,
) -> None:
    """Render `findings` in `fmt` and send them to standard output or `output`.

    `extra_rules` adds metadata (SARIF rule descriptions) beyond the built-in checks.
    """
    from journeykit.builtin_checks import BUILTIN_CHECKS
    from journeykit.output import OutputContext, RuleInfo, formatter

    rules = {
        c.code: RuleInfo(c.code, c.name, c.summary, c.severity) for c in BUILTIN_CHECKS.values()
    }
    rules.update(extra_rules or {})
    needs_text = fmt is Format.human
    shown = {f.location.file for f in findings}
    sources = result.texts(shown) if needs_text and shown else {}
    context = OutputContext(
        sources=sources,
        rules=rules,
        files_checked=result.files_checked,
        color=output is None and use_color(),
        width=terminal_width(),
        show_statistics=statistics,
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
        report(hit, hit.findings, fmt, output, statistics)
        tell(cache)
        raise typer.Exit(exit_code_for(hit.findings, level))

    from journeykit.preload import claim

    # Before the imports below (pydantic, the models): the other cores parse meanwhile.
    preload = claim(paths or [Path(".")], jobs)

    from journeykit.cli.progress import ProgressBar
    from journeykit.config import ConfigError
    from journeykit.validate import UsageError, validate_paths

    try:
        with ProgressBar("Validating") as progress:
            result = validate_paths(paths or [Path(".")], Path.cwd(), jobs, progress, preload)
    except (UsageError, ConfigError) as exc:
        fail(str(exc), EXIT_USAGE)
    findings = result.findings
    report(result, findings, fmt, output, statistics)
    if cache is not None:
        cache.remember(result)
        tell(cache)
    raise typer.Exit(exit_code_for(findings, level))
