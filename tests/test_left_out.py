"""A file that cannot be read is named, with its first error, and the exit code is 1.

`render`, `report` and `gaps` still make their output from what loaded (as ruff and dbt
report what they could not parse and go on), but never silently: a broken catalog made
`render` and `report` exit 0 without a word, and `gaps` counted files without naming them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

SMALL = Path(__file__).parent / "render" / "small"
BROKEN_PERSONAS = "version: 1\npersonas: [\n"
PERSONAS_LINE = (
    "ws/personas.yaml:3:1: JK001 yaml-syntax: while parsing a flow node did not find "
    "expected node content (file left out; see `journeykit validate`)"
)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = Path(shutil.copytree(SMALL, tmp_path / "ws"))
    (root / "personas.yaml").write_text(BROKEN_PERSONAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # paths on stderr are shown relative to here
    return root


def left_out_lines(stderr: str) -> list[str]:
    return [line.removeprefix("journeykit: ") for line in stderr.splitlines() if "left out" in line]


def test_render_names_a_broken_catalog_and_exits_1(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", "ws", "-f", "dot", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert left_out_lines(result.stderr) == [PERSONAS_LINE]
    assert sorted(p.name for p in out.iterdir()) == ["loyalty.map.dot", "small.map.dot"]


def test_report_names_a_broken_catalog_and_exits_1(ws: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["report", "ws", "-o", str(site)])
    assert result.exit_code == 1, result.output
    assert left_out_lines(result.stderr) == [PERSONAS_LINE]
    assert (site / "index.html").is_file()


def test_gaps_names_the_files_it_left_out_and_exits_1(ws: Path) -> None:
    """Only the file that did not load: not the journeys whose personas it held."""
    (ws / "journeys" / "broken.journey.yaml").write_text("version: 1\nid: [oops\n")
    result = CliRunner().invoke(app, ["gaps", "ws", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert left_out_lines(result.stderr) == [
        "ws/journeys/broken.journey.yaml:3:1: JK001 yaml-syntax: while parsing a flow "
        "sequence did not find expected ',' or ']' (file left out; see `journeykit validate`)",
        PERSONAS_LINE,
    ]
    assert result.stdout.startswith("{")


def test_a_file_with_several_errors_says_how_many(ws: Path) -> None:
    (ws / "personas.yaml").write_text(
        "version: 1\npersonas:\n  - {id: a, nme: A}\n  - {id: b, nme: B}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["gaps", "ws"])
    assert result.exit_code == 1
    (line,) = left_out_lines(result.stderr)
    assert line.startswith("ws/personas.yaml:3:") and "errors in all" in line


def test_an_unselected_broken_journey_is_not_mentioned(ws: Path, tmp_path: Path) -> None:
    shutil.copy(SMALL / "personas.yaml", ws / "personas.yaml")
    (ws / "journeys" / "broken.journey.yaml").write_text("version: 1\nid: [oops\n")
    chosen = "ws/journeys/small.journey.yaml"
    result = CliRunner().invoke(app, ["render", chosen, "-f", "dot", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert left_out_lines(result.stderr) == []
