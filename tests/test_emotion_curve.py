"""The emotion curve along paths and personas (analysis.curve), and the gap report's use."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from journeykit.analysis.curve import EmotionPaths, curve, low_points, main_path
from journeykit.analysis.gaps import gap_report
from journeykit.model import Journey
from journeykit.report.chart import emotion_chart
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

CATALOG = Path(__file__).parent / "cases" / "rules" / "catalog"

RENEWAL = """\
version: 1
id: renewal
title: Renewal
personas: [consumer, smb-owner]
stages:
  - {id: use, name: Use}
  - {id: renew, name: Renewal}
touchpoints:
  - {id: welcome, name: Welcome, stage: use, channel: email, kind: message,
     personas: [consumer], emotion: {score: 1}, next: [smb-quote]}
  - {id: smb-quote, name: Quote, stage: use, channel: web, kind: action,
     personas: [smb-owner], emotion: {score: -1}, next: [offer]}
  - {id: offer, name: Renewal offer, stage: renew, channel: email, kind: message,
     emotion: {score: 0}, next: [renews, ports-out]}
  - {id: renews, name: Renews, stage: renew, channel: web, kind: action,
     emotion: {score: 2}, end: true}
  - {id: ports-out, name: Ports out, stage: renew, channel: web, kind: action,
     emotion: {score: -1}, next: [survey]}
  - {id: survey, name: Exit survey, stage: renew, channel: email, kind: message,
     personas: [consumer], emotion: {score: -2}, end: true}
"""


def _journey(text: str = RENEWAL) -> Journey:
    return Journey.model_validate(yaml.safe_load(text))


def test_main_path_follows_the_branch_with_most_emotions() -> None:
    journey = _journey()
    assert main_path(journey) == ["welcome", "smb-quote", "offer", "ports-out", "survey"]
    # For the SMB owner the exit survey is not theirs: both branches tie, the first wins.
    assert main_path(journey, "smb-owner") == ["welcome", "smb-quote", "offer", "renews"]
    ids = [p.touchpoint.id for p in curve(journey, "smb-owner")]
    assert ids == ["smb-quote", "offer", "renews"]
    assert [p.score for p in curve(journey, "consumer")] == [1, 0, -1, -2]


def test_the_previous_emotion_is_the_real_predecessor_of_the_same_persona() -> None:
    journey = _journey()
    paths = EmotionPaths(journey)
    point = paths.points["ports-out"]
    assert [p.touchpoint.id for p in paths.predecessors(point)] == ["offer"]
    first = paths.points["smb-quote"]
    assert paths.predecessors(first, "smb-owner") == []
    assert paths.predecessors(first) == []  # welcome is the consumer's
    offer = paths.points["offer"]
    assert [p.touchpoint.id for p in paths.predecessors(offer, "consumer")] == ["welcome"]
    assert {p.touchpoint.id for p in paths.predecessors(offer)} == {"welcome", "smb-quote"}


def test_low_points_per_persona() -> None:
    journey = _journey()
    lows = [(low.point.touchpoint.id, low.reason) for low in low_points(journey, 1)]
    assert lows == [("ports-out", "drop"), ("survey", "drop")]
    smb = low_points(journey, 1, "smb-owner")
    assert [(x.point.touchpoint.id, x.reason) for x in smb] == [
        ("smb-quote", "minimum"),
        ("ports-out", "drop"),
    ]
    assert smb[0].previous is None
    assert smb[1].previous is not None and smb[1].previous.touchpoint.id == "offer"


def test_a_journey_without_transitions_is_read_in_its_order() -> None:
    journey = _journey(
        """\
version: 1
id: flat
title: Flat
personas: [consumer]
stages:
  - {id: one, name: One}
touchpoints:
  - {id: a, name: A, stage: one, channel: web, kind: action, emotion: {score: 2}}
  - {id: b, name: B, stage: one, channel: web, kind: action}
  - {id: c, name: C, stage: one, channel: web, kind: action, emotion: {score: -1}}
"""
    )
    assert main_path(journey) == ["a", "b", "c"]
    (low,) = low_points(journey)
    assert low.previous is not None and low.previous.touchpoint.id == "a"


def test_gaps_for_one_persona_do_not_measure_from_another_persona(tmp_path: Path) -> None:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CATALOG / name, tmp_path / name)
    text = RENEWAL.replace("consumer", "busy-parent").replace("smb-owner", "style-enthusiast")
    (tmp_path / "renewal.journey.yaml").write_text(text, "utf-8")
    project = load_workspace(resolve_targets([tmp_path])[0])[0]
    report = gap_report(project, persona="style-enthusiast")
    reasons = {d.touchpoint: d.reason for d in report.journeys[0].drop_outs}
    assert reasons["smb-quote"] == "lowest emotion, -1"
    everyone = gap_report(project)
    reasons = {d.touchpoint: d.reason for d in everyone.journeys[0].drop_outs}
    assert reasons["survey"] == "lowest emotion, -2"
    assert "smb-quote" not in reasons


def test_the_report_chart_draws_each_curve_along_the_main_path() -> None:
    chart = emotion_chart(_journey())
    assert chart is not None
    at = {p.touchpoint: f"{p.x:g},{p.y:g}" for p in chart.points}
    curves = dict(chart.curves)
    everyone = ["welcome", "smb-quote", "offer", "ports-out", "survey"]
    assert curves["*"] == " ".join(at[i] for i in everyone)
    assert curves["smb-owner"] == " ".join(at[i] for i in ["smb-quote", "offer", "renews"])
    assert curves["consumer"] == " ".join(
        at[i] for i in ["welcome", "offer", "ports-out", "survey"]
    )
    # In its stage a point on the main path comes first: the line runs left to right.
    assert [p.touchpoint for p in chart.points] == [*everyone[:4], "survey", "renews"]


LOOPS_BACK = """\
version: 1
id: upgrade
title: Upgrade
personas: [consumer]
stages:
  - {id: use, name: Use}
touchpoints:
  - {id: plan, name: Compares plans, stage: use, channel: web, kind: action,
     emotion: {score: 0}, next: [bill]}
  - {id: bill, name: First bill, stage: use, channel: email, kind: message,
     emotion: {score: -1}, next: [nudge, boost, renews]}
  - {id: nudge, name: Upgrade nudge, stage: use, channel: email, kind: message,
     emotion: {score: 1}, next: [plan]}
  - {id: boost, name: Extra data, stage: use, channel: web, kind: action,
     emotion: {score: 1}, next: [nudge]}
  - {id: renews, name: Renews, stage: use, channel: web, kind: action,
     emotion: {score: 2}, end: true}
"""


def test_the_main_path_reaches_an_end_rather_than_stop_where_a_loop_was_cut() -> None:
    """The nudge only leads back to the comparison: a path through it has more emotions
    but arrives nowhere, so the main path goes on to the renewal."""
    assert main_path(_journey(LOOPS_BACK)) == ["plan", "bill", "renews"]


def test_each_end_is_a_variant_with_its_own_curve() -> None:
    """On request the curve follows the variant that ends at a chosen touchpoint: the
    customer who renews and the one who ports out have different curves."""
    journey = _journey()
    paths = EmotionPaths(journey)
    assert paths.variants() == ["survey", "renews"]  # the main path's end first
    assert paths.main_path(to="renews") == ["welcome", "smb-quote", "offer", "renews"]
    assert [p.score for p in paths.curve(to="renews")] == [1, -1, 0, 2]
    assert [p.score for p in paths.curve("consumer", to="renews")] == [1, 0, 2]
    assert paths.main_path(to="welcome") == ["welcome"]
    assert paths.main_path(to="nowhere") == []
    loops = EmotionPaths(_journey(LOOPS_BACK))
    assert loops.variants() == ["renews"]  # the nudge only loops back: no end of its own
