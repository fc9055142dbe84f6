"""`journeykit schema`: JSON Schemas for editors, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeykit.cli.common import EXIT_FINDINGS, emit, fail
from journeykit.fileio.atomic import write_atomic

KINDS = ("journey", "personas", "channels", "config")


def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write every schema into this folder."),
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="Without --output: the schema to print.")
    ] = "journey",
    check: Annotated[
        bool,
        typer.Option("--check", help="With --output: exit 1 if the files there are stale."),
    ] = False,
) -> None:
    """Generate the JSON Schemas (draft-07) of every file kind.

    Point the YAML language server at them with a first-line comment such as
    `# yaml-language-server: $schema=../schemas/journey.schema.json`.
    """
    from journeykit.output.schema import json_schemas

    schemas = json_schemas()
    if output is None:
        if kind not in KINDS:
            fail(f"unknown schema kind {kind!r} (expected one of: {', '.join(KINDS)})")
        emit(schemas[f"{kind}.schema.json"], None)
        return
    if check:
        stale = [
            name
            for name, text in schemas.items()
            if not (output / name).is_file() or (output / name).read_text("utf-8") != text
        ]
        for name in stale:
            typer.echo(f"{output / name}: out of date; run `journeykit schema --output {output}`")
        raise typer.Exit(EXIT_FINDINGS if stale else 0)
    for name, text in schemas.items():
        try:
            write_atomic(output / name, text)
        except OSError as exc:
            fail(f"cannot write {output / name}: {exc.strerror}")
        typer.echo(f"wrote {output / name}")
