"""The output formats of one change set, compared with golden files byte for byte
(refresh with `pytest --update-golden`); and the GitHub job summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app

GOLDEN = Path(__file__).parent / "golden"
CHECKOUT = "journeys/checkout.journey.yaml"


@pytest.fixture
def changed(repo: GitRepo) -> GitRepo:
    # Lint rules are left out so that the golden files show the diff, not the rule set.
    repo.write("journeykit.toml", '[lint]\nselect = ["JK901"]\n')
    repo.commit("validation only")
    repo.git("tag", "-f", "base")
    repo.replace(
        CHECKOUT,
        "    channel: sms\n    kind: message\n    owner: CRM team",
        "    channel: whatsapp\n    kind: message\n    owner: CRM team",
    )
    repo.replace(CHECKOUT, "emotion: {score: -1, label: nagged}", "emotion: {score: 1}")
    repo.replace(
        CHECKOUT,
        "  - id: delivery-notice\n    name: Delivery notice\n    stage: post-purchase\n"
        "    channel: sms\n    kind: message\n    owner: Logistics\n    emotion: {score: 1}\n"
        "    next: [loyalty-points]\n",
        "",
    )
    repo.replace(CHECKOUT, "    next: [delivery-notice]", "    next: [loyalty-points]")
    repo.replace(CHECKOUT, "        target: 60", "        target: 65")
    repo.replace(
        "personas.yaml",
        "      - channel: sms\n        preference: accepted\n        consent: opt-in\n",
        "      - channel: sms\n        preference: opted-out\n",
    )
    repo.move("journeys/returns.journey.yaml", "journeys/aftersales/returns.journey.yaml")
    repo.commit("whatsapp reminders, no delivery notice")
    return repo


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, "utf-8")
    assert path.read_text("utf-8") == text, f"{name} differs; rerun with --update-golden"


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [("human", "report.txt"), ("markdown", "report.md"), ("json", "report.json")],
)
def test_format(
    changed: GitRepo, runner: CliRunner, update_golden: bool, fmt: str, golden: str
) -> None:
    args = ["diff", "--base", "base", "--head", "HEAD", "-f", fmt, "--fail-on", "breaking"]
    result = runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 1
    check_golden(golden, result.stdout, update_golden)


def test_markdown_is_a_pull_request_comment(changed: GitRepo, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "markdown"])
    text = result.stdout
    assert text.startswith("<!-- journeykit-diff -->\n")
    assert "| Journey | File | Status | Breaking | Warning | Info |" in text
    # Sections with a breaking change are open; the rest collapsed.
    assert "<details open><summary><b>checkout</b>" in text
    assert "<details><summary><b>Personas and channels</b>" in text
    assert text.count("<details") == text.count("</details>")


def test_github_annotations_and_job_summary(
    changed: GitRepo, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "github"])
    lines = result.stdout.splitlines()
    assert (
        "::error file=journeys/checkout.journey.yaml,line=37,col=3,"
        "title=journeykit diff%3A referenced-touchpoint-removed::touchpoint 'delivery-notice'"
    ) in result.stdout
    assert any(
        line.startswith("::warning file=journeys/checkout.journey.yaml,line=70,col=14,")
        and "channel sms -> whatsapp" in line
        for line in lines
    )
    assert not any("emotion" in line for line in lines)  # info changes are not annotated
    written = summary.read_text("utf-8")
    assert written.startswith("# earlier step\n<!-- journeykit-diff -->\n")


def test_json_carries_the_marks(changed: GitRepo, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "json"])
    journeys = {j["id"]: j for j in json.loads(result.stdout)["workspaces"][0]["journeys"]}
    assert journeys["checkout"]["marks"]["delivery-notice"] == "removed"
    assert journeys["checkout"]["marks"]["cart-reminder"] == "changed"


def test_output_file(changed: GitRepo, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "comment.md"
    args = ["diff", "base:journeys/", "HEAD:journeys/", "-f", "markdown", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text("utf-8").startswith("<!-- journeykit-diff -->")


def test_markdown_fits_in_a_comment() -> None:
    from journeykit.diff.changes import (
        Action,
        Change,
        DiffReport,
        Element,
        JourneyDiff,
        WorkspaceDiff,
    )
    from journeykit.diff.format_markdown import MAX_CHARS, render
    from journeykit.diff.formats import DiffContext
    from journeykit.diff.rules import Level

    change = Change("text-changed", Level.INFO, Element.touchpoint, Action.changed, "t", "x" * 200)
    journeys = [
        JourneyDiff(f"j{n}", "J", "a.journey.yaml", "a.journey.yaml", changes=[change] * 300)
        for n in range(5)
    ]
    text = render(DiffReport("a", "b", [WorkspaceDiff(".", journeys)]), DiffContext())
    assert len(text) <= MAX_CHARS
    assert "… and 250 more (see the JSON output)" in text
    assert text.count("<details") == text.count("</details>") == 5
