"""Our Mermaid output drawn by the real mermaid.js (tests/js, from npm) in Chromium.

A syntax slip in a generated diagram shows on GitHub as a red error box instead of the
journey; here every view of every example, and the hostile fixture, must draw.
Chromium and `npm ci --prefix tests/js` are required: without them the tests fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeykit.render import OutputFormat, View, render
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

REPO = Path(__file__).resolve().parents[2]
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WORKSPACES = [
    REPO / "examples" / "retail",
    REPO / "examples" / "b2b-software",
    REPO / "examples" / "kuluttaja",
    REPO / "examples" / "subscription",
    REPO / "tests" / "render" / "hostile",
    REPO / "tests" / "render" / "outcomes",
    REPO / "tests" / "render" / "rows",
]


@pytest.fixture(scope="module")
def page(chromium_command: str, mermaid_js: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_command, args=ARGS)
        tab = browser.new_page()
        tab.set_content("<html><body></body></html>")
        tab.add_script_tag(content=mermaid_js.read_text("utf-8"))
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield tab
        browser.close()


def load(workspace: Path) -> Project:
    (target,) = resolve_targets([workspace])
    return load_workspace(target)[0]


DRAW = """async (source) => {
  try {
    const {svg} = await mermaid.render('d' + Math.floor(Math.random() * 1e9), source);
    return {ok: true, svg};
  } catch (error) {
    return {ok: false, error: String(error && error.message || error)};
  }
}"""


@pytest.mark.parametrize("workspace", WORKSPACES, ids=[p.name for p in WORKSPACES])
@pytest.mark.parametrize("view", list(View), ids=[v.value for v in View])
def test_mermaid_js_draws_every_view(page: Any, workspace: Path, view: View) -> None:
    project = load(workspace)
    for journey in project.journey_list():
        source = render(project, [journey], view, OutputFormat.mermaid)
        assert isinstance(source, str)
        drawn = page.evaluate(DRAW, source)
        assert drawn["ok"], f"{journey.item.id} {view.value}: {drawn.get('error')}"
        assert drawn["svg"].startswith("<svg")
        assert "NaN" not in drawn["svg"], "a score or size Mermaid could not read"
        if view in (View.map, View.flow) and workspace.name != "hostile":
            assert journey.item.stages[0].name in drawn["svg"]


def test_mermaid_js_draws_the_observed_flow(page: Any) -> None:
    """Counts on the links, jumps dotted, the never-observed touchpoint in its grey class."""
    from journeykit.measure import MeasureOptions, engines, measure
    from journeykit.measure.settings import settings_from
    from journeykit.render.observed import source

    case = REPO / "tests" / "render" / "observed"
    project = load(case)
    settings = settings_from(project.config.measure, case / "journeykit.toml")
    backend = engines.connect(settings, "duckdb")
    try:
        measured = measure(project, str(case / "events.csv"), MeasureOptions(settings), backend)
    finally:
        engines.close(backend)
    shop = next(j for j in measured.journeys if j.journey == "shop")
    text = source(project, project.journeys["shop"], shop, measured.log, OutputFormat.mermaid)
    drawn = page.evaluate(DRAW, text)
    assert drawn["ok"], drawn.get("error")
    svg = drawn["svg"]
    assert "6 customers · 6 journey instances" in svg  # the title
    dotted = re.findall(r"<path[^>]*edge-pattern-dotted", svg)
    assert len(dotted) == 3  # the three jumps, and only they
    assert "jump 1" in svg and "Left for an hour: 1" in svg
    assert "never observed" in svg and "20% drop-off (1 of 5)" in svg
    assert svg.count('class="node default unseen"') == 1


def test_mermaid_js_draws_each_outcome_in_its_shape_and_colour(page: Any) -> None:
    project = load(REPO / "tests" / "render" / "outcomes")
    text = render(project, [project.journeys["club"]], View.flow, OutputFormat.mermaid)
    drawn = page.evaluate(DRAW, text)
    assert drawn["ok"], drawn.get("error")
    svg = drawn["svg"]
    found = re.findall(r'<g class="node default ([^"]*)" id="[^"]*-flowchart-(t\d)-', svg)
    assert {node: classes for classes, node in found} == {
        "t0": "ch1", "t1": "ch1 converted", "t2": "ch1 abandoned", "t3": "ch0",
        "t4": "ch1 churned", "t5": "ch1 handedoff", "t6": "ch1 outcome0", "t7": "ch1",
        "t8": "ch1",
    }  # fmt: skip
    for word in ("✔ converted", "✖ churned", "✖ abandoned", "➜ handed-off", "◼ renewed"):
        assert f"<b>{word}</b>" in svg
    assert "stroke:#1a7f37 !important;stroke-width:2px" in svg


def test_mermaid_js_puts_the_map_rows_in_the_description(page: Any) -> None:
    project = load(REPO / "tests" / "render" / "rows")
    text = render(project, [project.journeys["rows"]], View.map, OutputFormat.mermaid)
    drawn = page.evaluate(DRAW, text)
    assert drawn["ok"], drawn.get("error")
    (desc,) = re.findall(r"<desc[^>]*>(.*?)</desc>", drawn["svg"], re.S)
    assert desc.splitlines()[:3] == [
        "The map's rows by touchpoint",
        "Browse · Browses the shop",
        "Doing: Compares two jackets &lt;side by side&gt;",
    ]
    assert "Track it: shop.example/t/1042" in desc
