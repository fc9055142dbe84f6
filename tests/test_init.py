"""`journeykit init`: every template scaffolds a workspace that validates clean."""

from __future__ import annotations

import inspect
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app, report_cmd
from journeykit.output.scaffold import GITIGNORE, template_names
from journeykit.run.engine import validate_paths


def test_the_three_templates_exist() -> None:
    assert template_names() == ["b2b", "need-recognition", "omnichannel"]


@pytest.mark.parametrize("template", template_names())
def test_template_scaffolds_a_valid_workspace(
    runner: CliRunner, tmp_path: Path, template: str
) -> None:
    target = tmp_path / "my-journeys"
    result = runner.invoke(app, ["init", str(target), "--template", template])
    assert result.exit_code == 0, result.output
    assert (target / "journeykit.toml").is_file()
    assert (target / "schemas" / "journey.schema.json").is_file()
    journeys = list((target / "journeys").glob("*.journey.yaml"))
    assert journeys
    first_line = journeys[0].read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/journey.schema.json"
    assert "{{SCHEMA_DIR}}" not in "".join(p.read_text("utf-8") for p in target.rglob("*.yaml"))
    validated = validate_paths([target])
    assert validated.findings == []
    assert validated.files_checked >= 3


def test_init_refuses_a_non_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "already exists and is not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_unknown_template(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x"), "--template", "funnel"])
    assert result.exit_code == 2
    assert "unknown template 'funnel' (available: b2b, need-recognition, omnichannel)" in (
        result.stderr
    )
    assert not (tmp_path / "x").exists()


def test_list_templates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["init", "--list"])
    assert result.exit_code == 0
    for name in template_names():
        assert name in result.stdout


def test_init_writes_a_gitignore_for_what_journeykit_builds(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "ws"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / ".gitignore").read_text("utf-8") == GITIGNORE
    ignored = [line for line in GITIGNORE.splitlines() if line and not line.startswith("#")]
    assert ignored == ["/site/", "/out/", ".journeykit_cache/"]
    # The report's default folder is the one ignored.
    assert inspect.signature(report_cmd.report).parameters["output"].default == Path("site")
    assert validate_paths([target]).findings == []


def test_git_ignores_the_outputs_and_keeps_the_sources(
    runner: CliRunner, tmp_path: Path, git_command: str
) -> None:
    target = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    subprocess.run([git_command, "init", "-q", str(target)], check=True)
    paths = ["site/index.html", "out/checkout.map.svg", ".journeykit_cache/x", "journeykit.toml"]
    done = subprocess.run(
        [git_command, "check-ignore", *paths], cwd=target, capture_output=True, text=True
    )
    assert done.stdout.splitlines() == paths[:3]


def test_init_help_shows_the_folder_is_required(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["init", "--help"], terminal_width=100).stdout
    assert shown.startswith("Usage: journeykit init [OPTIONS] {directory}\n")
    assert "directory  Folder to create (must be new or empty).  [required]" in shown
    missing = runner.invoke(app, ["init"])
    assert missing.exit_code == 2
    assert "Missing argument 'directory'" in missing.stderr
    assert runner.invoke(app, ["init", "--list", "-t", "b2b"]).exit_code == 0
