"""`journeykit render`: journey maps, flow diagrams and matrices as images, DOT or Mermaid."""

from __future__ import annotations

import enum
import sys
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
    stdout_is_terminal,
)
from journeykit.cli.options import PATHS, PERSONA_VIEW, PICTURES_NO_CACHE, TIMEOUT
from journeykit.fileio.atomic import write_atomic

if TYPE_CHECKING:
    from collections.abc import Generator

    from journeykit.cli.measuring import MeasureArgs
    from journeykit.model import Journey
    from journeykit.render import Item, OutputFormat, View
    from journeykit.render.outputs import Job, Target
    from journeykit.render.selection import Selection
    from journeykit.render.sizes import Size
    from journeykit.render.slides import Sized
    from journeykit.workspace.project import Located, Project

VIEW = typer.Option("--view", help="map, flow, channels, coverage, or all of them.")
FORMAT = typer.Option(
    "--format",
    "-f",
    help="Output format: svg, png, pdf, dot or mermaid (default: the suffix of -o FILE, else svg).",
)
OUTPUT = typer.Option(
    "--output",
    "-o",
    help="Write to this file (FILE.svg, .png, .pdf, .dot, .mmd), or into this folder one file "
    "per picture: <journey>.<view>[.<persona>].<ext>.",
)
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
SIZE = typer.Option("--size", help="slide (1920x1080; a big map: several), a4 or a3 (PDF).")


def render(
    paths: Annotated[list[Path] | None, PATHS] = None,
    view: Annotated[str, VIEW] = "map",
    fmt: Annotated[str | None, FORMAT] = None,
    output: Annotated[Path | None, OUTPUT] = None,
    persona: Annotated[str | None, PERSONA_VIEW] = None,
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
    size: Annotated[str | None, SIZE] = None,
) -> None:
    """Render journeys: the map, the flow, the channel matrix or the coverage heatmap.

    -o FILE.png writes that file (its suffix picks the format); -o DIR one file per journey
    and view. Without -o, one picture goes to standard output: dot and mermaid always,
    svg, png and pdf only when it is redirected (> map.svg), not to a terminal. With
    --events: the flow as observed, the map with measured KPI actuals (docs/rendering.md).
    --size slide|a4|a3: pictures for slides (1920x1080) or one A4/A3 PDF page.
    Exit codes: 0 rendered, 1 files with errors skipped, 2 usage error, unusable event log
    or Graphviz missing/failing."""
    from journeykit.render.outputs import clash, count_refusal, jobs_of, picture_name
    from journeykit.render.slides import pictures

    where, chosen_views, chosen, sized = _chosen(view, fmt, output, size, events is not None)
    args = _measure_args(events, journey, persona, since, until, split_after, engine)
    _check(chosen_views, args is not None, combine, timeout, diff_base)
    selection, left_out = load_journeys(paths, persona)
    if args is not None and chosen_views[0].value == "flow":
        _observed(selection, args, chosen, where, timeout, no_cache)
        raise typer.Exit(EXIT_FINDINGS if left_out else 0)
    jobs = jobs_of(selection, combine)
    names = [picture_name(name, v, chosen, persona) for v in chosen_views for name, _, _ in jobs]
    refusal = count_refusal(where, len(names), len(jobs), len(chosen_views))
    if refusal is not None:
        fail(refusal)
    twice = clash(names)
    if where.folder and twice:
        fail(f"two journeys would both be written to {twice}: render the workspaces one by one")
    if args is not None:  # the map, its KPI lane showing the measured actuals
        jobs = _with_measured_kpis(jobs, args)
    items: list[Item] = []
    for _, project, journeys in jobs:
        marks = None
        if diff_base is not None:
            journeys, marks = diff_base_view(diff_base, project, journeys)
        items.append((project, journeys, marks))
    cache_dir = picture_cache_dir(no_cache)
    _write(pictures(items, chosen_views, chosen, sized, persona, timeout, cache_dir), names, where)
    if left_out:
        raise typer.Exit(EXIT_FINDINGS)


def _check(
    chosen: list[View], events: bool, combine: bool, timeout: float, diff_base: str | None
) -> None:
    """The usage errors the options make among themselves (exit 2)."""
    drawn = {v.value for v in chosen}
    if events and (len(chosen) != 1 or not drawn <= {"flow", "map"} or diff_base is not None):
        fail("--events works with --view flow or map, and not with --diff-base")
    if combine and drawn != {"channels"}:
        fail("--combine works with --view channels only")
    if timeout <= 0:
        fail("--timeout must be a positive number of seconds")
    if diff_base is not None and not drawn <= {"map", "flow"}:
        fail("--diff-base works with the map and flow views")


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
        flags = [journey, since, until, split_after, engine]
        names = ["--journey", "--since", "--until", "--split-after", "--engine"]
        given = [name for name, value in zip(names, flags, strict=True) if value is not None]
        if given:
            fail(f"{given[0]} works with --events only")
        return None
    chosen_engine = engine.value if engine is not None else None
    return MeasureArgs(events, journey, persona, since, until, split_after, chosen_engine)


def _observed(
    selection: Selection,
    args: MeasureArgs,
    fmt: OutputFormat,
    where: Target,
    timeout: float,
    no_cache: bool,
) -> None:
    """`--events`: one workspace measured once, and the flow of each journey as observed."""
    from journeykit.cli.measuring import measured
    from journeykit.render import View
    from journeykit.render.observed import render_each
    from journeykit.render.outputs import count_refusal, picture_name
    from journeykit.render.slides import one_page

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
    refusal = count_refusal(where, len(items), len(items), 1)
    if refusal is not None:
        fail(refusal)
    for warning in measurement.warnings:
        sys.stderr.write(f"journeykit: warning: {warning}\n")
    names = [picture_name(j.item.id, View.flow, fmt, args.persona) for _, j, _ in items]
    cache_dir = picture_cache_dir(no_cache)
    pictures = render_each(items, measurement.log, fmt, args.persona, timeout, cache_dir)
    _write(one_page(pictures), names, where)


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


def _chosen(
    view: str, fmt: str | None, output: Path | None, size: str | None, observed: bool
) -> tuple[Target, list[View], OutputFormat, Size | None]:
    """Where the pictures go, the views, the format and the size the options ask for (or
    exit 2). An image is not poured onto a terminal as raw XML or bytes; piped, it is."""
    from journeykit.render.outputs import OutputError, target, terminal_refusal, views
    from journeykit.render.sizes import chosen_format

    try:
        where, chosen = target(output), views(view)
        drawn, size_chosen = chosen_format(fmt, where, size, chosen, observed)
    except OutputError as exc:
        fail(str(exc))
    refusal = terminal_refusal(drawn) if where.path is None else None
    if refusal is not None and stdout_is_terminal():
        fail(refusal)
    return where, chosen, drawn, size_chosen


def _write(pictures: Generator[Sized, None, None], names: list[str], where: Target) -> None:
    """Each picture to standard output, to the file `-o` names, or to its file in the
    folder (atomically); a picture on several slides to one file per slide."""
    from journeykit.render import RenderError
    from journeykit.render.outputs import OutputError
    from journeykit.render.slides import page_names

    try:
        for name in names:
            try:
                sized = next(pictures)
                files = page_names(sized, name, where)
            except (RenderError, OutputError) as exc:
                fail(f"{name}: {exc}")
            for warning in sized.warnings:
                sys.stderr.write(f"journeykit: warning: {warning}\n")
            for file, data in zip(files, sized.pages, strict=True):
                _put(data, file, where)
    finally:
        pictures.close()  # Graphviz runs still going are stopped, whatever ended the loop


def _put(data: str | bytes, name: str, where: Target) -> None:
    """To standard output (text as text, png and pdf bytes as they are), or to a file."""
    if where.path is None:
        if isinstance(data, str):
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = where.path.with_name(name) if where.file else where.path / name
    try:
        if where.folder:
            path = output_path(where.path, name)
        write_atomic(path, data)
    except ValueError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror}")
    typer.echo(f"wrote {path}")


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
