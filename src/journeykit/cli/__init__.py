"""The `journeykit` command: a thin typer layer over the library.

Each command lives in its own module and imports the heavy parts (pydantic models,
renderers, jinja2, graphviz) only when it runs, so start-up stays fast.

Exit codes: 0 nothing found at or above the fail level; 1 findings; 2 usage,
configuration or I/O error; 3 internal error (a bug: please report it); 130 and 143
stopped by SIGINT (Ctrl-C) or SIGTERM.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

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

if TYPE_CHECKING:
    from typer._click import Command


class _Commands(MutableMapping[str, "Command"]):
    """The commands by name, in order, each built from its function the first time it is
    looked up: typer reads every command's signature to build all eleven up front (~7 ms
    of each start), where a run uses one. Help and the "did you mean" list see them all."""

    def __init__(self, built: dict[str, Command]) -> None:
        self._built = built
        self._infos = {info.name or "": info for info in _registered.registered_commands}
        # Typer's order: the commands as registered, then the groups.
        self._order = [*self._infos, *built]

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            command = self._built[name] = typer.main.get_command_from_info(
                self._infos[name],  # KeyError for a name that is no command
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command
        if name not in self._order:
            self._order.append(name)

    def __delitem__(self, name: str) -> None:
        self._order.remove(name)
        self._built.pop(name, None)
        self._infos.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)


class _Group(TyperGroup):
    """The root command: typer builds the `import` group, `_Commands` the others."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(dict(self.commands))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # names only: TyperGroup's would build every command


app = typer.Typer(
    name="journeykit",
    help="Customer journey maps as code: validate, lint, render and diff journey YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=_Group,
)
_registered = typer.Typer()
"""Holds the commands' registrations (typer's own `CommandInfo`s); never run itself."""


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


_registered.command("validate")(validate_cmd.validate)
_registered.command("lint")(lint_cmd.lint)
_registered.command("gaps")(gaps_cmd.gaps)
_registered.command("rules")(rules_cmd.rules)
_registered.command("rule")(rules_cmd.rule)
_registered.command("init")(init_cmd.init)
_registered.command("schema")(schema_cmd.schema)
_registered.command("render")(render_cmd.render)
_registered.command("report")(report_cmd.report)
app.add_typer(import_cmd.app, name="import")
_registered.command("diff")(diff_cmd.diff)
_registered.command("measure")(measure_cmd.measure)


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
