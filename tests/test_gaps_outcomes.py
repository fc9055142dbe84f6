"""Outcome ends in the gap report: a churned or abandoned end is a drop-out to look at
(listed with its outcome), not a dead end; converted and handed-off are ends."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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


def _workspace(root: Path, journey: str) -> Project:
    """A workspace of the outcomes fixture's catalogs and `journey`, every file valid."""
    shutil.copy(OUTCOMES / "personas.yaml", root)
    shutil.copy(OUTCOMES / "channels.yaml", root)
    (root / "it.journey.yaml").write_text(journey, "utf-8")
    project, problems = load_workspace(resolve_targets([root])[0])
    assert [f.message for f in problems] == []
    return project


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


DAY = """\
version: 1
id: day
title: A commuter's day
map_type: day-in-the-life
personas: [ann]
stages:
  - {id: morning, name: Morning}
touchpoints:
  - {id: tram, name: Packed tram, stage: morning, channel: web, kind: action, context: true,
     emotion: {score: -2, label: squeezed},
     pain_points: [{id: crowd, description: No seat, severity: high}], next: [app]}
  - {id: app, name: Opens the app, stage: morning, channel: web, kind: action,
     emotion: {score: -1}, end: true,
     pain_points: [{id: slow, description: The app takes ages to start, severity: high}]}
"""


def test_a_context_moment_is_no_drop_out(tmp_path: Path) -> None:
    """The packed tram (the lowest point, with high-severity pain) is the customer's
    day, not where they leave the brand: only the brand's own painful moment is listed."""
    (journey,) = gap_report(_workspace(tmp_path, DAY)).journeys
    assert [d.touchpoint for d in journey.drop_outs] == ["app"]


def test_the_low_points_are_those_jk502_reports() -> None:
    """The gap report and the lint agree on which lows nobody recovers: a mildly sad exit
    (-1) is no moment of truth, and the call about a late parcel is one."""
    from journeykit.checks.lint import lint_project
    from journeykit.workspace.lintconfig import LintConfig

    project = _load(EXAMPLES / "retail")
    report = gap_report(project, top=500)
    lows = sorted((g.journey, g.touchpoint) for g in report.all_gaps if g.kind == "low-point")
    assert lows == [("online-order", "delivery-delayed"), ("online-order", "wismo-call")]
    found = lint_project(project, LintConfig.model_validate({"select": ["JK502"]}))
    at = sorted(f.message.rsplit(" at ", 1)[1].split("'")[1] for f in found)
    assert at == ["delivery-delayed", "wismo-call"]


STOPS = """\
version: 1
id: buy
title: Buy
map_type: {kind}
personas: [ann]
stages:
  - {{id: shop, name: Shop, phase: purchase}}
  - {{id: after, name: After, phase: post-purchase}}
touchpoints:
  - {{id: pay, name: Pays, stage: shop, channel: web, kind: action, next: [rival]}}
  - {{id: rival, name: Sees a rival's ad, stage: after, channel: web, kind: action,
     context: true, end: true}}
"""


@pytest.mark.parametrize(("kind", "stops"), [("current-state", True), ("day-in-the-life", False)])
def test_stops_at_purchase_is_jk302s_test(tmp_path: Path, kind: str, stops: bool) -> None:
    """A context moment after the purchase is not the brand following up; a day in the
    life has no purchase to stop at."""
    kinds = [g.kind for g in gap_report(_workspace(tmp_path, STOPS.format(kind=kind))).all_gaps]
    assert ("stops-at-purchase" in kinds) is stops
