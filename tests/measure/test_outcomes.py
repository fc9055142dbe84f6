"""Outcome ends as natural outcomes: `--outcome converted` attributes the ends marked
`end: converted`, `--attribution` alone does so by default, and the exits and the times
to each end name their outcome."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from measure.clirun import CASE, jk


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """The shop case with the delivery marked `end: converted` and the review
    `end: handed-off`."""
    shutil.copytree(CASE, tmp_path / "ws")
    journey = tmp_path / "ws" / "journeys" / "shop.journey.yaml"
    text = journey.read_text("utf-8")
    delivery = "    kind: message\n    end: true\n  - id: review"
    assert text.count(delivery) == 1
    text = text.replace(delivery, "    kind: message\n    end: converted\n  - id: review")
    assert text.endswith("    end: true\n")
    journey.write_text(text[: -len("true\n")] + "handed-off\n", "utf-8")
    return tmp_path / "ws"


def _measured(ws: Path, *args: str) -> dict[str, object]:
    done = jk("measure", ".", "--events", "events.csv", "-f", "json", *args, cwd=ws)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["journeys"][0]["all"]
    assert isinstance(found, dict)
    return found


def test_the_converted_ends_are_an_outcome_to_attribute(ws: Path) -> None:
    by_word = _measured(ws, "--outcome", "converted")["attribution"]
    by_id = _measured(ws, "--outcome", "delivery")["attribution"]
    assert isinstance(by_word, dict) and isinstance(by_id, dict)
    assert (by_word["outcome"], by_word["outcome_kind"]) == ("converted", "outcome")
    assert by_word["conversions"] == by_id["conversions"] == 2
    assert by_word["models"] == by_id["models"]


def test_attribution_alone_attributes_the_converted_ends(ws: Path) -> None:
    found = _measured(ws, "--attribution", "first,last")["attribution"]
    assert isinstance(found, dict)
    assert (found["outcome"], found["outcome_kind"]) == ("converted", "outcome")
    assert sorted(found["models"]) == ["first", "last"]


def test_the_ends_name_their_outcome(ws: Path) -> None:
    found = _measured(ws)
    ends = found["time_to_end"]
    assert isinstance(ends, list)
    assert [(e["touchpoint"], e["outcome"]) for e in ends] == [
        ("delivery", "converted"),
        ("review", "handed-off"),
    ]
    exits = found["exits"]
    assert isinstance(exits, list)
    named = {e["touchpoint"]: e["outcome"] for e in exits}
    assert named.get("delivery") == "converted"
    assert all(named[tp] is None for tp in named if tp not in ("delivery", "review"))
    human = jk("measure", ".", "--events", "events.csv", cwd=ws)
    assert human.returncode == 0, human.stderr
    assert "delivery (converted)" in human.stdout
    assert "review (handed-off)" in human.stdout


def test_attribution_alone_without_converted_ends_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(CASE, tmp_path / "ws")
    done = jk(
        "measure", ".", "--events", "events.csv", "--attribution", "first", cwd=tmp_path / "ws"
    )
    assert done.returncode == 2
    assert "--attribution without --outcome attributes the ends marked `end: converted`" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
