"""Outcome ends in the gap report: a churned or abandoned end is a drop-out to look at
(listed with its outcome), not a dead end; converted and handed-off are ends."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from journeykit.analysis.gaps import gap_report
from journeykit.cli import app
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

OUTCOMES = Path(__file__).resolve().parent / "render" / "outcomes"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _load(root: Path) -> Project:
    return load_workspace(resolve_targets([root])[0])[0]


def test_lost_ends_are_drop_outs_and_no_end_is_a_dead_end() -> None:
    (journey,) = gap_report(_load(OUTCOMES)).journeys
    assert [d.touchpoint for d in journey.dead_ends] == ["stuck"]
    assert [(d.touchpoint, d.reason) for d in journey.drop_outs] == [
        ("gives-up", "abandoned exit"),
        ("cancels", "churned exit"),
        ("stuck", "dead end"),
    ]


def test_the_report_ranks_no_outcome_end_as_a_dead_end() -> None:
    report = gap_report(_load(OUTCOMES), top=50)
    dead = [g.touchpoint for g in report.all_gaps if g.kind == "dead-end"]
    assert dead == ["stuck"]


def test_the_text_report_lists_the_churn_exit_of_the_loyalty_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["gaps", str(EXAMPLES / "retail"), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "- leaves-club (engagement, low): churned exit" in result.output
    assert "- order-returned-to-stock (post-purchase, low): abandoned exit" in result.output
    assert "leaves-club' is a dead end" not in result.output
