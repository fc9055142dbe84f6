"""`journeykit report`: a static HTML report of a workspace that opens offline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import EXIT_FINDINGS, fail, write_atomic

if TYPE_CHECKING:
    from journeykit.model import Journey
    from journeykit.project import Located

PATHS = typer.Argument(help="Workspace folder or journey files (default: the current folder).")
OUTPUT = typer.Option("--output", "-o", help="Folder to write the report into.")
TIMEOUT = typer.Option("--timeout", help="Seconds Graphviz may take per flow diagram.")


def report(
    paths: Annotated[list[Path] | None, PATHS] = None,
    output: Annotated[Path, OUTPUT] = Path("site"),
    timeout: Annotated[float, TIMEOUT] = 60.0,
) -> None:
    """Write an HTML report: journeys, personas, maps, flows, emotion curves, KPIs, findings.

    The folder holds index.html and one page per journey, each self-contained (inline CSS,
    JavaScript and SVG), so it opens from the file system with no network. Exit codes:
    0 written, 1 written but some journey files had errors and were left out, 2 usage
    or I/O error.
    """
    from journeykit.cli.render_cmd import load, output_path
    from journeykit.lint import lint_project
    from journeykit.render import View, dot_source
    from journeykit.render.engine import find_engine, render_dot
    from journeykit.report import build_report

    selection = load(paths, None)
    workspaces = [w for w in selection.workspaces if w.journeys]
    if len(workspaces) > 1:
        fail("the paths span several workspaces: write one report per workspace")
    selected = workspaces[0]
    project = selected.project
    findings = [*selected.findings, *lint_project(project)]

    def flow(journey: Located[Journey]) -> str:
        source = dot_source(project, [journey], View.flow)
        return render_dot(source, "svg", timeout).decode("utf-8")

    engine = find_engine()
    files = build_report(
        project,
        selected.journeys,
        findings,
        flow if engine is not None else None,
        "The flow diagram needs Graphviz, which was not found (apt-get install graphviz, "
        "or pip install 'journeykit[pure]').",
    )
    for name, text in files.items():
        try:
            write_atomic(output_path(output, name), text)
        except ValueError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"cannot write {output / name}: {exc.strerror}")
    pages = len(files) - 1
    typer.echo(
        f"wrote {output / 'index.html'} and {pages} journey page{'s' if pages != 1 else ''} "
        f"({len(project.personas)} personas)"
    )
    if selection.broken:
        raise typer.Exit(EXIT_FINDINGS)
