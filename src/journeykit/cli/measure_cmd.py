"""`journeykit measure`: hold the designed journeys against an event log."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import checked, emit, fail, say_left_out, terminal_width, use_color
from journeykit.cli.measuring import attribution_spec, instant, measure_settings
from journeykit.cli.options import OUTPUT

if TYPE_CHECKING:
    from journeykit.measure import Measurement, MeasureOptions
    from journeykit.workspace.project import Project


class MeasureFormat(enum.StrEnum):
    human = "human"
    json = "json"
    markdown = "markdown"


class Engine(enum.StrEnum):
    duckdb = "duckdb"
    spark = "spark"


Outcome = Annotated[
    str | None,
    typer.Option("--outcome", help="A touchpoint or stage id: attribute its conversions."),
]
Models = Annotated[
    str | None,
    typer.Option(
        "--attribution",
        help="With --outcome, the models (comma list): first, last, linear, time-decay, "
        "position, markov. Default: all.",
    ),
]


def measure(
    workspace: Annotated[Path, typer.Argument(help="The workspace folder.")],
    events: Annotated[
        str,
        typer.Option(
            "--events",
            help="The event log: a .csv, .parquet or .jsonl file, duckdb:FILE:TABLE, "
            "or a table the engine knows.",
        ),
    ],
    journey: Annotated[str | None, typer.Option("--journey", help="Only this journey.")] = None,
    persona: Annotated[
        str | None, typer.Option("--persona", "-p", help="Only this persona's journeys.")
    ] = None,
    engine: Annotated[
        Engine | None, typer.Option("--engine", help="duckdb (default) or spark.")
    ] = None,
    fmt: Annotated[MeasureFormat, typer.Option("--format", "-f", help="Output format.")] = (
        MeasureFormat.human
    ),
    output: Annotated[Path | None, OUTPUT] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="First day (or instant) counted.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day counted (or the instant it stops).")
    ] = None,
    split_after: Annotated[
        str | None,
        typer.Option("--split-after", help="Inactivity that starts a new journey instance: 30d."),
    ] = None,
    outcome: Outcome = None,
    models: Models = None,
) -> None:
    """Measure the journeys against what customers did: reach, transitions and jumps,
    fitness, drop-outs, the funnel by stage, times, paths, and with --outcome who gets
    the credit for it (docs/measure.md).

    Exit codes: 0 measured; 2 unusable input (the event log, the options, the
    configuration), with a message naming the file, column and row.
    """
    try:
        import journeykit.measure  # noqa: F401
    except ImportError:
        fail("journeykit measure needs the measure extra: pip install 'journeykit[measure]'")
    from journeykit.run.options import RunOptions

    result = checked([workspace], RunOptions(base=Path.cwd(), jobs=None))
    say_left_out(result.left_out)
    if len(result.workspaces) > 1:  # a folder above several: whose [measure] and journeys?
        names = ", ".join(_shown(w.project.root) for w in result.workspaces)
        count = len(result.workspaces)
        fail(f"{workspace} holds {count} workspaces ({names}): measure one workspace at a time")
    project = result.workspaces[0].project
    options = _options(
        project, journey, persona, since, until, split_after=split_after, credit=(outcome, models)
    )
    chosen = engine.value if engine is not None else options.settings.engine
    emit(_formatted(_measured(project, events, options, chosen), fmt, output), output)


def _shown(root: Path) -> str:
    try:
        return root.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return root.as_posix()


def _measured(project: Project, events: str, options: MeasureOptions, engine: str) -> Measurement:
    """The one call of the library, on the engine; its input errors exit 2."""
    from journeykit.measure import MeasureError, engines, measure

    try:
        backend = engines.connect(options.settings, engine)
    except MeasureError as exc:  # engines.EngineError: Java, pyspark or DuckDB missing
        fail(str(exc))
    try:
        return measure(project, events, options, backend)
    except MeasureError as exc:
        fail(str(exc))
    finally:
        engines.close(backend)


def _options(
    project: Project,
    journey: str | None,
    persona: str | None,
    since: str | None,
    until: str | None,
    *,
    split_after: str | None,
    credit: tuple[str | None, str | None],
) -> MeasureOptions:
    """The options of one measurement: `[measure]` checked, the flags (as typed) over it;
    `credit` is (--outcome, --attribution)."""
    from journeykit.measure import MeasureOptions

    settings = measure_settings(project, split_after)
    return MeasureOptions(
        settings=settings,
        journey=journey,
        persona=persona,
        since=instant("--since", since, settings.time_zone, end=False),
        until=instant("--until", until, settings.time_zone, end=True),
        base=Path.cwd(),
        attribution=attribution_spec(*credit, settings),
    )


def _formatted(m: Measurement, fmt: MeasureFormat, output: Path | None) -> str:
    if fmt is MeasureFormat.json:
        return m.to_json()
    if fmt is MeasureFormat.markdown:
        from journeykit.output.measure_markdown import render as render_markdown

        return render_markdown(m)
    from journeykit.output.measure_human import render as render_human

    return render_human(m, output is None and use_color(), terminal_width())
