"""The `journeykit` command: a thin typer layer over the library.

Each command lives in its own module and imports the heavy parts (pydantic models,
renderers, jinja2, graphviz) only when it runs, so start-up stays fast.

Exit codes: 0 nothing found at or above the fail level; 1 findings; 2 usage,
configuration or I/O error; 3 internal error (a bug: please report it); 130 and 143
stopped by SIGINT (Ctrl-C) or SIGTERM.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from journeykit import __version__
from journeykit.cli import (
    diff_cmd,
    gaps_cmd,
    import_cmd,
    init_cmd,
    lint_cmd,
    measure_cmd,
    render_cmd,
    report_cmd,
    rules_cmd,
    schema_cmd,
    validate_cmd,
)

app = typer.Typer(
    name="journeykit",
    help="Customer journey maps as code: validate, lint, render and diff journey YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeykit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Customer journey maps as code."""


app.command("validate")(validate_cmd.validate)
app.command("lint")(lint_cmd.lint)
app.command("gaps")(gaps_cmd.gaps)
app.command("rules")(rules_cmd.rules)
app.command("rule")(rules_cmd.rule)
app.command("init")(init_cmd.init)
app.command("schema")(schema_cmd.schema)
app.command("render")(render_cmd.render)
app.command("report")(report_cmd.report)
app.add_typer(import_cmd.app, name="import")
app.command("diff")(diff_cmd.diff)
app.command("measure")(measure_cmd.measure)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # the console script (__main__) says so on the way out
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback
        sys.stderr.write(
            f"journeykit: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in journeykit; please report it with the input that caused it.\n"
        )
        sys.exit(3)
