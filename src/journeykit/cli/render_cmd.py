"""`journeykit render`: journey maps, flow diagrams and matrices as images, DOT or Mermaid."""

from __future__ import annotations

import enum
import sys
from collections import Counter
from dataclasses import replace
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
from journeykit.fileio.atomic import write_atomic

if TYPE_CHECKING:
    from collections.abc import Generator

    from journeykit.cli.measuring import MeasureArgs
    from journeykit.model import Journey
    from journeykit.render import OutputFormat, View
    from journeykit.render.selection import Selection
    from journeykit.workspace.project import Located, Project

PATHS = typer.Argument(help="Journey files or workspace folders (default: the current folder).")
VIEW = typer.Option("--view", help="map, flow, channels or coverage.")
FORMAT = typer.Option("--format", "-f", help="svg, png, pdf, dot or mermaid.")
OUTPUT = typer.Option(
    "--output", "-o", help="Folder to write one file per journey into (<journey>.<view>.<ext>)."
)
PERSONA = typer.Option("--persona", help="Show only what applies to this persona (an id).")
COMBINE = typer.Option(
    "--combine", help="Channels view: merge the journeys into one workspace-wide matrix."
)
DIFF_BASE = typer.Option(
    "--diff-base", help="Mark what changed since this git revision (map and flow views)."
)
EVENTS = typer.Option(
    "--events",
    help="Flow view: draw what customers did over the design, measured from this event log "
    "(as `journeykit measure --events`).",
)
JOURNEY = typer.Option("--journey", help="With --events: only this journey.")
SINCE = typer.Option("--since", help="With --events: first day (or instant) counted.")
UNTIL = typer.Option("--until", help="With --events: last day counted (or the instant it stops).")
SPLIT_AFTER = typer.Option(
    "--split-after", help="With --events: inactivity that starts a new journey instance: 30d."
)
ENGINE = typer.Option("--engine", help="With --events: duckdb (default) or spark.")


def render(
    paths: Annotated[list[Path] | None, PATHS] = None,
    view: Annotated[str, VIEW] = "map",
    fmt: Annotated[str, FORMAT] = "svg",
    output: Annotated[Path | None, OUTPUT] = None,
    persona: Annotated[str | None, PERSONA] = None,
    combine: Annotated[bool, COMBINE] = False,
    timeout: Annotated[float, TIMEOUT] = 60.0,
    diff_base: Annotated[str | None, DIFF_BASE] = None,
    no_cache: Annotated[bool, PICTURES_NO_CACHE] = False,
    events: Annotated[str | None, EVENTS] = None,
    journey: Annotated[str | None, JOURNEY] = None,
    since: Annotated[str | None, SINCE] = None,
    until: Annotated[str | None, UNTIL] = None,
    split_after: Annotated[str | None, SPLIT_AFTER] = None,
    engine: Annotated[Engine | None, ENGINE] = None,
) -> None:
    """Render journeys: the map, the flow, the channel matrix or the coverage heatmap.

    Without --output, text formats go to standard output for one journey; png and pdf need
    --output. With --events: the flow as observed, the map with measured KPI actuals
    (docs/rendering.md). Exit codes: 0 rendered, 1 files with errors skipped, 2 usage
    error, unusable event log or Graphviz missing/failing."""
    from journeykit.render import Item, render_each

    chosen_view, chosen = _chosen(view, fmt)
    args = _measure_args(events, journey, persona, since, until, split_after, engine)
    if args is not None and (chosen_view.value not in ("flow", "map") or diff_base is not None):
        fail("--events works with --view flow or map, and not with --diff-base")
    if chosen.binary and output is None:
        fail(f"{chosen.value} is a binary format: give a folder with -o/--output")
    if combine and chosen_view.value != "channels":
        fail("--combine works with --view channels only")
    if timeout <= 0:
        fail("--timeout must be a positive number of seconds")
    if diff_base is not None and chosen_view.value not in ("map", "flow"):
        fail("--diff-base works with the map and flow views")
    selection, left_out = load_journeys(paths, persona)
    if args is not None and chosen_view.value == "flow":
        _observed(selection, args, chosen, output, timeout, no_cache)
        raise typer.Exit(EXIT_FINDINGS if left_out else 0)
    jobs = _jobs(selection, combine)
    if output is None and len(jobs) > 1:
        fail(f"{len(jobs)} journeys selected: give a folder with -o/--output for one file each")
    names = [f"{name}.{chosen_view.value}.{chosen.extension}" for name, _, _ in jobs]
    clash = next((n for n, count in Counter(names).items() if count > 1), None)
    if output is not None and clash:
        fail(f"two journeys would both be written to {clash}: render the workspaces one by one")
    if args is not None:  # the map, its KPI lane showing the measured actuals
        jobs = _with_measured_kpis(jobs, args)
    items: list[Item] = []
    for _, project, journeys in jobs:
        marks = None
        if diff_base is not None:
            journeys, marks = diff_base_view(diff_base, project, journeys)
        items.append((project, journeys, marks))
    cache_dir = picture_cache_dir(no_cache)
    _write(render_each(items, chosen_view, chosen, persona, timeout, cache_dir), names, output)
    if left_out:
        raise typer.Exit(EXIT_FINDINGS)


class Engine(enum.StrEnum):
    duckdb = "duckdb"
    spark = "spark"


def _measure_args(
    events: str | None,
    journey: str | None,
    persona: str | None,
    since: str | None,
    until: str | None,
    split_after: str | None,
    engine: Engine | None,
) -> MeasureArgs | None:
    """The measure options, or None without --events (then none of them may be given)."""
    from journeykit.cli.measuring import MeasureArgs

    if events is None:
        given = [
            flag
            for flag, value in [
                ("--journey", journey),
                ("--since", since),
                ("--until", until),
                ("--split-after", split_after),
                ("--engine", engine),
            ]
            if value is not None
        ]
        if given:
            fail(f"{given[0]} works with --events only")
        return None
    chosen_engine = engine.value if engine is not None else None
    return MeasureArgs(events, journey, persona, since, until, split_after, chosen_engine)


def _observed(
    selection: Selection,
    args: MeasureArgs,
    fmt: OutputFormat,
    output: Path | None,
    timeout: float,
    no_cache: bool,
) -> None:
    """`--events`: one workspace measured once, and the flow of each journey as observed."""
    from journeykit.cli.measuring import measured
    from journeykit.render.observed import render_each

    chosen = [w for w in selection.workspaces if w.journeys]
    if len(chosen) != 1:
        fail("--events measures one workspace at a time: render the workspaces one by one")
    project, journeys = chosen[0].project, chosen[0].journeys
    if args.journey is None and len(journeys) == 1:
        args = replace(args, journey=journeys[0].item.id)
    measurement = measured(project, args)
    by_id = {m.journey: m for m in measurement.journeys}
    items = [(project, j, by_id[j.item.id]) for j in journeys if j.item.id in by_id]
    if not items:
        fail(f"journey {args.journey!r} is not among the journeys the paths select")
    if output is None and len(items) > 1:
        fail(f"{len(items)} journeys selected: give a folder with -o/--output for one file each")
    for warning in measurement.warnings:
        sys.stderr.write(f"journeykit: warning: {warning}\n")
    names = [f"{j.item.id}.flow.{fmt.extension}" for _, j, _ in items]
    cache_dir = picture_cache_dir(no_cache)
    pictures = render_each(items, measurement.log, fmt, args.persona, timeout, cache_dir)
    _write(pictures, names, output)


Job = tuple[str, "Project", list["Located[Journey]"]]


def _with_measured_kpis(jobs: list[Job], args: MeasureArgs) -> list[Job]:
    from journeykit.cli.measuring import measured
    from journeykit.measure.actuals import measured_journeys

    projects = {id(project): project for _, project, _ in jobs}
    if len(projects) != 1:
        fail("--events measures one workspace at a time: render the workspaces one by one")
    measurement = measured(next(iter(projects.values())), args)
    for warning in measurement.warnings:
        sys.stderr.write(f"journeykit: warning: {warning}\n")
    return [(name, p, measured_journeys(list(js), measurement)) for name, p, js in jobs]


def _chosen(view: str, fmt: str) -> tuple[View, OutputFormat]:
    from journeykit.render import OutputFormat, View

    try:
        chosen_view = View(view)
    except ValueError:
        fail(f"unknown view {view!r} (expected one of: {', '.join(v.value for v in View)})")
    try:
        return chosen_view, OutputFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in OutputFormat)
        fail(f"unknown format {fmt!r} (expected one of: {known})")


def _jobs(selection: Selection, combine: bool) -> list[tuple[str, Project, list[Located[Journey]]]]:
    """What to draw: one picture per journey, or one per workspace with `--combine`."""
    if not combine:
        return [(j.item.id, p, [j]) for p, j in selection.journeys]
    return [
        (f"{w.project.root.name or 'workspace'}-all", w.project, w.journeys)
        for w in selection.workspaces
        if w.journeys
    ]


def _write(
    pictures: Generator[str | bytes, None, None], names: list[str], output: Path | None
) -> None:
    """Each picture to standard output, or to its file in `output` (atomically)."""
    from journeykit.render import RenderError

    try:
        for name in names:
            try:
                data = next(pictures)
            except RenderError as exc:
                fail(f"{name}: {exc}")
            if output is None:
                sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
                sys.stdout.flush()
                continue
            try:
                path = output_path(output, name)
                write_atomic(path, data)
            except ValueError as exc:
                fail(str(exc))
            except OSError as exc:
                fail(f"cannot write {output / name}: {exc.strerror}")
            typer.echo(f"wrote {path}")
    finally:
        pictures.close()  # Graphviz runs still going are stopped, whatever ended the loop


def diff_base_view(
    base: str, project: Project, journeys: list[Located[Journey]]
) -> tuple[list[Located[Journey]], dict[str, str]]:
    """For `--diff-base`: the journey with its version at `base` merged in, marked."""
    from journeykit.diff.visual import diff_against
    from journeykit.fileio.gitio import GitError
    from journeykit.workspace.config import ConfigError

    if len(journeys) != 1:
        fail("--diff-base draws one journey at a time (not with --combine)")
    try:
        merged, marks = diff_against(project, journeys[0], base)
    except (GitError, ConfigError) as exc:
        fail(f"--diff-base: {exc}")
    return [merged], marks
