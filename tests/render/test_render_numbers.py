"""Extreme but finite KPI values: every view and the report draw them, none shows nan or inf.

The workspace is the loader case `valid/extreme-numbers` (largest and smallest floats,
subnormals, -0.0, values that overflow a ratio), built on the loader cases' `_base/`.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.analysis.measurement import progress
from journeykit.cli import app
from journeykit.model import (
    Direction,
    Emotion,
    Kpi,
    KpiCategory,
    Stage,
    Touchpoint,
    TouchpointKind,
)
from journeykit.render.common import number
from journeykit.render.map_lanes import MapContext, emotion
from journeykit.workspace.project import Project

CASES = Path(__file__).resolve().parent.parent / "cases" / "loader"
EXTREME = CASES / "valid" / "extreme-numbers"
NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])|∞", re.IGNORECASE)
VIEWS = ["map", "flow", "channels", "coverage"]
needs_dot = pytest.mark.usefixtures("dot_command")


def case_workspace(case: Path, into: Path) -> Path:
    into.mkdir()
    for item in (CASES / "_base").iterdir():
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, into / item.name)
    shutil.copytree(case / "journeys", into / "journeys")
    return into


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (12.0, "12"),
        (4.25, "4.25"),
        (120000, "120,000"),
        (1234.5678, "1,234.57"),
        (-7.5, "-7.5"),
        (0.01, "0.01"),
        (0.004, "0.004"),
        (999_999_999_999_999.0, "999,999,999,999,999"),
        (1e15, "1e+15"),
        (1e308, "1e+308"),
        (-1.7976931348623157e308, "-1.8e+308"),
        (1e-320, "1e-320"),
        (-5e-324, "-4.94e-324"),
        (-0.0, "0"),
        (0.0, "0"),
        # The format forbids these; a model built some other way still draws.
        (float("nan"), "—"),
        (float("inf"), "∞"),
        (float("-inf"), "\u2212∞"),
    ],
)
def test_number_is_short_and_never_nan_or_inf(value: float, shown: str) -> None:
    assert number(value) == shown


def _kpi(target: float | None, actual: float | None, lower: bool = False) -> Kpi:
    direction = Direction.lower_is_better if lower else Direction.higher_is_better
    return Kpi(
        id="k",
        name="K",
        category=KpiCategory.sales,
        target=target,
        actual=actual,
        direction=direction,
    )


@pytest.mark.parametrize(
    ("target", "actual", "lower", "bar"),
    [
        (9, 7.5, False, 83),
        (10, 20, True, 50),
        (None, 5, False, 0),
        (5, None, False, 0),
        (10, 10, False, 100),
        (1e-320, 1e308, False, 100),  # actual/target overflows to inf
        (1e308, 1e-320, False, 0),  # underflows to 0
        (5e-324, 1e308, True, 0),  # target/actual underflows
        (0.0, 3, True, 0),  # lower is better, nothing to divide by
        (-0.0, 0, True, 100),  # met: -0.0 and 0 are equal
        (0, 0, False, 100),
        (-10, -20, False, 0),  # negative values: no meaningful ratio
        (10, -5, False, 0),
        (1000, 999.9, False, 99),  # a miss never shows as a full bar
    ],
)
def test_progress_bar_of_a_kpi(
    target: float | None, actual: float | None, lower: bool, bar: int
) -> None:
    assert progress(_kpi(target, actual, lower)) == bar


def test_the_format_rejects_non_finite_values() -> None:
    with pytest.raises(ValueError, match="finite number"):
        _kpi(float("nan"), 1)
    with pytest.raises(ValueError, match="finite number"):
        _kpi(1, float("-inf"))


@needs_dot
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("fmt", ["dot", "svg"])
def test_every_view_draws_extreme_numbers(
    runner: CliRunner, tmp_path: Path, view: str, fmt: str
) -> None:
    ws = case_workspace(EXTREME, tmp_path / "ws")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(ws), "--view", view, "-f", fmt, "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    (drawn,) = out.iterdir()
    text = html.unescape(drawn.read_text("utf-8"))
    assert not NOT_A_NUMBER.search(text), NOT_A_NUMBER.search(text)
    if view == "map":
        assert "1e+308" in text and "1e-320" in text and "-1.8e+308" in text


@needs_dot
def test_the_report_draws_extreme_numbers(runner: CliRunner, tmp_path: Path) -> None:
    ws = case_workspace(EXTREME, tmp_path / "ws")
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(ws), "-o", str(site)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    page = (site / "journey-kpis.html").read_text("utf-8")
    for written in site.iterdir():
        if written.suffix == ".png":  # pixels: the numbers are checked in the SVG
            continue
        text = written.read_text("utf-8")
        assert not NOT_A_NUMBER.search(text), (written.name, NOT_A_NUMBER.search(text))
    bars = re.findall(r'style="width: (\d+)%"', page)
    # a missed, b and c met (c: any positive actual beats the lowest float), d met (-0.0
    # equals 0), e, f and g missed, with ratios that underflow or mean nothing.
    assert bars == ["0", "100", "100", "100", "0", "0", "0"]


def test_an_average_emotion_just_below_zero_is_not_minus_zero(small: Project) -> None:
    stage = Stage(id="s", name="S")
    scores = [-1] + [0] * 29  # average -0.033: "-0.0" once rounded
    touchpoints = [
        Touchpoint(
            id=f"t{i}",
            name="T",
            stage="s",
            channel="web",
            kind=TouchpointKind.action,
            emotion=Emotion(score=score),
        )
        for i, score in enumerate(scores)
    ]
    ctx = MapContext(small, {}, {"s": touchpoints}, {}, {"s": 0})
    cell = emotion(ctx, stage)
    assert "average +0.0" in cell and "\u22120.0" not in cell
