"""`journeykit rules` and `journeykit rule CODE`, and docs/rules.md generated from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.checks.rules import RULES
from journeykit.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_lists_builtin_checks_and_lint_rules(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    out = result.stdout
    assert "JK0  reading files (built-in, always on)" in out
    assert "JK4  personas and channels (lint rules)" in out
    assert "  JK203  unknown-channel" in out
    assert "  JK304  dead-end                     warning  A touchpoint leads nowhere" in out
    assert "JK604  kpi-off-target" in out and "[off by default]" in out


def test_rules_json_has_every_code(runner: CliRunner) -> None:
    rows = json.loads(runner.invoke(app, ["rules", "-f", "json"]).stdout)
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes)
    assert set(RULES) <= set(codes) and "JK001" in codes
    assert len(RULES) >= 18
    assert {r["code"][:3] for r in rows if not r["builtin"]} == {
        "JK3",
        "JK4",
        "JK5",
        "JK6",
        "JK7",
        "JK8",
        "JK9",
    }


def test_rule_prints_its_documentation(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rule", "jk405"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("JK405 message-overload (warning; on by default)\n")
    assert "Options: max-per-stage=3, max-per-channel=5" in out
    assert "Fails:\n\n```yaml\n" in out and "Passes:\n\n```yaml\n" in out


def test_rule_for_a_builtin_check(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rule", "JK203"])
    assert result.exit_code == 0
    assert "JK203 unknown-channel (error; built-in check, always on)" in result.stdout


def test_unknown_rule_exits_2_with_a_hint(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rule", "JK3O1"])
    assert result.exit_code == 2
    assert "unknown rule 'JK3O1' (did you mean 'JK301'?)" in result.stderr


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("message-overload", "JK405 message-overload (warning; on by default)\n"),
        ("Missing-Owner", "JK703 missing-owner (warning; on by default)\n"),
        ("unknown-channel", "JK203 unknown-channel (error; built-in check, always on)\n"),
    ],
)
def test_rule_by_its_name(runner: CliRunner, name: str, head: str) -> None:
    result = runner.invoke(app, ["rule", name])
    assert result.exit_code == 0
    assert result.stdout.startswith(head)


def test_unknown_rule_name_exits_2_with_the_closest_name(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rule", "mesage-overload"])
    assert result.exit_code == 2
    assert "unknown rule 'mesage-overload' (did you mean 'message-overload'?)" in result.stderr


def test_docs_rules_md_is_current(runner: CliRunner) -> None:
    generated = runner.invoke(app, ["rules", "-f", "markdown"]).stdout
    assert DOCS.read_text("utf-8") == generated, (
        "docs/rules.md is stale: run `journeykit rules --format markdown > docs/rules.md`"
    )
