"""`journeykit report`: a static HTML report of a workspace that opens offline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import (
    EXIT_FINDINGS,
    fail,
    load_journeys,
    output_path,
    picture_cache_dir,
)
from journeykit.cli.options import PICTURES_NO_CACHE, TIMEOUT

if TYPE_CHECKING:
    from journeykit.measure import Measurement
    from journeykit.render.selection import Selected
    from journeykit.report.site import Previous, Site
    from journeykit.workspace.project import Project

PATHS = typer.Argument(help="Workspace folder or journey files (default: the current folder).")
OUTPUT = typer.Option("--output", "-o", help="Folder to write the report into.")
EVENTS = typer.Option(
    "--events",
    help="An event log (as `measure --events`): add each journey's Observed section, "
    "and measured KPI actuals.",
)
OUTCOME = typer.Option("--outcome", help="With --events: attribute this touchpoint or stage.")


def report(
    paths: Annotated[list[Path] | None, PATHS] = None,
    output: Annotated[Path, OUTPUT] = Path("site"),
    timeout: Annotated[float, TIMEOUT] = 60.0,
    no_cache: Annotated[bool, PICTURES_NO_CACHE] = False,
    events: Annotated[str | None, EVENTS] = None,
    outcome: Annotated[str | None, OUTCOME] = None,
) -> None:
    """Write an HTML report: journeys, personas, maps, flows, emotion curves, KPIs, findings.

    The folder holds index.html and one page per journey, each self-contained (inline CSS,
    JavaScript and SVG), so it opens from the file system with no network; beside them,
    each journey's map and flow as SVG files (<journey>.map.svg, <journey>.flow.svg, as
    `journeykit render -f svg` draws them). The folder is replaced whole: the new report is
    written beside it and swapped in, keeping any file in it that is not the report's.
    Exit codes: 0 written, 1 written but some files could not be read and were left out
    (each is named on standard error), 2 usage or I/O error (the old report is kept).
    With the picture cache on, the pages of journeys whose inputs did not change since the
    report in the folder was written are kept as they are, and a report none of whose
    inputs changed is not written again. With --events, every page is built again (the
    report depends on the log too); the pictures still come from the cache.
    """
    if timeout <= 0:
        fail("--timeout must be a positive number of seconds")
    if outcome is not None and events is None:
        fail("--outcome works with --events only")
    given = paths or [Path(".")]
    pictures = picture_cache_dir(no_cache)
    previous = _previous(pictures, output) if pictures is not None and not events else None
    if previous is not None and previous.manifest is not None:
        from journeykit.report.unchanged import unchanged

        counts = unchanged(previous.manifest, given, output, timeout, previous.drawn_by)
        if counts is not None:
            _wrote(output, counts)
            return
    selection, left_out = load_journeys(paths, None, lint=True)
    workspaces = [w for w in selection.workspaces if w.journeys]
    if len(workspaces) > 1:
        fail("the paths span several workspaces: write one report per workspace")
    selected = workspaces[0]
    project = selected.project
    observed = _measured(project, events, outcome) if events is not None else None
    site = _write(output, selected, timeout, pictures, previous, observed)
    counts = {"pages": site.pages, "images": site.images, "personas": len(project.personas)}
    if pictures is not None and previous is not None:
        from journeykit.report.incremental import write_manifest
        from journeykit.report.unchanged import whole_entry

        clean = not left_out and not site.missing
        whole = whole_entry(project, given, timeout, previous.drawn_by, counts) if clean else None
        write_manifest(_manifests(pictures), output, site.files, site.page_files, whole)
    _wrote(output, counts)
    if left_out:
        raise typer.Exit(EXIT_FINDINGS)


def _measured(project: Project, events: str, outcome: str | None) -> Measurement:
    from journeykit.cli.measuring import MeasureArgs, measured

    measurement = measured(project, MeasureArgs(events, outcome=outcome))
    for warning in measurement.warnings:
        sys.stderr.write(f"journeykit: warning: {warning}\n")
    return measurement


def _manifests(pictures: Path) -> Path:
    """Beside the picture cache: the manifests of the reports written (never in one)."""
    return pictures.parent / "reports"


def _previous(pictures: Path, output: Path) -> Previous:
    from journeykit.report.incremental import drawn_by, read_manifest
    from journeykit.report.site import Previous

    return Previous(output, read_manifest(_manifests(pictures), output), drawn_by(pictures))


def _write(
    output: Path,
    selected: Selected,
    timeout: float,
    pictures: Path | None,
    previous: Previous | None,
    observed: Measurement | None = None,
) -> Site:
    """Build the report and write it; once more whole if a page it kept changed meanwhile."""
    from journeykit.fileio.atomicdir import Kept, KeptChanged, replace_folder
    from journeykit.report.names import written_by_report
    from journeykit.report.site import build_site

    project, journeys, findings = selected.project, selected.journeys, selected.findings
    for attempt in (previous, None):
        site = build_site(project, journeys, findings, timeout, pictures, attempt, observed)
        # Every name is checked before the first file is written: no half-written report.
        # A kept file is one written before, and still there as a file: checked then.
        try:
            for name, content in site.files.items():
                if not isinstance(content, Kept):
                    output_path(output, name)
        except ValueError as exc:
            fail(str(exc))
        try:
            replace_folder(output, site.files, written_by_report)
        except KeptChanged:
            continue
        except OSError as exc:
            where = exc.filename or output
            fail(f"cannot write {where}: {exc.strerror} (the report in {output} is as it was)")
        for line in site.missing:
            sys.stderr.write(f"journeykit: {line}\n")
        return site
    fail(f"the report in {output} changed while it was written: run journeykit report again")


def _wrote(output: Path, counts: dict[str, int]) -> None:
    pages, images = counts["pages"], counts["images"]
    typer.echo(
        f"wrote {output / 'index.html'}, {pages} journey page{'s' if pages != 1 else ''} and "
        f"{images} SVG image{'s' if images != 1 else ''} ({counts['personas']} personas)"
    )
