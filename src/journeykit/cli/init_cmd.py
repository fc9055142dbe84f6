"""`journeykit init`: scaffold a new workspace from a template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeykit.cli.common import fail


def _list_templates(value: bool) -> None:
    """`--list`: eager, so it answers before the folder (required otherwise) is asked for."""
    if value:
        from journeykit.output.scaffold import describe_templates

        typer.echo(describe_templates(), nl=False)
        raise typer.Exit()


def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create (must be new or empty).")],
    template: Annotated[
        str, typer.Option("--template", "-t", help="omnichannel, need-recognition or b2b.")
    ] = "omnichannel",
    list_templates: Annotated[
        bool,
        typer.Option(
            "--list", callback=_list_templates, is_eager=True, help="List the templates and exit."
        ),
    ] = False,
) -> None:
    """Create a workspace: journeykit.toml, personas, channels, a journey, the schemas, and
    a .gitignore for what journeykit builds: site/ (report), out/ (render -o out/) and
    .journeykit_cache/."""
    from journeykit.output.scaffold import ScaffoldError, scaffold
    from journeykit.words import counted

    try:
        written = scaffold(directory, template)
    except ScaffoldError as exc:
        fail(str(exc))
    from journeykit.fileio.atomic import write_atomic

    for rel, content in written.items():
        try:
            write_atomic(directory / rel, content)
        except OSError as exc:
            fail(f"cannot write {directory / rel}: {exc.strerror}")
    typer.echo(
        f"Created {directory} from the {template!r} template ({counted(len(written), 'file')})."
    )
    typer.echo(f"Next: journeykit validate {directory}")
