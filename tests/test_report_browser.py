"""The HTML report in a real headless browser: Debian's Chromium driven by Playwright.

Never downloads a browser: it launches /usr/bin/chromium, which the tests need (they fail,
never skip, without it). A screenshot is kept in tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright
from typer.testing import CliRunner

from journeykit.cli import app

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
RETAIL = HERE.parent / "examples" / "retail"
HOSTILE = HERE / "render" / "hostile"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(chromium_command: str) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_command, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["report", str(RETAIL), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


class Page:
    """A page with every console message, page error and request recorded."""

    def __init__(self, browser: Any, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dismiss)
        self.page.goto(url)

    def _dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible(self, selector: str) -> int:
        return int(
            self.page.eval_on_selector_all(
                selector, "els => els.filter(e => e.offsetParent !== null).length"
            )
        )


def test_index_loads_offline_without_errors(browser: Any, site: Path) -> None:
    page = Page(browser, (site / "index.html").as_uri())
    assert page.console == []
    assert all(url.startswith("file://") for url in page.requests), page.requests
    titles = page.page.locator(".journey-card h3").all_inner_texts()
    assert sorted(titles) == [
        "Click & collect and store visit",
        "Lumo Club, from first offer to VIP",
        "Online order with abandoned-cart recovery",
    ]
    assert page.visible(".persona-card") == 3
    page.page.click('[data-filter-persona="style-enthusiast"]')
    # Aleksi is not a persona of the click-and-collect journey.
    assert page.visible(".journey-card") == 2
    assert page.visible(".persona-card") == 1
    page.page.click('[data-filter-persona=""]')
    assert page.visible(".journey-card") == 3


def test_journey_page_and_persona_filter(browser: Any, site: Path) -> None:
    page = Page(browser, (site / "journey-online-order.html").as_uri())
    assert page.console == []
    assert all(url.startswith("file://") for url in page.requests), page.requests
    assert page.page.locator("h1").inner_text() == "Online order with abandoned-cart recovery"
    assert page.page.locator("#flow svg .node").count() > 20
    everyone = page.visible(".tp")
    assert everyone == 26
    page.page.click('[data-filter-persona="home-maker"]')
    tiina = page.visible(".tp")
    assert 0 < tiina < everyone
    assert page.page.locator("#filter-status").inner_text().startswith(f"Showing {tiina} ")
    dimmed = page.page.locator("#flow svg .node.is-dimmed").count()
    assert dimmed == everyone - tiina
    assert page.page.locator('polyline[data-curve="home-maker"]').is_visible()
    assert not page.page.locator('polyline[data-curve="*"]').is_visible()
    assert page.visible("#coverage [data-personas]") == 1 + page.visible("#coverage li")
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "report-online-order.png"), full_page=True)
    assert "#persona=home-maker" in page.page.url


def test_filter_is_restored_from_the_url(browser: Any, site: Path) -> None:
    url = (site / "journey-online-order.html").as_uri() + "#persona=style-enthusiast"
    page = Page(browser, url)
    pressed = page.page.locator('[data-filter-persona][aria-pressed="true"]').get_attribute(
        "data-filter-persona"
    )
    assert pressed == "style-enthusiast"
    assert page.console == []


def test_hostile_names_render_as_text(browser: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(HOSTILE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    page = Page(browser, (tmp_path / "journey-hostile.html").as_uri())
    assert page.dialogs == [], "a script from the data ran"
    assert page.page.locator("h1").inner_text() == "<script>alert(1)</script>"
    assert page.page.locator("img").count() == 0
    assert [m for m in page.console if "Content Security Policy" in m] == []
    index = Page(browser, (tmp_path / "index.html").as_uri())
    assert index.dialogs == []
    assert "<img src=x onerror=alert(1)>" in index.page.locator(".persona-card h3").inner_text()


def test_print_layout_hides_the_filter(browser: Any, site: Path) -> None:
    page = Page(browser, (site / "journey-online-order.html").as_uri())
    page.page.emulate_media(media="print")
    assert page.visible(".filter") == 0
    assert page.visible(".crumbs") == 0 and page.visible(".no-print") == 0
    assert page.visible(".map-table") == 0 and page.visible(".map-picture svg") == 1
    pdf = page.page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF-")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-online-order.pdf").write_bytes(pdf)


@pytest.fixture(scope="module")
def observed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("observed")
    events = str(RETAIL / "events" / "events.csv")
    args = ["report", str(RETAIL), "-o", str(out), "--events", events, "--outcome", "purchase"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return out


# The screenshot's pixels counted by the browser itself (a canvas), not by an image library.
_COLORS = """async (data) => {
  const img = new Image();
  img.src = "data:image/png;base64," + data;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.width; canvas.height = img.height;
  const g = canvas.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, img.width, img.height).data;
  const seen = new Set();
  for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
  return Array.from(seen);
}"""
MODEL_RGB = {0x1F77B4, 0xD62728, 0x7F7F7F, 0xFF7F0E, 0x9467BD, 0x2CA02C}


def test_observed_section_with_attribution_chart(browser: Any, observed_site: Path) -> None:
    import base64

    page = Page(browser, (observed_site / "journey-online-order.html").as_uri())
    assert page.console == []
    assert all(url.startswith("file://") for url in page.requests), page.requests
    observed = page.page.locator("#observed")
    assert observed.locator("h2").inner_text() == "Observed: what customers did"
    assert observed.locator(".observed-flow svg .node").count() > 20
    assert observed.locator("#observed-funnel tbody tr").count() == 5
    assert observed.locator("#observed-variants tbody tr").count() == 10
    credit = observed.locator("#observed-credit tbody tr")
    assert credit.first.locator("td").first.inner_text() == "add-to-cart"
    assert observed.locator(".credit-chart rect.credit").count() == 10 * 6
    chart = observed.locator(".credit-chart")
    width = chart.evaluate("e => e.getBoundingClientRect().width")
    assert width > 400
    shot = base64.b64encode(chart.screenshot()).decode()
    colors = set(page.page.evaluate(_COLORS, shot))
    assert colors >= MODEL_RGB, sorted(MODEL_RGB - colors)
    kpis = page.page.locator("#kpis tbody tr", has_text="(measured)")
    assert kpis.count() == 2
    assert "measured from" in kpis.first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    observed.screenshot(path=str(ARTIFACTS / "report-online-order-observed.png"))


def test_without_events_there_is_no_observed_section(browser: Any, site: Path) -> None:
    page = Page(browser, (site / "journey-online-order.html").as_uri())
    assert page.page.locator("#observed").count() == 0
    assert page.page.locator("#kpis tbody tr", has_text="(measured)").count() == 0


def print_to_pdf(chromium: str, html: Path, pdf: Path) -> bytes:
    """`html` printed by Chromium's own `--print-to-pdf` (the page's @page sizes hold)."""
    profile = pdf.with_suffix(".profile")
    args = [chromium, *ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer"]
    done = subprocess.run(
        [*args, f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode()[-2000:]
    return pdf.read_bytes()


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points, in the order the PDF lists them."""
    boxes = re.findall(rb"/Type\s*/Page(?!s)\b.*?/MediaBox\s*\[([^\]]*)\]", pdf, re.DOTALL)
    count = len(re.findall(rb"/Type\s*/Page(?!s)\b", pdf))
    assert len(boxes) == count, (len(boxes), count)
    return [(float(b.split()[2]), float(b.split()[3])) for b in boxes]


def test_printing_puts_the_map_on_one_page(
    chromium_command: str, site: Path, tmp_path: Path
) -> None:
    """The map picture gets a page of its own, the one page it takes (the table it replaces
    in print went on for three); the page for a map taller than wide is portrait."""
    from journeykit.report import portrait

    html = site / "journey-online-order.html"
    printed = pages(print_to_pdf(chromium_command, html, tmp_path / "page.pdf"))
    # The same page with an empty map: every other section where it was.
    text = html.read_text("utf-8")
    start = text.index('<div class="map-picture print-only">')
    end = text.index('<div class="scroll map-table">')
    empty = tmp_path / "empty-map.html"
    empty.write_text(text[:start] + '<div class="map-picture print-only"></div>' + text[end:])
    without = pages(print_to_pdf(chromium_command, empty, tmp_path / "empty.pdf"))
    assert len(printed) == len(without), (len(printed), len(without))
    landscape = (841.92, 594.96)
    tall = portrait((site / "online-order.map.svg").read_text("utf-8"))
    map_page = (landscape[1], landscape[0]) if tall else landscape
    assert [pytest.approx(p, abs=1) for p in printed[:3]] == [landscape, map_page, landscape]
    assert all(p == pytest.approx(landscape, abs=1) for p in printed[3:])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-online-order-print.pdf").write_bytes((tmp_path / "page.pdf").read_bytes())
