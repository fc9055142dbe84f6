"""The HTML report without a browser: files, escaping, offline-ness, the CLI."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.checks.lint import lint_project
from journeykit.cli import app
from journeykit.report import build_report, inline_svg
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "render" / "hostile"
SMALL = HERE / "render" / "small"
RETAIL = HERE.parent / "examples" / "retail"
CATALOG = HERE / "cases" / "rules" / "catalog"
needs_dot = pytest.mark.usefixtures("dot_command")


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
    files = build_report(project, project.journey_list(), [*findings, *lint_project(project)])
    return {name: text for name, text in files.items() if isinstance(text, str)}


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


@needs_dot
def test_report_command(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stdout and "2 journey pages" in result.stdout
    index = (out / "index.html").read_text("utf-8")
    assert 'href="journey-small.html"' in index
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


@needs_dot
def test_report_images_are_the_pictures_render_draws(runner: CliRunner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(RETAIL), "-o", str(site)])
    assert result.exit_code == 0, result.stderr
    assert "3 journey pages and 6 SVG images, 6 PNG images" in result.stdout
    for view in ("map", "flow"):
        out = tmp_path / view
        done = runner.invoke(
            app, ["render", str(RETAIL), "--view", view, "-f", "svg", "-o", str(out)]
        )
        assert done.exit_code == 0, done.stderr
        drawn = sorted(out.iterdir())
        assert len(drawn) == 3
        for picture in drawn:
            assert (site / picture.name).read_bytes() == picture.read_bytes(), picture.name
    page = _parse((site / "journey-online-order.html").read_text("utf-8"))
    links = [a.get("href") for t, a in page.tags if t == "a" and "download" in a]
    assert links == [
        "online-order.map.svg",
        "online-order.map.png",
        "online-order.flow.svg",
        "online-order.flow.png",
    ]
    # The page holds the picture from its <svg> on, Graphviz's comments taken out.
    flow = (site / "online-order.flow.svg").read_text("utf-8")
    inlined = re.sub(r"<!--.*?-->", "", flow[flow.index("<svg") :], flags=re.DOTALL).strip()
    html = (site / "journey-online-order.html").read_text("utf-8")
    assert inlined.count('<g id="edge') >= 10 and inlined in html
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert not list(site.glob(".*.tmp"))


def test_report_without_graphviz_has_no_images(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("journeykit.render.engine.find_engine", lambda: None)
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "2 journey pages and 0 SVG images, 0 PNG images" in result.stdout
    assert not list(tmp_path.glob("*.svg")) and not list(tmp_path.glob("*.png"))
    assert "download" not in (tmp_path / "journey-small.html").read_text("utf-8")


def test_a_graphviz_timeout_leaves_no_image_and_says_why(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(slow))
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site), "--timeout", "0.3"])
    assert result.exit_code == 0, result.stderr
    assert "journeykit: small: no map image: dot did not finish within 0.3 s" in result.stderr
    assert "journeykit: small: no flow image: dot did not finish within 0.3 s" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == [
        "index.html",
        "journey-loyalty.html",
        "journey-small.html",
    ]
    page = (site / "journey-small.html").read_text("utf-8")
    assert "No SVG image of the map: dot did not finish within 0.3 s" in page
    assert "download" not in page


def test_a_graphviz_timeout_on_the_observed_flows_is_said_page_by_page(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each observed flow that fails is named, and the pictures after it are still tried
    (the first failure once ended the run with an internal error)."""
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(slow))
    site = tmp_path / "site"
    events = str(RETAIL / "events" / "events.csv")
    args = ["report", str(RETAIL), "-o", str(site), "--timeout", "0.3", "--events", events]
    result = runner.invoke(app, [*args, "--no-cache"])
    assert result.exit_code == 0, result.stderr
    for journey in ("click-and-collect", "loyalty-programme", "online-order"):
        line = f"journeykit: {journey}: no observed flow image: dot did not finish within 0.3 s"
        assert line in result.stderr
        page = (site / f"journey-{journey}.html").read_text("utf-8")
        assert 'id="observed"' in page and "dot did not finish within 0.3 s" in page


def test_an_unsafe_name_writes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that would leave the folder stops the report before any file is written."""
    monkeypatch.setattr(
        "journeykit.report.build.page_file", lambda journey_id: f"../../{journey_id}.html"
    )
    site = tmp_path / "a" / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site)])
    assert result.exit_code == 2
    assert "unsafe output name '../../loyalty.html'" in result.stderr
    assert not list(tmp_path.rglob("*.html")) and not list(tmp_path.rglob("*.svg"))


def test_report_timeout_must_be_positive(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(tmp_path), "--timeout", "0"])
    assert result.exit_code == 2
    assert "--timeout must be a positive number" in result.stderr


# JK305 linear journey (info) at line 9, JK402 opted-out SMS (error) at line 11, JK304 dead
# end (warning) at line 13: in file order the error is not first.
SHOP = """\
version: 1
id: shop
title: Shop
personas: [busy-parent, style-enthusiast]
stages:
  - {id: buy, name: Purchase, intent: Pay quickly,
     kpis: [{id: orders, name: Orders, category: sales, target: 10}]}
touchpoints:
  - {id: ad, name: Ad, stage: buy, channel: social, kind: message, next: [sms], {message}}
  - {id: sms, name: Offer SMS, stage: buy, channel: sms, kind: message, next: [pay],
     {message}}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, {common}}
"""
COMMON = "evidence: {kind: fact, sources: [GA4]}, owner: Web, emotion: {score: 1}"


def test_findings_list_errors_first_with_counts(tmp_path: Path) -> None:
    for name in ("personas.yaml", "channels.yaml"):
        (tmp_path / name).write_text((CATALOG / name).read_text("utf-8"), "utf-8")
    (tmp_path / "journeys").mkdir()
    text = SHOP.replace("{message}", "purpose: marketing, {common}").replace("{common}", COMMON)
    (tmp_path / "journeys" / "shop.journey.yaml").write_text(text, "utf-8")
    html = _report(tmp_path)["journey-shop.html"]
    section = html[html.index('<section id="findings">') :]
    section = section[: section.index("</section>")]
    headings = re.findall(r'<tr class="group"><th[^>]*><span class="badge \w+">([^<]+)<', section)
    assert headings == ["errors (1)", "warnings (1)", "info (1)"]
    codes = re.findall(r"<code>(JK\d+)</code>", section)
    assert codes == ["JK402", "JK304", "JK305"]
    # Each heading opens its own group, before its findings.
    assert section.index("errors (1)") < section.index("JK402") < section.index("warnings (1)")
    assert section.index("warnings (1)") < section.index("JK304") < section.index("info (1)")
