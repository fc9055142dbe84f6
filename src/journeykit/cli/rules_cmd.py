"""`journeykit rules` and `journeykit rule CODE`: what each check and rule looks for."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from journeykit.cli.common import emit, fail


class RulesFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def rules(
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = (
        RulesFormat.text
    ),
) -> None:
    """List every check: the built-in JK0-JK2 checks and the JK3-JK9 lint rules."""
    from journeykit.checks.rules.docs import rules_json, rules_markdown, rules_table

    render = {
        RulesFormat.text: rules_table,
        RulesFormat.json: rules_json,
        RulesFormat.markdown: rules_markdown,
    }[fmt]
    emit(render(), None)


def rule(
    code: Annotated[str, typer.Argument(help="A code such as JK301, or a name: dead-end.")],
) -> None:
    """Show a rule's documentation: why it matters, its options, a failing and a passing
    example."""
    from journeykit.checks.rules.docs import rows, rule_doc
    from journeykit.workspace.lintconfig import closest

    by_name = {str(r["name"]): str(r["code"]) for r in rows()}
    text = rule_doc(by_name.get(code.lower(), code))
    if text is None:
        hint = closest(code, by_name.values(), by_name)
        fail(f"unknown rule {code!r}" + (f" ({hint})" if hint else "") + "; see `journeykit rules`")
    emit(text, None)
