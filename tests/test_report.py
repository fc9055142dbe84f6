"""The HTML report without a browser: files, escaping, offline-ness, the CLI."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.lint import lint_project
from journeykit.report import build_report, inline_svg
from journeykit.validate import load_workspace, resolve_targets

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "render" / "hostile"
SMALL = HERE / "render" / "small"
RETAIL = HERE.parent / "examples" / "retail"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def _report(path: Path) -> dict[str, str]:
    project, findings = load_workspace(resolve_targets([path])[0])
    return build_report(project, project.journey_list(), [*findings, *lint_project(project)])


def test_files_of_the_report() -> None:
    files = _report(SMALL)
    assert sorted(files) == ["index.html", "journey-loyalty.html", "journey-small.html"]
    page = _parse(files["journey-small.html"])
    text = " ".join(page.text)
    for expected in ("Small checkout", "Journey map", "Emotion curve", "KPIs: target and actual"):
        assert expected in text
    assert "Add-to-cart rate" in text and "7.5 %" in text and "9 %" in text
    assert "The address form is slow." in text
    buttons = [a["data-filter-persona"] for t, a in page.tags if "data-filter-persona" in a]
    assert buttons == ["", "ann", "bob"]


def test_hostile_text_is_escaped_everywhere() -> None:
    files = _report(HOSTILE)
    for html in files.values():
        page = _parse(html)
        assert [t for t, _ in page.tags].count("script") == html.count("<script")
        assert not any(t in ("img", "u", "i") and "src" in a for t, a in page.tags)
        for raw in ("<script>alert", "<img src=x", "<b>bold</b>", "<u>", "</textarea>"):
            assert raw not in html
    journey = _parse(files["journey-hostile.html"])
    assert "<script>alert(1)</script>" in " ".join(journey.text)
    hrefs = [a.get("href") or "" for _, a in journey.tags]
    assert not any(h.startswith("javascript:") for h in hrefs)


def test_only_our_script_may_run() -> None:
    html = _report(SMALL)["journey-small.html"]
    page = _parse(html)
    (script,) = [s for s in page.scripts if "Persona filter" in s]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_the_report_loads_nothing_from_the_network() -> None:
    for html in _report(RETAIL).values():
        page = _parse(html)
        for tag, attrs in page.tags:
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                assert not re.match(r"^(https?:)?//", value), (tag, key, value)
        assert "@import" not in html and "url(" not in html


def test_inline_svg_drops_the_prolog() -> None:
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n<svg a="1"><g/></svg>\n'
    assert inline_svg(svg) == '<svg a="1"><g/></svg>'


def test_report_command(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stdout and "2 journey pages" in result.stdout
    index = (out / "index.html").read_text("utf-8")
    assert 'href="journey-small.html"' in index
    if shutil.which("dot"):
        page = (out / "journey-small.html").read_text("utf-8")
        ids = {a.get("id") for _, a in _parse(page).tags}
        assert {"tp-browse-web", "tp-checkout", "tp-confirm-sms", "tp-personas"} <= ids


def test_report_without_graphviz_still_writes_the_rest(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("journeykit.render.engine.find_engine", lambda: None)
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = (out / "journey-small.html").read_text("utf-8")
    assert "The flow diagram needs Graphviz, which was not found" in page
    assert "Emotion curve" in page


def test_gap_analysis_is_on_the_journey_page() -> None:
    page = _parse(_report(RETAIL)["journey-online-order.html"])
    text = " ".join(page.text)
    assert "Gaps to fix first" in text
    assert "pain point 'late-delivery-cost' (high) at 'checkout' is not addressed" in text
    assert "'wismo-call' is a dead end" in text
