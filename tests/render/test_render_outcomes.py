"""Outcome ends (`end: converted`, `end: churned`...) on the flow and the map.

Golden files: refresh with `pytest --update-golden` and look at the pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.render import OutputFormat, View, render
from journeykit.workspace.project import Project

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"


@pytest.fixture(scope="module")
def outcomes(loader: Callable[[Path], Project]) -> Project:
    return loader(HERE / "outcomes")


def _dot(project: Project, view: View) -> str:
    out = render(project, [project.journeys["club"]], view, OutputFormat.dot)
    assert isinstance(out, str)
    return out


def _node(dot: str, tp: str) -> str:
    return next(line for line in dot.splitlines() if line.strip().startswith(f'"{tp}" ['))


@pytest.mark.parametrize("view", [View.flow, View.map], ids=["flow", "map"])
def test_golden(outcomes: Project, update_golden: bool, view: View) -> None:
    out = _dot(outcomes, view)
    path = GOLDEN / f"outcomes.{view.value}.dot"
    if update_golden:
        path.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == path.read_bytes()


def test_flow_draws_each_outcome_its_own_way(outcomes: Project) -> None:
    dot = _dot(outcomes, View.flow)
    converted, churned = _node(dot, "paid"), _node(dot, "cancels")
    assert 'color="#1a7f37"' in converted and "peripheries=2" in converted
    assert "✔ converted" in converted
    assert 'color="#b42318"' in churned and "✖ churned" in churned
    assert 'color="#b42318"' in _node(dot, "gives-up")
    handed = _node(dot, "to-partner")
    assert 'shape="cds"' in handed and "peripheries" not in handed and "rounded" not in handed
    assert "◼ renewed" in _node(dot, "renews")
    plain = _node(dot, "thanks")
    assert "◼ end" in plain and "peripheries=2" in plain
    assert "peripheries" not in _node(dot, "stuck")


def test_flow_legend_names_the_outcomes_used(outcomes: Project) -> None:
    title = _dot(outcomes, View.flow).split("\n", 3)[1]
    for word in (
        "✔ end: converted",
        "✖ end: churned",
        "✖ end: abandoned",
        "➜ end: handed-off",
        "◼ end: renewed",
    ):
        assert word in title
    assert title.index("converted") < title.index("churned") < title.index("renewed")


def test_map_marks_outcome_ends_in_the_touchpoint_lane_and_legend(outcomes: Project) -> None:
    dot = _dot(outcomes, View.map)
    lane = dot.split("TOUCHPOINTS", 1)[1].split("CHANNELS", 1)[0]
    for label in ("✔ converted", "✖ churned", "✖ abandoned", "➜ handed-off", "◼ renewed"):
        assert f"<B>{label}</B>" in lane
        glyph, word = label.split(" ")
        assert f"{glyph}</B></FONT> end: {word}" in dot.rsplit("<TR>", 1)[1]  # the legend
    assert "◼ end" not in lane


def test_journeys_without_outcomes_have_no_outcome_legend(small: Project) -> None:
    for view in (View.flow, View.map):
        out = render(small, [small.journeys["small"]], view, OutputFormat.dot)
        assert isinstance(out, str)
        assert "converted" not in out and "churned" not in out
