"""The observed flow draws outcome ends as the designed flow does: the word, the colour
and the shape of each outcome, with how many instances ended there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

OUTCOMES = Path(__file__).resolve().parent / "outcomes"
EVENTS = """\
customer_id,event,timestamp
c1,signup,2024-05-01T09:00:00Z
c1,paid,2024-05-01T09:05:00Z
c2,signup,2024-05-01T10:00:00Z
c2,welcome-sms,2024-05-01T10:01:00Z
c2,cancels,2024-05-03T10:00:00Z
c3,signup,2024-05-01T11:00:00Z
c3,welcome-sms,2024-05-01T11:01:00Z
c3,renews,2024-05-20T11:00:00Z
c4,signup,2024-05-01T12:00:00Z
c4,gives-up,2024-05-01T12:03:00Z
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(OUTCOMES, tmp_path / "ws")
    (tmp_path / "ws" / "events.csv").write_text(EVENTS, "utf-8")
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def _render(fmt: str) -> str:
    result = CliRunner().invoke(
        app, ["render", ".", "--view", "flow", "--events", "events.csv", "-f", fmt]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _line(out: str, node: str) -> str:
    return next(line for line in out.splitlines() if line.strip().startswith(node))


def test_the_dot_flow_draws_each_outcome(ws: Path) -> None:
    out = _render("dot")
    churned = _line(out, '"cancels"')
    assert "✖ churned · 1 ended here" in churned
    assert 'color="#b42318"' in churned and "peripheries=2" in churned
    assert "✔ converted · 1 ended here" in _line(out, '"paid"')
    assert "✖ abandoned · 1 ended here" in _line(out, '"gives-up"')
    assert "◼ renewed · 1 ended here" in _line(out, '"renews"')
    handed = _line(out, '"to-partner"')
    assert 'shape="cds"' in handed and "➜ handed-off" in handed


def test_the_mermaid_flow_draws_each_outcome(ws: Path) -> None:
    out = _render("mermaid")
    assert "✖ churned 1 ended here" in out
    lines = out.splitlines()
    churned = next(line for line in lines if "Cancels the membership" in line)
    assert "[\\" in churned and churned.rstrip().endswith("/]")
    converted = next(line for line in lines if "Pays the first fee" in line)
    assert "[[" in converted and converted.rstrip().endswith("]]")
    assert "    classDef churned stroke:#b42318,stroke-width:2px" in lines
    assert "    classDef converted stroke:#1a7f37,stroke-width:2px" in lines
