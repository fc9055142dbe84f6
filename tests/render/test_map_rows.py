"""The map's optional rows: doing, thinking, feeling, quotes, message copy and the
workspace's own lanes, each drawn only when some touchpoint on the map fills it.

Refresh the golden file after an intended change with `pytest --update-golden`.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.render import OutputFormat, View, render
from journeykit.render.map_rows import COPY_PAPER
from journeykit.workspace.project import Project

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"
OPTIONAL = ["DOING", "THINKING", "FEELING", "QUOTES", "MESSAGE COPY"]


@pytest.fixture(scope="module")
def rows(loader: Callable[[Path], Project]) -> Project:
    return loader(HERE / "rows")


def _map(project: Project, journey: str, persona: str | None = None) -> str:
    out = render(project, [project.journeys[journey]], View.map, OutputFormat.dot, persona)
    assert isinstance(out, str)
    return out


def _labels(dot: str) -> list[str]:
    """The row labels of the map, top to bottom (a long one is wrapped: joined again)."""
    found = re.findall(r'ALIGN="RIGHT" VALIGN="TOP" WIDTH="104"><FONT[^>]*><B>(.*?)</B>', dot)
    return [re.sub(r'<BR ALIGN="RIGHT"/>', " ", label).strip() for label in found]


def test_golden(rows: Project, update_golden: bool) -> None:
    out = _map(rows, "rows")
    path = GOLDEN / "rows.map.dot"
    if update_golden:
        path.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == path.read_bytes()


def test_rows_in_order_and_undeclared_or_empty_lanes_left_out(rows: Project) -> None:
    assert _labels(_map(rows, "rows")) == [
        "CUSTOMER INTENT",
        "TOUCHPOINTS",
        "CHANNELS",
        "DOING",
        "THINKING",
        "FEELING",
        "EMOTION",
        "QUOTES",
        "MESSAGE COPY",
        "PAIN POINTS",
        "OPPORTUNITIES",
        "KPIS",
        "OWNERS",
        "SYSTEMS",
        "LEGAL AND COMPLIANCE NOTES",
    ]


def test_a_map_without_them_draws_none_of_the_rows(small: Project) -> None:
    labels = _labels(_map(small, "small"))
    assert len(labels) == 8
    assert not set(OPTIONAL) & set(labels)


def test_rows_count_only_the_personas_touchpoints(rows: Project) -> None:
    """Bob does not get the confirmation SMS: its copy is not on his map."""
    labels = _labels(_map(rows, "rows", "bob"))
    assert "MESSAGE COPY" not in labels
    assert "THINKING" in labels


def test_quotes_are_in_quotation_marks_and_copy_on_a_card(rows: Project) -> None:
    out = _map(rows, "rows")
    assert '<I>“I always check the returns policy<BR ALIGN="LEFT"/>first.”' in out
    assert "“Photos &amp; sizes matter most.”" in out
    assert out.count(COPY_PAPER) == 1
    card = out[out.index(COPY_PAPER) :]
    assert card.index("Thanks Ann! Order 1042") < card.index("</TABLE>")


def test_text_is_escaped_and_each_entry_names_its_touchpoint(rows: Project) -> None:
    out = _map(rows, "rows")
    assert 'Compares two jackets &lt;side by<BR ALIGN="LEFT"/>side&gt;' in out
    assert "<side by side>" not in out
    thinking = out[out.index("<B>THINKING</B>") : out.index("<B>FEELING</B>")]
    assert thinking.count("Browses the shop") == 1 and thinking.count("Checkout") == 1


def test_graphviz_draws_the_rows(rows: Project, dot_command: str) -> None:
    done = subprocess.run(
        [dot_command, "-Tsvg"], input=_map(rows, "rows").encode(), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"LEGAL AND" in done.stdout and b"Payment gateway" in done.stdout
