"""The report's emotion curve in real Chromium: one line along the main path per persona.

A screenshot of the curve, filtered to one persona, is kept in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright
from typer.testing import CliRunner

from journeykit.analysis.curve import curve
from journeykit.cli import app
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

HERE = Path(__file__).resolve().parent
RETAIL = HERE.parent / "examples" / "retail"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.fixture(scope="module")
def browser(chromium_command: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_command, args=ARGS)
        yield chromium
        chromium.close()


def test_each_persona_curve_follows_its_main_path(browser: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(RETAIL), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    journey = load_workspace(resolve_targets([RETAIL])[0])[0].journeys["online-order"].item
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((tmp_path / "journey-online-order.html").as_uri())
    page.click('[data-filter-persona="home-maker"]')
    line = page.locator('polyline[data-curve="home-maker"]')
    assert line.is_visible()
    points = line.get_attribute("points") or ""
    expected = [p.touchpoint.id for p in curve(journey, "home-maker")]
    assert len(points.split()) == len(expected) > 0
    circles = page.locator("#emotion circle[data-touchpoint]")
    at = {
        circles.nth(i).get_attribute("data-touchpoint"): (
            f"{float(circles.nth(i).get_attribute('cx') or 0):g},"
            f"{float(circles.nth(i).get_attribute('cy') or 0):g}"
        )
        for i in range(circles.count())
    }
    assert points.split() == [at[i] for i in expected]
    # The delayed parcel lies on another branch: its point is shown, off the line.
    assert "delivery-delayed" in at and "delivery-delayed" not in expected
    (HERE / "artifacts").mkdir(exist_ok=True)
    shot = HERE / "artifacts" / "report-emotion-curve-home-maker.png"
    page.locator("#emotion").screenshot(path=str(shot))
    assert shot.stat().st_size > 1000


SUBSCRIPTION = HERE.parent / "examples" / "subscription"


def test_a_chosen_end_shows_the_curve_of_the_way_there(browser: Any, tmp_path: Path) -> None:
    """The path buttons swap the main path's line for the variant ending at the chosen
    touchpoint, for everyone or for the persona chosen."""
    from journeykit.analysis.curve import EmotionPaths

    result = CliRunner().invoke(app, ["report", str(SUBSCRIPTION), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    project = load_workspace(resolve_targets([SUBSCRIPTION])[0])[0]
    paths = EmotionPaths(project.journeys["first-year"].item)
    assert paths.variants() == ["renews-in-app", "cancel-chat", "port-out-sms"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((tmp_path / "journey-first-year.html").as_uri())
    buttons = page.locator("[data-filter-path]")
    assert [buttons.nth(i).inner_text() for i in range(buttons.count())] == [
        "main path",
        "to Renews in the app (renewed)",
        "to Asks in the app chat how to leave (retained)",
        "to Port-out confirmation by SMS (churned)",
    ]
    circles = page.locator("#emotion circle[data-touchpoint]")
    at = {
        circles.nth(i).get_attribute("data-touchpoint"): (
            f"{float(circles.nth(i).get_attribute('cx') or 0):g},"
            f"{float(circles.nth(i).get_attribute('cy') or 0):g}"
        )
        for i in range(circles.count())
    }

    def shown() -> tuple[str | None, list[str]]:
        line = page.locator("#emotion polyline.curve:visible")
        assert line.count() == 1
        return line.get_attribute("data-curve"), (line.get_attribute("points") or "").split()

    page.click('[data-filter-path="port-out-sms"]')
    key, points = shown()
    expected = [p.touchpoint.id for p in paths.curve(None, "port-out-sms")]
    assert key == "*>port-out-sms" and points == [at[i] for i in expected]
    assert expected[-1] == "port-out-sms"
    page.click('[data-filter-persona="switcher"]')
    key, points = shown()
    expected = [p.touchpoint.id for p in paths.curve("switcher", "port-out-sms")]
    assert key == "switcher>port-out-sms" and points == [at[i] for i in expected]
    (HERE / "artifacts").mkdir(exist_ok=True)
    shot = HERE / "artifacts" / "report-emotion-curve-port-out.png"
    page.locator("#emotion").screenshot(path=str(shot))
    page.click('[data-filter-path=""]')
    assert shown()[0] == "switcher"
