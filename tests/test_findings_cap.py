"""A run with more findings than anyone reads: the first `--max-findings` are shown, the
rest counted; "did you mean" has a budget. Inputs from benchmarks/generate.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from journeykit import output
from journeykit.checks.references import Budget, check_references
from journeykit.cli import app
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from support import generator

generate = generator()

SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
FILE = "hostile.journey.yaml"
NOT_SHOWN = "... and 20 more findings not shown (--max-findings)"
SUMMARY = "Found 30 errors in 1 of 3 files."


@pytest.fixture
def thirty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journey naming 30 personas that no catalog has: 30 JK202 on lines 5 to 34."""
    generate.write_hostile(tmp_path, "unknown-personas", 30)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def unknown(i: int) -> str:
    return f"{FILE}:{5 + i}:5: JK202 [error] unknown persona 'u{i:07d}'"


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_concise_shows_the_first_n_and_counts_all(
    runner: CliRunner, thirty: Path, command: str
) -> None:
    args = [command, "-f", "concise", "--max-findings", "10"]
    if command == "lint":
        args += ["--ignore", "JK3,JK4,JK5,JK6,JK7,JK8,JK9"]  # the lint rules
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [*(unknown(i) for i in range(10)), NOT_SHOWN, SUMMARY]


def test_human_frames_only_the_findings_shown(runner: CliRunner, thirty: Path) -> None:
    result = runner.invoke(app, ["validate", "--max-findings", "10"])
    assert result.exit_code == 1
    out = result.stdout
    assert out.count(": error JK202 (unknown-persona)") == 10
    assert out.count("  > ") == 10  # one code frame each
    assert f"{FILE}:14:5: error JK202" in out
    assert f"{FILE}:15:5:" not in out
    assert out.rstrip().splitlines()[-3:] == [NOT_SHOWN, "", SUMMARY]


def test_default_cap_and_zero_for_all(
    runner: CliRunner, thirty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "DEFAULT_MAX_FINDINGS", 10)
    capped = runner.invoke(app, ["validate", "-f", "concise"]).stdout.splitlines()
    assert capped[-2:] == [NOT_SHOWN, SUMMARY]
    everything = runner.invoke(app, ["validate", "-f", "concise", "--max-findings", "0"])
    assert everything.exit_code == 1
    assert everything.stdout.splitlines() == [*(unknown(i) for i in range(30)), SUMMARY]
    # A cap above the count changes nothing.
    above = runner.invoke(app, ["validate", "-f", "concise", "--max-findings", "30"])
    assert above.stdout == everything.stdout


def test_github_annotations_are_capped(runner: CliRunner, thirty: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "github", "--max-findings", "10"])
    lines = result.stdout.splitlines()
    assert [line.startswith("::error ") for line in lines] == [True] * 10 + [False] * 2
    assert lines[-2:] == [NOT_SHOWN, SUMMARY]


def test_json_is_whole_unless_capped(
    runner: CliRunner, thirty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "DEFAULT_MAX_FINDINGS", 10)
    whole = json.loads(runner.invoke(app, ["validate", "-f", "json"]).stdout)
    assert len(whole["findings"]) == 30
    assert "findings_not_shown" not in whole
    result = runner.invoke(app, ["validate", "-f", "json", "--max-findings", "10"])
    assert result.exit_code == 1
    capped = json.loads(result.stdout)
    assert capped["summary"]["error"] == 30
    assert capped["findings_not_shown"] == 20
    assert [f["location"]["line"] for f in capped["findings"]] == list(range(5, 15))


def test_sarif_says_how_many_results_it_left_out(runner: CliRunner, thirty: Path) -> None:
    result = runner.invoke(app, ["validate", "-f", "sarif", "--max-findings", "10"])
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    run = log["runs"][0]
    assert len(run["results"]) == 10
    assert run["properties"] == {"findingsNotShown": 20}
    notice = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notice["message"]["text"] == NOT_SHOWN
    whole = json.loads(runner.invoke(app, ["validate", "-f", "sarif"]).stdout)["runs"][0]
    assert len(whole["results"]) == 30
    assert "invocations" not in whole


def test_did_you_mean_is_cached_per_id_and_stops_at_the_budget(tmp_path: Path) -> None:
    generate.write_hostile(tmp_path, "unknown-personas", 0)
    journey = tmp_path / FILE
    ids = ["busy-parnet", "busy-parnet", "home-makr", "busy-parnet"]
    text = journey.read_text("utf-8").replace("personas:\n", f"personas: {ids}\n".replace("'", ""))
    journey.write_text(text, "utf-8")
    (target,) = resolve_targets([tmp_path])
    project, _ = load_workspace(target)
    catalog = len(project.personas)

    def hints(budget: Budget | None) -> list[str | None]:
        found = [f for f in check_references(project, budget) if f.code == "JK202"]
        assert [f.message for f in found] == [f"unknown persona {i!r}" for i in ids]
        return [f.hint for f in found]

    parent, maker = "did you mean 'busy-parent'?", "did you mean 'home-maker'?"
    assert hints(None) == [parent, parent, maker, parent]
    # One search's worth: the repeated typo keeps its hint, the next id gets none.
    assert hints(Budget(catalog)) == [parent, parent, None, parent]
    assert hints(Budget(catalog - 1)) == [None] * 4
