"""`journeykit init`: scaffold a new workspace from a template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeykit.cli.common import fail


def init(
    directory: Annotated[
        Path | None, typer.Argument(help="Folder to create (must be new or empty).")
    ] = None,
    template: Annotated[
        str, typer.Option("--template", "-t", help="omnichannel, need-recognition or b2b.")
    ] = "omnichannel",
    list_templates: Annotated[
        bool, typer.Option("--list", help="List the templates and exit.")
    ] = False,
) -> None:
    """Create a workspace: journeykit.toml, personas, channels, a journey and the schemas."""
    from journeykit.output.scaffold import ScaffoldError, describe_templates, scaffold

    if list_templates:
        typer.echo(describe_templates(), nl=False)
        return
    if directory is None:
        fail("missing the folder to create: journeykit init DIR [--template NAME]")
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
    typer.echo(f"Created {directory} from the {template!r} template ({len(written)} files).")
    typer.echo(f"Next: journeykit validate {directory}")
