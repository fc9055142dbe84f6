"""`journeykit gaps` in the terminal: the matrix laid out by hand equals rich's table, and
user text is never read as rich markup or emoji codes."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.output.gaps_text import matrix_lines, matrix_table

CATALOG = Path(__file__).parent / "cases" / "rules" / "catalog"
WORDS = ["SMS", "E-mail", "Web shop", "Kauppa", "店舗", "WhatsApp Business", "x", "Ääni"]


def rich_lines(header: list[str], rows: list[tuple[str, list[int]]], width: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, force_terminal=False)
    console.print(matrix_table(header, rows))
    return buffer.getvalue()


def cases() -> list[tuple[list[str], list[tuple[str, list[int]]]]]:
    rng = random.Random(6)
    out = []
    for _ in range(60):
        stages = [rng.choice(WORDS) + " " * rng.randint(0, 1) + rng.choice(WORDS)]
        stages += [rng.choice(WORDS) for _ in range(rng.randint(0, 6))]
        rows = [
            (rng.choice(WORDS), [rng.choice([0, 0, 1, 2, 12, 105]) for _ in stages])
            for _ in range(rng.randint(0, 5))
        ]
        out.append((["channel", *stages], rows))
    out.append((["channel"], [("SMS", [])]))  # a journey without stages
    return out


@pytest.mark.parametrize("width", [60, 75, 100, 140])
def test_the_matrix_equals_richs_table_or_is_left_to_it(width: int) -> None:
    laid_out = 0
    for header, rows in cases():
        lines = matrix_lines(header, rows, width)
        expected = rich_lines(header, rows, width)
        if lines is None:  # too wide: rich wraps the headers
            assert max(len(line) for line in expected.splitlines()) <= width
            continue
        laid_out += 1
        assert lines.plain == expected, (header, rows)
    assert laid_out >= 10


def test_a_small_matrix_as_it_shows() -> None:
    """Rich is the yardstick above; this is what both must show: counts to the right, a
    dot for none."""
    rows = [("SMS", [1, 0]), ("E-mail", [0, 12])]
    lines = matrix_lines(["channel", "Awareness", "Purchase"], rows, 60)
    assert lines is not None
    assert lines.plain.splitlines() == [
        "channel ┃ Awareness ┃ Purchase",
        "━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━",
        "SMS     │         1 │        ·",
        "E-mail  │         · │       12",
    ]


def test_the_widest_table_that_fits_is_laid_out_by_hand() -> None:
    header, rows = ["channel", "Awareness", "Purchase"], [("SMS", [1, 0])]
    exact = len("channel ┃ Awareness ┃ Purchase")
    assert matrix_lines(header, rows, exact) is not None
    assert matrix_lines(header, rows, exact - 1) is None


def test_user_text_is_not_markup(tmp_path: Path) -> None:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CATALOG / name, tmp_path / name)
    (tmp_path / "j.journey.yaml").write_text(
        """\
version: 1
id: odd
title: "Launch [bold]now[/bold] :smile:"
personas: [busy-parent]
stages:
  - {id: aware, name: "Awareness [beta]"}
  - {id: buy, name: "[/] Purchase"}
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [pay]}
  - {id: pay, name: Pay, stage: buy, channel: web, kind: action, end: true}
""",
        "utf-8",
    )
    for color in ("NO_COLOR", "FORCE_COLOR"):
        result = CliRunner().invoke(app, ["gaps", str(tmp_path)], env={color: "1"})
        assert result.exit_code == 0, result.output
        assert "Launch [bold]now[/bold] :smile:" in result.stdout
        assert "Awareness [beta]" in result.stdout and "[/] Purchase" in result.stdout
