"""The [lint] section of the configuration: valid settings load; every bad one is a clear
error with file and line (exit 2), never a traceback or a silently ignored setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from journeykit.checks.lintsettings import check_lint_table, resolve_settings
from journeykit.cli import app
from journeykit.findings import Severity
from journeykit.workspace.config import ConfigError, open_workspace, read_config

CASES = yaml.safe_load(
    (Path(__file__).parent / "cases" / "rules" / "config-errors.yaml").read_text("utf-8")
)["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_setting_is_an_error_with_its_line(case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / case["file"]
    path.write_text(case["text"], "utf-8")
    with pytest.raises(ConfigError) as info:
        check_lint_table(open_workspace(path.parent))
    assert info.value.line == case["line"]
    assert case["message"] in info.value.message


@pytest.mark.parametrize("case", CASES[:2], ids=[c["name"] for c in CASES[:2]])
def test_lint_exits_2_with_file_and_line(
    case: dict[str, Any], tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / case["file"]).write_text(case["text"], "utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lint", "."])
    assert result.exit_code == 2
    assert f"{case['file']}:{case['line']}:" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_valid_lint_settings_load(tmp_path: Path) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text(
        """
[lint]
select = ["JK3", "JK4"]
ignore = ["JK305"]
fail-level = "warning"

[lint.rules.JK405]
severity = "info"
max-per-stage = 2

[lint.rules.JK404.policy]
awareness = ["sms", "rcs"]
purchase = ["sms"]

[lint.per-file-ignores]
"journeys/legacy/*.yaml" = ["JK7"]
""",
        "utf-8",
    )
    lint = read_config(path).config.lint
    assert lint.select == ["JK3", "JK4"]
    assert lint.fail_level == "warning"
    assert lint.rules["JK405"].severity == "info"
    assert lint.rules["JK405"].options == {"max-per-stage": 2}
    assert lint.rules["JK404"].options["policy"] == {
        "awareness": ["sms", "rcs"],
        "purchase": ["sms"],
    }
    assert lint.per_file_ignores == {"journeys/legacy/*.yaml": ["JK7"]}


def test_config_without_lint_section_keeps_defaults(tmp_path: Path) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text('exclude = ["drafts/**"]\n', "utf-8")
    config = read_config(path).config
    assert config.exclude == ["drafts/**"]
    assert config.lint.select is None and config.lint.ignore == []
    assert config.lint.fail_level == "error"


def test_rules_named_by_their_names_resolve_to_their_codes(tmp_path: Path) -> None:
    (tmp_path / "journeykit.toml").write_text(
        """
[lint]
select = ["JK3", "opted-out-channel"]
ignore = ["Dead-End"]

[lint.rules.linear-journey]
severity = "error"

[lint.rules.message-overload]
max-per-stage = 1

[lint.per-file-ignores]
"legacy/*.yaml" = ["missing-owner", "JK6"]
""",
        "utf-8",
    )
    workspace = open_workspace(tmp_path)
    check_lint_table(workspace)  # no error: every name is a rule's
    settings = resolve_settings(workspace.config.lint)
    assert {"JK301", "JK305", "JK402"} <= settings.enabled
    assert "JK304" not in settings.enabled and "JK401" not in settings.enabled
    assert settings.severities["JK305"] is Severity.ERROR
    assert settings.options["JK405"]["max-per-stage"] == 1
    assert settings.per_file_ignores == {"legacy/*.yaml": ["JK703", "JK6"]}
    # The command line takes names too.
    cli = resolve_settings(workspace.config.lint, ["missing-owner"], ["JK7"])
    assert cli.enabled == {"JK703"}
