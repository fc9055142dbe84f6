"""`journeykit diff`: the semantic diff of journeys, for reviews, CI and `git diff`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import EXIT_USAGE, emit, fail, terminal_width, use_color

if TYPE_CHECKING:
    from journeykit.diff.changes import DiffReport
    from journeykit.diff.formats import DiffFormat

ARGS = typer.Argument(
    help="OLD NEW (files or folders, on disk or REV:path); with --base, paths to limit to.",
    show_default=False,
)
BASE = typer.Option("--base", help="Compare every journeykit file changed since this revision.")
HEAD = typer.Option("--head", help="With --base: the newer revision (default: the work tree).")
FORMAT = typer.Option("--format", "-f", help="human, markdown, json or github.")
OUTPUT = typer.Option("--output", "-o", help="Write the report to this file instead.")
FAIL_ON = typer.Option(
    "--fail-on",
    help="Exit 1 when a change at or above this level exists: breaking, warning, "
    "info or none (default: [diff] fail-on in journeykit.toml, else none).",
)
VISUAL = typer.Option("--visual", help="Also write flow and map SVGs with the changes marked.")
TEXTCONV = typer.Option("--textconv", help="Print FILE in canonical form (git textconv driver).")
GIT_EXTERNAL = typer.Option("--git-external", help="Act as git's external diff driver.")
LIST = typer.Option("--list-changes", help="List the kinds of change and their levels, and exit.")
EVENTS = typer.Option(
    "--events",
    help="An event log: measure both sides against it and say what the change does to "
    "the numbers (fitness, jumps, KPIs).",
)


def diff(
    args: Annotated[list[str] | None, ARGS] = None,
    base: Annotated[str | None, BASE] = None,
    head: Annotated[str | None, HEAD] = None,
    fmt: Annotated[str, FORMAT] = "human",
    output: Annotated[Path | None, OUTPUT] = None,
    fail_on: Annotated[str | None, FAIL_ON] = None,
    visual: Annotated[Path | None, VISUAL] = None,
    textconv: Annotated[bool, TEXTCONV] = False,
    git_external: Annotated[bool, GIT_EXTERNAL] = False,
    list_changes: Annotated[bool, LIST] = False,
    events: Annotated[str | None, EVENTS] = None,
) -> None:
    """Show what changed between two versions of journeys, and what it does to the analysis.

    journeykit diff OLD NEW; journeykit diff --base origin/main [--head REV] [PATHS];
    journeykit diff main:journeys/ HEAD:journeys/ -f markdown; journeykit diff
    before.json after.json (two `measure -f json` snapshots: what customers do
    differently). Without arguments: the work tree against HEAD. Exit codes: 0, or 1 with
    a change at or above --fail-on; 2 for usage errors (unknown revision, path outside the
    repository, bad arguments, a file that is not a snapshot).
    """
    from journeykit.diff.formats import DiffFormat
    from journeykit.diff.rules import Level
    from journeykit.diff.sources import DiffUsageError, GitError
    from journeykit.run.options import UsageError
    from journeykit.workspace.config import ConfigError

    paths = args or []
    if list_changes:
        _list_changes()
        return
    if textconv:
        _textconv(paths)
        return
    try:
        chosen = DiffFormat(fmt)
    except ValueError:
        fail(f"unknown format {fmt!r} (expected one of: {', '.join(f.value for f in DiffFormat)})")
    threshold: Level | None = None
    if fail_on is not None and fail_on != "none":
        try:
            threshold = Level.parse(fail_on)
        except ValueError as exc:
            fail(str(exc))
    try:
        report = _report(paths, base, head, git_external)
    except (DiffUsageError, GitError, ConfigError, UsageError) as exc:
        fail(str(exc), EXIT_USAGE)
    if events is not None:
        _observed(report, events)
    _emit(report, chosen, output)
    if visual is not None:
        _visual(report, visual)
    if git_external:
        return
    raise typer.Exit(report.exit_code(threshold, configured=fail_on is None))


def _report(paths: list[str], base: str | None, head: str | None, external: bool) -> DiffReport:
    from journeykit.diff.external import external_diff
    from journeykit.diff.sources import DiffUsageError, compare_paths, compare_revisions

    cwd = Path.cwd()
    if external:
        return external_diff(paths, cwd)
    if base is not None or not paths:
        if head is not None and base is None:
            raise DiffUsageError("--head needs --base")
        return compare_revisions(base or "HEAD", head, [Path(p) for p in paths], cwd)
    if head is not None:
        raise DiffUsageError("--head needs --base")
    if len(paths) != 2:
        raise DiffUsageError(
            "give two files or folders (OLD NEW), or --base REV; see `journeykit diff --help`"
        )
    if all(p.lower().endswith(".json") for p in paths):  # measure.snapshot.is_snapshot
        from journeykit.diff.observed import compare_snapshots
        from journeykit.measure.errors import MeasureError

        try:
            return compare_snapshots(paths[0], paths[1], cwd)
        except MeasureError as exc:
            raise DiffUsageError(str(exc)) from None
    return compare_paths(paths[0], paths[1], cwd)


def _observed(report: DiffReport, events: str) -> None:
    from journeykit.cli.measuring import MeasureArgs, measured
    from journeykit.diff.observed import add_observed
    from journeykit.measure.snapshot import is_snapshot

    if is_snapshot(events):
        fail("--events: give the event log itself (a snapshot holds one side's numbers only)")
    add_observed(report, lambda project: measured(project, MeasureArgs(events)))


def _emit(report: DiffReport, fmt: DiffFormat, output: Path | None) -> None:
    from journeykit.diff.formats import DiffContext, DiffFormat, renderer

    context = DiffContext(color=output is None and use_color(), width=terminal_width())
    emit(renderer(fmt)(report, context), output)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is DiffFormat.github and summary:
        markdown = renderer(DiffFormat.markdown)(report, context)
        try:
            # Appended, not replaced: earlier steps of the job write to the same file.
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown + "\n")
        except OSError as exc:
            fail(f"cannot write the job summary {summary}: {exc.strerror}")


def _visual(report: DiffReport, folder: Path) -> None:
    from journeykit.diff.visual import visual_jobs, visual_name
    from journeykit.fileio.atomic import write_atomic
    from journeykit.render import OutputFormat, RenderError, View, render

    jobs = visual_jobs(report)
    if not jobs:
        sys.stderr.write("journeykit: --visual: no journey changed on both sides, nothing drawn\n")
    for job in jobs:
        for view in (View.flow, View.map):
            try:
                data = render(job.project, [job.journey], view, OutputFormat.svg, marks=job.marks)
            except (RenderError, ValueError) as exc:
                fail(f"--visual: cannot draw {job.name}: {exc}")
            path = visual_name(folder, job, view.value, "svg")
            try:
                write_atomic(path, data)
            except OSError as exc:
                fail(f"cannot write {path}: {exc.strerror}")
            sys.stderr.write(f"wrote {path}\n")


def _textconv(paths: list[str]) -> None:
    from journeykit.diff.canonical import textconv

    if len(paths) != 1:
        fail("--textconv takes one file")
    path = Path(paths[0])
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror}")
    emit(textconv(data, path.name), None)


def _list_changes() -> None:
    from journeykit.diff.rules import CHANGE_RULES

    width = max(len(name) for name in CHANGE_RULES)
    for rule in CHANGE_RULES.values():
        typer.echo(f"{rule.name:<{width}}  {rule.level.label:<8}  {rule.summary}")
