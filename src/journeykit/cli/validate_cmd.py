"""`journeykit validate`: the format and every reference, for CI and editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeykit.cli.common import checked_cached, fail, report_findings
from journeykit.cli.options import FORMAT, JOBS, MAX_FINDINGS, NO_CACHE, OUTPUT, PATHS, STATISTICS
from journeykit.output import Format

FAIL_LEVEL = typer.Option("--fail-level", help="Lowest severity that fails: error, warning, info.")


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
    from journeykit.cli.progress import ProgressBar
    from journeykit.collector import paused_gc
    from journeykit.findings import Severity
    from journeykit.run.options import RunOptions

    try:
        level = Severity.parse(fail_level)
    except ValueError as exc:
        fail(str(exc))
    with paused_gc():  # until the result is freed (see journeykit.collector)
        with ProgressBar("Validating") as progress:
            options = RunOptions(base=Path.cwd(), jobs=jobs, progress=progress)
            result = checked_cached(paths, options, no_cache)
        report_findings(result, fmt, output, statistics, max_findings=max_findings)
        code = result.exit_code(level)
        del result
    raise typer.Exit(code)
