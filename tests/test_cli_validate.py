"""`journeykit validate` through the CLI: exit codes, formats, workspace discovery."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from journeykit import __version__
from journeykit.cli import app

CASES = Path(__file__).parent / "cases" / "loader"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def make_workspace(tmp_path: Path, case: str) -> Path:
    for item in (CASES / "_base").glob("*.*"):
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, tmp_path / item.name)
    shutil.copytree(CASES / case, tmp_path, dirs_exist_ok=True)
    (tmp_path / "expected.yaml").unlink()
    return tmp_path


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = make_workspace(tmp_path, "invalid/unknown-references")
    monkeypatch.chdir(ws)
    return ws


@pytest.fixture
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = make_workspace(tmp_path, "valid/loops-and-cross-journey")
    monkeypatch.chdir(ws)
    return ws


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"journeykit {__version__}\n"


def test_clean_workspace_exits_0(runner: CliRunner, clean: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stdout
    assert "All checks passed (4 files checked)." in result.stdout


def test_findings_exit_1_with_code_frame_and_hint(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 1
    out = result.stdout
    assert (
        "journeys/a.journey.yaml:25:14: error JK203 (unknown-channel) unknown channel 'smss'" in out
    )
    assert "  > 25 │     channel: smss" in out
    assert "│              ^^^^ did you mean 'sms'?" in out
    assert "Found 6 errors in 1 of 3 files." in out


def test_control_characters_show_as_pictures_in_both_modes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path, "invalid/control-character")
    journey = ws / "journeys" / "a.journey.yaml"
    journey.write_bytes(journey.read_bytes().replace(b"title: T\x07", b"title: \x1b[2JT\x07"))
    monkeypatch.chdir(ws)
    plain = runner.invoke(app, ["validate"], env={"NO_COLOR": "1"}).stdout
    colour = runner.invoke(app, ["validate"], env={"FORCE_COLOR": "1"}).stdout
    assert "  > 3 │ title: ␛[2JT␇" in plain
    assert "\x07" not in plain + colour and "\x1b[2J" not in plain + colour
    assert "\x1b[" in colour  # it is coloured, and says the same once the colour is gone
    assert re.sub(r"\x1b\[[0-9;]*m", "", colour) == plain


def test_concise_format(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "concise"])
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "journeys/a.journey.yaml:4:12: JK202 [error] unknown persona 'busy-parnet' "
        "(did you mean 'busy-parent'?)"
    )
    assert all(
        re.match(r"^journeys/a\.journey\.yaml:\d+:\d+: JK2\d\d \[error\] ", x) for x in lines[:-1]
    )
    assert len(lines) == 7


def test_json_format(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "json"])
    document = json.loads(result.stdout)
    assert document["summary"] == {"error": 6, "warning": 0, "info": 0}
    first = document["findings"][0]
    assert first["code"] == "JK202"
    assert first["location"] == {
        "file": "journeys/a.journey.yaml",
        "line": 4,
        "column": 12,
        "end_line": 4,
        "end_column": 23,
        "yaml_path": "personas[0]",
    }


def test_github_format(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "github"])
    assert result.exit_code == 1
    assert (
        "::error file=journeys/a.journey.yaml,line=25,col=14,endLine=25,endColumn=18,"
        "title=JK203 unknown-channel::unknown channel 'smss' (did you mean 'sms'?)"
    ) in result.stdout.splitlines()


def test_sarif_is_valid_sarif_2_1_0(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "sarif"])
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {
        "JK202",
        "JK203",
        "JK204",
        "JK205",
        "JK206",
        "JK207",
    }
    result0 = run["results"][0]
    assert result0["ruleId"] == "JK202"
    assert result0["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_output_file_is_written_and_stdout_stays_empty(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "sarif", "-o", "reports/jk.sarif"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads((broken / "reports" / "jk.sarif").read_text())["version"] == "2.1.0"
    assert [p.name for p in (broken / "reports").iterdir()] == ["jk.sarif"]


def test_single_file_resolves_references_across_the_workspace(
    runner: CliRunner, clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(clean / "journeys")
    result = runner.invoke(app, ["validate", "-f", "concise", "checkout.journey.yaml"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "All checks passed (1 file checked).\n"


def test_single_file_reports_only_that_file(runner: CliRunner, broken: Path) -> None:
    (broken / "channels.yaml").write_text("version: 1\nchannels: [{id: x}]\n")
    result = runner.invoke(app, ["validate", "-f", "concise", "journeys/a.journey.yaml"])
    files = {line.split(":")[0] for line in result.stdout.splitlines()[:-1]}
    assert files == {"journeys/a.journey.yaml"}


def test_explicit_file_of_unknown_kind(runner: CliRunner, clean: Path) -> None:
    (clean / "notes.yaml").write_text("title: shopping list\nitems: [milk]\n")
    result = runner.invoke(app, ["validate", "-f", "concise", "notes.yaml"])
    assert result.exit_code == 1
    assert result.stdout.startswith("notes.yaml:1:1: JK016 [error] cannot tell what kind")


def test_explicit_file_sniffed_as_journey(runner: CliRunner, clean: Path) -> None:
    shutil.copy(clean / "journeys" / "checkout.journey.yaml", clean / "draft.yaml")
    text = (clean / "draft.yaml").read_text().replace("id: checkout", "id: draft")
    (clean / "draft.yaml").write_text(text)
    result = runner.invoke(app, ["validate", "-f", "concise", "draft.yaml"])
    assert result.exit_code == 0, result.stdout


def test_missing_path_exits_2(runner: CliRunner, clean: Path) -> None:
    result = runner.invoke(app, ["validate", "nowhere/"])
    assert result.exit_code == 2
    assert "journeykit: nowhere: no such file or directory" in result.stderr


def test_bad_fail_level_exits_2(runner: CliRunner, clean: Path) -> None:
    result = runner.invoke(app, ["validate", "--fail-level", "fatal"])
    assert result.exit_code == 2
    assert "unknown severity 'fatal'" in result.stderr


def test_unknown_format_exits_2(runner: CliRunner, clean: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "xml"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("exclde = []\n", "journeykit.toml:1:1: unknown key 'exclde' (did you mean 'exclude'?)"),
        ("[limits]\n\nmax-dept = 5\n", "journeykit.toml:3:1: unknown key 'limits.max-dept'"),
        (
            "[limits]\nmax-depth = 'deep'\n",
            "journeykit.toml:2:1: limits.max-depth: Input should be",
        ),
        ("include = [\n", "journeykit.toml:1:1: invalid TOML: Invalid value (at end of document)"),
    ],
)
def test_bad_config_exits_2_with_its_line(
    runner: CliRunner, clean: Path, toml: str, message: str
) -> None:
    (clean / "journeykit.toml").write_text(toml)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert message in result.stderr


def test_pyproject_table_is_a_workspace_root(runner: CliRunner, clean: Path) -> None:
    (clean / "journeykit.toml").unlink()
    (clean / "pyproject.toml").write_text('[tool.journeykit]\nexclude = ["journeys/loyalty*"]\n')
    result = runner.invoke(app, ["validate", "-f", "concise", "journeys"])
    # The loyalty journey is excluded, so the cross-journey transition no longer resolves.
    assert result.exit_code == 1
    assert "JK206 [error] unknown journey 'loyalty'" in result.stdout


def test_limits_from_config_take_effect(runner: CliRunner, clean: Path) -> None:
    (clean / "journeykit.toml").write_text("[limits]\nmax-depth = 3\n")
    result = runner.invoke(app, ["validate", "-f", "concise"])
    assert result.exit_code == 1
    assert "JK007 [error] nesting is deeper than the limit of 3 levels" in result.stdout


def test_fail_level_warning_with_only_errors_still_fails(runner: CliRunner, broken: Path) -> None:
    assert runner.invoke(app, ["validate", "--fail-level", "warning"]).exit_code == 1


def test_a_device_or_fifo_is_never_read(runner: CliRunner, clean: Path) -> None:
    (clean / "journeys" / "zero.journey.yaml").symlink_to("/dev/zero")
    fifo = clean / "journeys" / "pipe.journey.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["validate", "-f", "concise"])
    assert result.exit_code == 1
    # /dev/zero lies outside the workspace: the link is not even followed.
    assert "journeys/zero.journey.yaml:1:1: JK017 [error] not followed" in result.stdout
    assert "journeys/pipe.journey.yaml:1:1: JK015 [error] not a regular file" in result.stdout
    direct = runner.invoke(app, ["validate", str(fifo)])
    assert direct.exit_code == 2
    assert "not a regular file or directory" in direct.stderr


def test_written_reports_follow_the_umask(runner: CliRunner, broken: Path) -> None:
    old = os.umask(0o022)
    try:
        runner.invoke(app, ["validate", "-f", "json", "-o", "report.json"])
    finally:
        os.umask(old)
    assert (broken / "report.json").stat().st_mode & 0o777 == 0o644


def test_too_large_file_names_the_limit(runner: CliRunner, clean: Path) -> None:
    (clean / "journeykit.toml").write_text("[limits]\nmax-file-size = 100\n")
    result = runner.invoke(app, ["validate", "-f", "concise", "journeys/checkout.journey.yaml"])
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "journeys/checkout.journey.yaml:1:1: JK004 [error] "
        "file is larger than the limit of 100 bytes (raise `max-file-size`"
    )
