"""Mermaid journeys: parsing real-world diagrams (cases as data), import, export, round trip."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.mermaid.export import encode
from journeykit.mermaid.parse import decode, parse_file
from journeykit.validate import load_workspace, resolve_targets

CASES = Path(__file__).resolve().parent / "cases" / "mermaid"
INPUTS = sorted(p for p in CASES.iterdir() if p.suffix in (".mmd", ".md"))


def _expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_parse_cases(path: Path) -> None:
    diagrams, findings = parse_file(path.read_text("utf-8"), path.name, path.suffix == ".md")
    expected = _expected(path)
    got = [
        {
            "title": d.title,
            "line": d.line,
            "sections": [
                {"name": s.name, "tasks": [[t.name, t.score, t.actors] for t in s.tasks]}
                for s in d.sections
            ],
        }
        for d in diagrams
    ]
    assert got == expected["diagrams"]
    assert [[f.code, f.location.line] for f in findings] == expected["findings"]
    assert all(f.location.file == path.name for f in findings)


def _import(runner: CliRunner, source: Path, out: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "mermaid", str(source), "-o", str(out)])
    return result.exit_code, result.stdout, result.stderr


def _load(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    project, findings = load_workspace(resolve_targets([folder])[0])
    assert not [f for f in findings if f.severity.label == "error"], findings
    journeys = {
        jid: j.item.model_dump(exclude={"description"}) for jid, j in project.journeys.items()
    }
    personas = {
        pid: p.item.model_dump(exclude={"description"}) for pid, p in project.personas.items()
    }
    return journeys, personas


@pytest.mark.parametrize("name", ["basic.mmd", "real-world.md", "bad-scores.mmd"])
def test_import_writes_valid_files(runner: CliRunner, tmp_path: Path, name: str) -> None:
    code, out, err = _import(runner, CASES / name, tmp_path)
    assert code == (1 if name == "bad-scores.mmd" else 0), err
    assert "wrote" in out
    journeys, _ = _load(tmp_path)
    assert len(journeys) == 1
    if name == "bad-scores.mmd":
        assert f"{CASES / name}:4:1: warning: score 0 is outside 1-5; imported as 1" in err


def test_import_maps_scores_actors_and_stages(runner: CliRunner, tmp_path: Path) -> None:
    _import(runner, CASES / "basic.mmd", tmp_path)
    journeys, personas = _load(tmp_path)
    journey = journeys["my-working-day"]
    assert [s["name"] for s in journey["stages"]] == ["Go to work", "Go home"]
    scores = [t["emotion"]["score"] for t in journey["touchpoints"]]
    assert scores == [2, 0, -2, 2, 2]
    assert journey["touchpoints"][2]["personas"] == ["me", "cat"]
    assert journey["touchpoints"][0]["next"] == ["go-upstairs"]
    assert journey["touchpoints"][-1]["end"] is True
    assert {p: v["name"] for p, v in personas.items()} == {"me": "Me", "cat": "Cat"}
    assert (tmp_path / "imported.channels.yaml").is_file()


def test_import_reuses_personas_of_the_workspace(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "journeykit.toml").write_text("")
    (tmp_path / "personas.yaml").write_text(
        "version: 1\npersonas:\n  - id: shopper\n    name: Me\n    buyer: consumer\n"
        "    market: b2c\n"
    )
    code, _, err = _import(runner, CASES / "basic.mmd", tmp_path / "journeys")
    assert code == 0, err
    _, personas = _load(tmp_path)
    assert set(personas) == {"shopper", "cat"}
    code, _, err = _import(runner, CASES / "basic.mmd", tmp_path / "journeys")
    assert code == 2 and "already exists" in err


def test_no_journey_is_exit_1_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _import(runner, CASES / "no-journey.md", tmp_path / "out")
    assert code == 1
    assert "MM004" in err and "no Mermaid journey ```mermaid block found" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["basic.mmd", "real-world.md", "bad-scores.mmd"])
def test_round_trip(runner: CliRunner, tmp_path: Path, name: str) -> None:
    """import -> export -> import gives the same journey and personas."""
    first = tmp_path / "first"
    _import(runner, CASES / name, first)
    journey_file = next(first.glob("*.journey.yaml"))
    exported = runner.invoke(app, ["render", str(journey_file), "-f", "mermaid"])
    assert exported.exit_code == 0, exported.stderr
    again = tmp_path / "again.mmd"
    again.write_text(exported.stdout, "utf-8")
    second = tmp_path / "second"
    _import(runner, again, second)
    first_journeys, first_personas = _load(first)
    second_journeys, second_personas = _load(second)
    if name == "bad-scores.mmd":
        # "Not a number" had no emotion; Mermaid needs a score, so it comes back neutral.
        touchpoint = first_journeys["scores-out-of-range"]["touchpoints"][2]
        assert touchpoint["emotion"] is None
        touchpoint["emotion"] = {"score": 0, "label": None}
    assert second_journeys == first_journeys
    assert second_personas == first_personas


@pytest.mark.parametrize(
    "text",
    [
        "Stage: one; two #3",
        "title of the thing",
        "section two",
        "<script>alert(1)</script> & co",
        "Åsa, 日本語, ∑",
        "already #58; encoded",
    ],
)
def test_encode_decode(text: str) -> None:
    encoded = encode(text, comma=True)
    bare = re.sub(r"#\w+;", "", encoded)
    assert not any(ch in bare for ch in ":;#<>,&")
    assert not encoded.lower().startswith(("title", "section"))
    assert decode(encoded) == text
