"""Valid input never crashes a renderer, and user text never steers Graphviz.

Extreme but finite KPI values (1e308 over 1e-320 overflows to inf in a division) go
through every view and the HTML report; names holding Graphviz's escapes (\\G \\N \\L)
come out of the real `dot` as the characters the user wrote, tooltips included.
"""

from __future__ import annotations

import re
import shutil
import xml.dom.minidom
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

SMALL = Path(__file__).resolve().parent / "small"
ESCAPES = "Checks \\G \\N \\L \\E \\T \\H \\n out"
NOT_A_NUMBER = re.compile(r"\b(inf|nan|infinity)\b", re.IGNORECASE)
EXTREMES = [
    ("1e308", "1e-320", "higher-is-better"),
    ("1e-320", "1e308", "lower-is-better"),
    ("1e308", "1e-320", "lower-is-better"),
    ("1e308", "-1e308", "lower-is-better"),
    ("-0.0", "0", "higher-is-better"),
]


def _workspace(tmp_path: Path, target: str, actual: str, direction: str) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(SMALL, root)
    path = next((root / "journeys").glob("*.journey.yaml"))
    text = path.read_text("utf-8")
    kpi = (
        "\n    kpis:\n      - id: extreme\n        name: Extreme\n        category: user\n"
        f"        target: {target}\n        actual: {actual}\n        direction: {direction}\n"
    )
    marker = "\n  - id: "
    first = text.index(marker, text.index("touchpoints:"))
    second = text.index(marker, first + 1)
    text = text[:second] + kpi.rstrip("\n") + text[second:]
    assert "name: Browses the shop" in text
    text = text.replace("name: Browses the shop", f"name: '{ESCAPES}'", 1)
    path.write_text(text, "utf-8")
    return root


@pytest.mark.parametrize(("target", "actual", "direction"), EXTREMES)
def test_every_view_and_the_report_take_extreme_numbers(
    tmp_path: Path, target: str, actual: str, direction: str
) -> None:
    root = _workspace(tmp_path, target, actual, direction)
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", str(root), "-f", "concise"])
    assert checked.exit_code == 0, checked.output
    for view in ("map", "flow", "channels", "coverage"):
        out = tmp_path / view
        result = runner.invoke(
            app, ["render", str(root), "--view", view, "-f", "svg", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        for svg in out.glob("*.svg"):
            text = svg.read_text("utf-8")
            assert not NOT_A_NUMBER.search(text), svg
    site = tmp_path / "site"
    report = runner.invoke(app, ["report", str(root), "-o", str(site)])
    assert report.exit_code == 0, report.output
    page = "\n".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert "Extreme" in page
    assert not NOT_A_NUMBER.search(page)


def _titles(svg: str) -> list[str]:
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    return [a.getAttribute("xlink:title") for a in dom.getElementsByTagName("a")]


def test_graphviz_escapes_in_user_text_stay_literal_in_tooltips(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "10", "5", "higher-is-better")
    out = tmp_path / "flow"
    result = CliRunner().invoke(
        app, ["render", str(root), "--view", "flow", "-f", "svg", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    titles = [t for svg in out.glob("*.svg") for t in _titles(svg.read_text("utf-8"))]
    assert ESCAPES in titles
