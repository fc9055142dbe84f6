"""`journeykit render --size`: exact slides (1920 x 1080 PNG, 20 x 11.25 in SVG and PDF),
a map too large for one cut into slides by stages and rows, and one A4 or A3 PDF page;
drawn by the real Graphviz. A deck of the retail example is kept in tests/artifacts/."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.render.slide_plan import fewest_groups

HERE = Path(__file__).resolve().parent
SMALL = HERE / "small" / "journeys" / "small.journey.yaml"
RETAIL = HERE.parent.parent / "examples" / "retail" / "journeys" / "online-order.journey.yaml"
ARTIFACTS = HERE.parent / "artifacts"
pytestmark = pytest.mark.usefixtures("dot_command")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def pdf_pages(path: Path) -> tuple[int, list[str]]:
    """The page count and every MediaBox of a PDF, read from its bytes."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", data, re.S)]
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+?)\s*\]", data)
    return counts[0], [b.decode() for b in boxes]


def subtitle(svg: str) -> str:
    """The line under a map's title: what part of the map a slide shows."""
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape(texts[1])


def wide_workspace(root: Path, stages: int, touchpoints_in_second: int = 1) -> Path:
    """A workspace with one journey of `stages` stages, one touchpoint in each (the second
    stage with `touchpoints_in_second`)."""
    (root / "journeys").mkdir(parents=True)
    (root / "journeykit.toml").write_text("", "utf-8")
    (root / "personas.yaml").write_text(
        "version: 1\npersonas:\n  - id: ann\n    name: Ann\n    buyer: consumer\n"
        "    market: b2c\n    channels:\n      - channel: web\n        preference: preferred\n",
        "utf-8",
    )
    (root / "channels.yaml").write_text(
        "version: 1\nchannels:\n  - id: web\n    name: Web shop\n    kind: web\n"
        "    presence: online\n    outbound: false\n",
        "utf-8",
    )
    lines = ["version: 1", "id: wide", "title: A wide journey", "personas: [ann]", "stages:"]
    lines += [f"  - id: s{i}\n    name: Stage {i}" for i in range(1, stages + 1)]
    lines.append("touchpoints:")
    for i in range(1, stages + 1):
        for k in range(touchpoints_in_second if i == 2 else 1):
            lines += [
                f"  - id: t{i}-{k}",
                f"    name: Touchpoint {k} of stage {i}, with a name long enough to wrap",
                f"    stage: s{i}",
                "    channel: web",
                "    kind: action",
            ]
    path = root / "journeys" / "wide.journey.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_small_map_is_one_slide_of_exactly_1920_by_1080(tmp_path: Path) -> None:
    code, out, err = invoke(str(SMALL), "--size", "slide", "-o", str(tmp_path / "map.png"))
    assert (code, err) == (0, "")
    assert out == f"wrote {tmp_path / 'map.png'}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]
    assert png_size(tmp_path / "map.png") == (1920, 1080)


def test_a_slide_as_svg_and_pdf_is_20_by_11_25_inches(tmp_path: Path) -> None:
    code, _, _ = invoke(str(SMALL), "--size", "slide", "-o", str(tmp_path / "map.svg"))
    svg = (tmp_path / "map.svg").read_text("utf-8")
    assert code == 0
    assert '<svg width="1440pt" height="810pt"' in svg
    assert subtitle(svg).startswith("current state")  # the whole map: no part named
    code, _, _ = invoke(str(SMALL), "--size", "slide", "-o", str(tmp_path / "map.pdf"))
    assert code == 0
    assert pdf_pages(tmp_path / "map.pdf") == (1, ["0 0 1440 810"])


def test_a_wide_journey_is_cut_into_slides_of_whole_stages(tmp_path: Path) -> None:
    journey = wide_workspace(tmp_path / "ws", 12)
    out_dir = tmp_path / "out"
    code, out, err = invoke(str(journey), "--size", "slide", "-f", "svg", "-o", str(out_dir))
    assert (code, err) == (0, "")
    names = ["wide.map-1.svg", "wide.map-2.svg", "wide.map-3.svg"]
    assert sorted(p.name for p in out_dir.iterdir()) == names
    assert out.splitlines() == [f"wrote {out_dir / n}" for n in names]
    subtitles = [subtitle((out_dir / n).read_text("utf-8")) for n in names]
    assert [s.split(" · ")[0] for s in subtitles] == [
        "stages 1-4 of 12",
        "stages 5-8 of 12",
        "stages 9-12 of 12",
    ]
    code, _, _ = invoke(str(journey), "--size", "slide", "-o", str(tmp_path / "deck.png"))
    assert code == 0
    decks = sorted(p.name for p in tmp_path.glob("deck*"))
    assert decks == ["deck-1.png", "deck-2.png", "deck-3.png"]
    assert {png_size(tmp_path / n) for n in decks} == {(1920, 1080)}


def test_a_tall_map_is_cut_by_rows_too(tmp_path: Path) -> None:
    code, _, err = invoke(str(RETAIL), "--size", "slide", "-f", "svg", "-o", str(tmp_path))
    assert (code, err) == (0, "")
    names = [f"online-order.map-{i}.svg" for i in range(1, 5)]
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    parts = [subtitle((tmp_path / n).read_text("utf-8")).split(" · ")[:2] for n in names]
    assert parts == [
        ["stages 1-5 of 5", "rows 1-3 of 13: Customer intent to Channels"],
        ["stages 1-5 of 5", "rows 4-8 of 13: Doing to Quotes"],
        ["stages 1-5 of 5", "row 9 of 13: Message copy"],
        ["stages 1-5 of 5", "rows 10-13 of 13: Pain points to Owners"],
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    deck = ARTIFACTS / "slides-online-order.png"  # for a look by eye
    code, _, _ = invoke(str(RETAIL), "--size", "slide", "-o", str(deck))
    assert code == 0
    for i in range(1, 5):
        assert png_size(ARTIFACTS / f"slides-online-order-{i}.png") == (1920, 1080)


def test_a_row_too_tall_for_any_slide_is_drawn_smaller_with_a_warning(tmp_path: Path) -> None:
    journey = wide_workspace(tmp_path / "ws", 3, touchpoints_in_second=40)
    target = tmp_path / "tall.png"
    code, out, err = invoke(str(journey), "--size", "slide", "-o", str(target))
    assert code == 0
    assert err.startswith(
        "journeykit: warning: wide: the Touchpoints row of stage 2 (Stage 2) does not fit "
        "a slide with text at 14 px: drawn smaller, its text at "
    )
    assert err.count("\n") == 1
    written = [line.removeprefix("wrote ") for line in out.splitlines()]
    assert [Path(w).name for w in written] == ["tall-1.png", "tall-2.png", "tall-3.png"]
    assert {png_size(Path(w)) for w in written} == {(1920, 1080)}


@pytest.mark.parametrize(
    ("size", "box"), [("a4", "0 0 842 595"), ("a3", "0 0 1191 842")], ids=["a4", "a3"]
)
def test_a_paper_size_is_one_landscape_pdf_page(tmp_path: Path, size: str, box: str) -> None:
    code, out, err = invoke(str(SMALL), "--size", size, "-o", str(tmp_path))
    assert (code, err) == (0, "")
    assert out == f"wrote {tmp_path / 'small.map.pdf'}\n"  # a page is a PDF by default
    assert pdf_pages(tmp_path / "small.map.pdf") == (1, [box])


def test_a_map_taller_than_wide_goes_on_an_upright_page(tmp_path: Path) -> None:
    target = tmp_path / "map.pdf"
    code, _, err = invoke(str(RETAIL), "--size", "a4", "-o", str(target))
    assert code == 0
    assert pdf_pages(target) == (1, ["0 0 595 842"])
    assert err == (
        "journeykit: warning: online-order: the map view prints with its text at 4.2 pt on "
        "A4: try --size a3, or --size slide to cut a map into slides\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "a5"], "unknown size 'a5' (expected one of: slide, a4, a3)"),
        (
            ["--size", "a4", "-f", "png"],
            "--size a4 makes a one-page PDF, not png: use -f pdf or -o FILE.pdf "
            "(for an image of a slide, --size slide)",
        ),
        (["--size", "a3", "-o", "map.svg"], "--size a3 makes a one-page PDF, not svg"),
        (
            ["--size", "slide", "-f", "mermaid"],
            "--size lays out a picture: use -f svg, png or pdf, not mermaid",
        ),
        (["--size", "slide", "-f", "dot"], "--size lays out a picture: use -f svg, png or pdf"),
    ],
)
def test_sizes_that_cannot_be_drawn_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke(str(SMALL), *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"journeykit: {message}")


def test_several_slides_are_not_for_standard_output() -> None:
    code, out, err = invoke(str(RETAIL), "--size", "slide", "-f", "png")
    assert (code, out) == (2, "")
    assert err == (
        "journeykit: online-order.map.png: the picture takes 4 slides, and standard output "
        "holds one: give -o FILE.png (written as FILE-1.png to FILE-4.png) or -o DIR\n"
    )


def test_one_slide_goes_to_standard_output() -> None:
    result = CliRunner().invoke(app, ["render", str(SMALL), "--size", "slide", "-f", "png"])
    assert result.exit_code == 0
    assert struct.unpack(">II", result.stdout_bytes[16:24]) == (1920, 1080)


def test_other_views_are_one_slide_drawn_smaller_when_they_must_be(tmp_path: Path) -> None:
    code, out, err = invoke(str(RETAIL), "--view", "flow", "--size", "slide", "-o", str(tmp_path))
    assert code == 0
    assert out == f"wrote {tmp_path / 'online-order.flow.svg'}\n"
    assert err == (
        "journeykit: warning: online-order: the flow view does not fit a slide with text at "
        "14 px: drawn smaller, its text at 5.0 px\n"
    )


def test_fewest_groups_are_as_few_as_fit_and_even() -> None:
    assert fewest_groups([1.0] * 12, 5.0) == [(0, 4), (4, 8), (8, 12)]
    assert fewest_groups([1.0] * 5, 5.0) == [(0, 5)]
    assert fewest_groups([3.0, 1.0, 1.0, 3.0], 4.0) == [(0, 2), (2, 4)]
    assert fewest_groups([3.0, 2.0, 2.0, 3.0], 4.0) == [(0, 1), (1, 3), (3, 4)]
    assert fewest_groups([2.0, 1.0, 1.0, 1.0, 1.0], 4.0) == [(0, 2), (2, 5)]  # 3 + 3
    assert fewest_groups([1.0, 9.0, 1.0], 4.0) == [(0, 1), (1, 2), (2, 3)]  # 9 on its own
    assert fewest_groups([], 4.0) == []
