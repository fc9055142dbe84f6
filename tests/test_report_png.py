"""The report's PNG pictures (for slide tools that cannot import SVG) and its print picture.

Each journey's map and flow are PNG files beside their SVG files, the very bytes
`journeykit render -f png` writes (Graphviz's `dot -Tpng` at 144 dpi, lowered for a
picture cairo would otherwise shrink); the page links both. The map's SVG is inline too,
shown in print only, on a page whose orientation suits it (`report.portrait`).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.render.engine import MAX_PNG_SIDE, RenderError
from journeykit.report import portrait

HERE = Path(__file__).resolve().parent
SMALL = HERE / "render" / "small"
RETAIL = HERE.parent / "examples" / "retail"
needs_dot = pytest.mark.usefixtures("dot_command")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


@needs_dot
def test_each_picture_is_a_png_too_as_render_draws_it(runner: CliRunner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "2 journey pages and 4 SVG images, 4 PNG images" in result.stdout
    pngs = sorted(p.name for p in site.glob("*.png"))
    assert pngs == ["loyalty.flow.png", "loyalty.map.png", "small.flow.png", "small.map.png"]
    for view in ("map", "flow"):
        out = tmp_path / view
        args = ["render", str(SMALL), "--view", view, "-f", "png", "-o", str(out), "--no-cache"]
        done = runner.invoke(app, args)
        assert done.exit_code == 0, done.stderr
        for picture in sorted(out.iterdir()):
            data = (site / picture.name).read_bytes()
            assert data == picture.read_bytes(), picture.name
            assert max(png_size(data)) < MAX_PNG_SIDE
    page = (site / "journey-small.html").read_text("utf-8")
    assert (
        '<a href="small.map.svg" download>SVG</a> · <a href="small.map.png" download>PNG</a>'
        in page
    )
    assert (
        '<a href="small.flow.svg" download>SVG</a> · <a href="small.flow.png" download>PNG</a>'
        in page
    )


@needs_dot
def test_a_warm_report_takes_its_pngs_from_the_picture_cache(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(tmp_path / "cache"))
    cold = tmp_path / "cold"
    assert runner.invoke(app, ["report", str(SMALL), "-o", str(cold)]).exit_code == 0

    def no_run(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a PNG was drawn again")

    monkeypatch.setattr("journeykit.report.pngs.Run", no_run)
    warm = tmp_path / "warm"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(warm)])
    assert result.exit_code == 0, result.stderr
    for picture in cold.glob("*.png"):
        assert (warm / picture.name).read_bytes() == picture.read_bytes()


@needs_dot
def test_a_png_too_large_for_cairo_is_drawn_again_to_fit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.render.engine import render_dot

    again: list[str] = []

    def fitted(source: str, fmt: str, timeout: float) -> bytes:
        again.append(fmt)
        return render_dot(source, fmt, timeout)

    # Every picture "comes out too large" at 144 dpi: render_dot draws each to fit.
    monkeypatch.setattr("journeykit.report.pngs.MAX_PNG_SIDE", 10)
    monkeypatch.setattr("journeykit.report.pngs.render_dot", fitted)
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert again == ["png"] * 4
    assert len(list(site.glob("*.png"))) == 4


@needs_dot
def test_a_picture_too_large_for_a_png_keeps_its_svg_and_says_why(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_large(source: str, fmt: str, timeout: float) -> bytes:
        raise RenderError("the picture is too large for a PNG (over 32,767 pixels)")

    monkeypatch.setattr("journeykit.report.pngs.MAX_PNG_SIDE", 10)
    monkeypatch.setattr("journeykit.report.pngs.render_dot", too_large)
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "journeykit: small: no map PNG: the picture is too large for a PNG" in result.stderr
    assert "journeykit: small: no flow PNG: the picture is too large" in result.stderr
    assert "2 journey pages and 4 SVG images, 0 PNG images" in result.stdout
    assert not list(site.glob("*.png")) and len(list(site.glob("*.svg"))) == 4
    page = (site / "journey-small.html").read_text("utf-8")
    assert '<a href="small.map.svg" download>SVG</a> · <span class="muted" title=' in page
    assert "no PNG</span>" in page and 'href="small.map.png"' not in page


@needs_dot
def test_the_map_picture_is_inline_for_print_only(runner: CliRunner, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = runner.invoke(app, ["report", str(SMALL), "-o", str(site), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    page = (site / "journey-small.html").read_text("utf-8")
    svg = (site / "small.map.svg").read_text("utf-8")
    assert page.count('<div class="map-picture print-only"><svg') == 1
    assert '<div class="scroll map-table">' in page
    # Graphviz's group ids are the flow's too: the print copy has none.
    assert 'id="graph0"' in svg and page.count('id="graph0"') == 1
    css = page[page.index("<style>") : page.index("</style>")]
    assert ".print-only { display: none; }" in css
    assert "@page map { size: A4 landscape" in css and "@page map-portrait" in css


@pytest.mark.parametrize(
    ("width", "height", "tall"),
    [(1323, 1729, True), (1323, 989, False), (3587, 663, False), (400, 900, True)],
)
def test_a_map_taller_than_wide_prints_on_a_portrait_page(
    width: int, height: int, tall: bool
) -> None:
    svg = f'<?xml version="1.0"?>\n<svg width="{width}pt" height="{height}pt" viewBox="0 0 1 1">'
    assert portrait(svg) is tall
    assert portrait("<svg>") is False
