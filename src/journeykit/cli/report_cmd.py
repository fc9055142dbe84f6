"""`journeykit report`: a static HTML report of a workspace that opens offline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from journeykit.cli.common import (
    EXIT_FINDINGS,
    fail,
    load_journeys,
    output_path,
    picture_cache_dir,
)
from journeykit.cli.options import PICTURES_NO_CACHE, TIMEOUT

PATHS = typer.Argument(help="Workspace folder or journey files (default: the current folder).")
OUTPUT = typer.Option("--output", "-o", help="Folder to write the report into.")


def report(
    paths: Annotated[list[Path] | None, PATHS] = None,
    output: Annotated[Path, OUTPUT] = Path("site"),
    timeout: Annotated[float, TIMEOUT] = 60.0,
    no_cache: Annotated[bool, PICTURES_NO_CACHE] = False,
) -> None:
    """Write an HTML report: journeys, personas, maps, flows, emotion curves, KPIs, findings.

    The folder holds index.html and one page per journey, each self-contained (inline CSS,
    JavaScript and SVG), so it opens from the file system with no network; beside them,
    each journey's map and flow as SVG files (<journey>.map.svg, <journey>.flow.svg, as
    `journeykit render -f svg` draws them). The folder is replaced whole: the new report is
    written beside it and swapped in, keeping any file in it that is not the report's.
    Exit codes: 0 written, 1 written but some files could not be read and were left out
    (each is named on standard error), 2 usage or I/O error (the old report is kept).
    """
    from journeykit.fileio.atomicdir import replace_folder
    from journeykit.report.build import written_by_report
    from journeykit.report.site import build_site

    if timeout <= 0:
        fail("--timeout must be a positive number of seconds")
    selection, left_out = load_journeys(paths, None, lint=True)
    workspaces = [w for w in selection.workspaces if w.journeys]
    if len(workspaces) > 1:
        fail("the paths span several workspaces: write one report per workspace")
    selected = workspaces[0]
    project = selected.project
    cache_dir = picture_cache_dir(no_cache)
    site = build_site(project, selected.journeys, selected.findings, timeout, cache_dir)
    for line in site.missing:
        sys.stderr.write(f"journeykit: {line}\n")
    files = site.files
    # Every name is checked before the first file is written: no half-written report.
    try:
        for name in files:
            output_path(output, name)
    except ValueError as exc:
        fail(str(exc))
    try:
        replace_folder(output, files, written_by_report)
    except OSError as exc:
        where = exc.filename or output
        fail(f"cannot write {where}: {exc.strerror} (the report in {output} is as it was)")
    pages, images = site.pages, site.images
    typer.echo(
        f"wrote {output / 'index.html'}, {pages} journey page{'s' if pages != 1 else ''} and "
        f"{images} SVG image{'s' if images != 1 else ''} ({len(project.personas)} personas)"
    )
    if left_out:
        raise typer.Exit(EXIT_FINDINGS)
