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
    from journeykit.render.selection import Selected, Selection
    from journeykit.report.site import Previous, Site
    from journeykit.workspace.project import Project

PATHS = typer.Argument(help="Workspace folder or journey files (default: the current folder).")
DEFAULT_FOLDER = "site"
OUTPUT = typer.Option(
    "--output", "-o", help="Folder to write the report into (default: site/ in the workspace)."
)
EVENTS = typer.Option(
    "--events",
    help="An event log (as `measure --events`): add each journey's Observed section, "
    "and measured KPI actuals.",
)
OUTCOME = typer.Option("--outcome", help="With --events: attribute this touchpoint or stage.")


def report(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, PATHS] = None,
    output: Annotated[Path, OUTPUT] = Path(DEFAULT_FOLDER),
    timeout: Annotated[float, TIMEOUT] = 60.0,
    no_cache: Annotated[bool, PICTURES_NO_CACHE] = False,
    events: Annotated[str | None, EVENTS] = None,
    outcome: Annotated[str | None, OUTCOME] = None,
) -> None:
    """Write an HTML report: journeys, personas, maps, flows, emotion curves, KPIs, findings.

    The folder holds index.html and one page per journey, each self-contained (inline CSS,
    JavaScript and SVG), so it opens from the file system with no network; beside them,
    each journey's map and flow as SVG files (<journey>.map.svg, <journey>.flow.svg, as
    `journeykit render -f svg` draws them) and as PNG files for slide tools
    (<journey>.map.png, <journey>.flow.png, as `render -f png` draws them). The folder is
    replaced whole: the new report is written beside it and swapped in, keeping any file
    in it that is not the report's.
    Without -o, the report goes to site/ in the workspace's root (the folder of its
    journeykit.toml or pyproject.toml), wherever the command is run from; paths in
    several workspaces are a usage error: one report per workspace.
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
    asked = None if _defaulted(ctx, "output") else output
    output = asked if asked is not None else _first_site(given)
    pictures = picture_cache_dir(no_cache)
    previous = _previous(pictures, output) if pictures is not None and not events else None
    if _answered(previous, given, output, timeout, asked is None):
        return
    selection, left_out = load_journeys(paths, None, lint=True)
    selected = _one_workspace(selection)
    project = selected.project
    if asked is None and output != _site_of(project.root):  # a folder above the workspace
        output = _site_of(project.root)
        previous = _previous(pictures, output) if pictures is not None and not events else None
    observed = _measured(project, events, outcome) if events is not None else None
    site = _write(output, selected, timeout, pictures, previous, observed)
    counts = {"pages": site.pages, "images": site.images, "personas": len(project.personas)}
    counts["pngs"] = site.pngs
    if pictures is not None and previous is not None:
        from journeykit.report.incremental import write_manifest
        from journeykit.report.unchanged import whole_entry

        clean = not left_out and not site.missing
        whole = whole_entry(project, given, timeout, previous.drawn_by, counts) if clean else None
        write_manifest(_manifests(pictures), output, site.files, site.page_files, whole)
    _wrote(output, counts, asked is None)
    if left_out:
        raise typer.Exit(EXIT_FINDINGS)


def _defaulted(ctx: typer.Context, name: str) -> bool:
    """Whether the option `name` was left at its default (not given on the command line)."""
    source = ctx.get_parameter_source(name)
    return source is None or source.name == "DEFAULT"


def _site_of(root: Path) -> Path:
    """The report's folder when -o is not given: `site/` in the workspace, as mkdocs puts
    `site/` beside its mkdocs.yml and dbt `target/` in its project, never in the folder
    the command is run from (a folder above several workspaces stays as it was)."""
    return root / DEFAULT_FOLDER


def _first_site(given: list[Path]) -> Path:
    """The site of the first path's workspace: the one whose unchanged report can answer."""
    from journeykit.workspace.discovery import workspace_root

    return _site_of(workspace_root(given[0])[0])


def _answered(
    previous: Previous | None, given: list[Path], output: Path, timeout: float, relative: bool
) -> bool:
    """Whether the report in `output` is the one its inputs make now (then said so)."""
    if previous is None or previous.manifest is None:
        return False
    from journeykit.report.unchanged import unchanged

    counts = unchanged(previous.manifest, given, output, timeout, previous.drawn_by)
    if counts is not None:
        _wrote(output, counts, relative)
    return counts is not None


def _one_workspace(selection: Selection) -> Selected:
    """The one workspace with journeys the paths select; several are a usage error (exit 2)."""
    workspaces = [w for w in selection.workspaces if w.journeys]
    if len(workspaces) > 1:
        names = ", ".join(_shown(w.project.root) for w in workspaces)
        fail(
            f"the paths span {len(workspaces)} workspaces ({names}): write one report per "
            f"workspace (journeykit report {_shown(workspaces[0].project.root)})"
        )
    return workspaces[0]


def _shown(path: Path) -> str:
    """`path` relative to the current folder when below it, else as it is."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()


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


def _wrote(output: Path, counts: dict[str, int], relative: bool) -> None:
    """What was written, the folder as given (`relative`: the default, from here)."""
    pages, images, pngs = counts["pages"], counts["images"], counts.get("pngs", 0)
    index = _shown(output / "index.html") if relative else output / "index.html"
    typer.echo(
        f"wrote {index}, {pages} journey page{'s' if pages != 1 else ''} and "
        f"{images} SVG image{'s' if images != 1 else ''}, {pngs} PNG image"
        f"{'s' if pngs != 1 else ''} ({counts['personas']} personas)"
    )
