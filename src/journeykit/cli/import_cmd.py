"""`journeykit import mermaid`: migrate Mermaid journey diagrams to journeykit files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeykit.cli.common import EXIT_FINDINGS, fail
from journeykit.fileio.atomic import write_atomic

if TYPE_CHECKING:
    from journeykit.findings import Finding
    from journeykit.mermaid.convert import Existing

app = typer.Typer(
    help="Import journeys from other tools.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

FILES = typer.Argument(help=".mmd files, or Markdown files with ```mermaid blocks.")
OUTPUT = typer.Option("--output", "-o", help="Folder to write the journeykit files into.")
FORCE = typer.Option("--force", help="Overwrite files that already exist.")


def existing_workspace(folder: Path) -> Existing:
    """Personas, channels and journeys of the workspace `folder` is (or will be) in."""
    from journeykit.checks.outcomes import known_outcomes
    from journeykit.mermaid.convert import Existing
    from journeykit.run.engine import run
    from journeykit.run.options import RunOptions
    from journeykit.workspace.config import ConfigError
    from journeykit.workspace.discovery import find_config

    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not folder.exists() and find_config(probe.resolve()) is None:
        return Existing()
    try:
        project = run([probe], RunOptions(allow_empty=True)).workspaces[0].project
    except ConfigError as exc:
        fail(str(exc))
    out = folder.resolve()
    journeys = {}
    for jid, located in project.journeys.items():
        path = project.root / located.source.rel
        journeys[jid] = (
            path.relative_to(out).as_posix() if path.is_relative_to(out) else path.as_posix()
        )
    return Existing(
        personas={pid: p.item.name for pid, p in project.personas.items()},
        channels=frozenset(project.channels),
        journeys=journeys,
        phases=tuple(project.config.journeys.phases),
        outcomes=known_outcomes(project.config),
    )


def _show(findings: list[Finding]) -> None:
    for f in findings:
        loc = f.location
        hint = f" ({f.hint})" if f.hint else ""
        sys.stderr.write(
            f"{loc.file}:{loc.line}:{loc.column}: {f.severity.label}: {f.message} "
            f"[{f.code} {f.name}]{hint}\n"
        )


@app.command("mermaid")
def mermaid(
    files: Annotated[list[Path], FILES],
    output: Annotated[Path, OUTPUT],
    force: Annotated[bool, FORCE] = False,
) -> None:
    """Turn Mermaid `journey` diagrams into a journey, personas and a channels file.

    Sections become stages, tasks touchpoints (each leading to the next), scores 1-5
    emotions -2..+2, actors personas (reusing personas of the workspace with the same id
    or name). Exit codes: 0 imported, 1 problems found (scores out of range, lines that
    are not tasks, files without a journey), 2 usage or I/O error.
    """
    from journeykit.cli.common import output_path
    from journeykit.mermaid.batch import MermaidInput, convert_files
    from journeykit.mermaid.convert import MermaidImportError

    inputs = []
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            fail(f"cannot read {path}: {reason}")
        markdown = path.suffix.lower() in (".md", ".markdown", ".mdx")
        inputs.append(MermaidInput(text, path.name, path.as_posix(), markdown))
    try:
        planned, findings = convert_files(inputs, existing_workspace(output))
    except MermaidImportError as exc:
        fail(str(exc))
    clashes = [n for n in planned if (output / n).exists()]
    if clashes and not force:
        fail(f"{output / clashes[0]} already exists (use --force to overwrite)")
    for name, content in planned.items():
        try:
            write_atomic(output_path(output, name), content)
        except ValueError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"cannot write {output / name}: {exc.strerror}")
        typer.echo(f"wrote {output / name}")
    _show(findings)
    if findings:
        raise typer.Exit(EXIT_FINDINGS)
