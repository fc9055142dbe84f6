"""Fuzzing render and report with valid workspaces: extreme numbers and hostile text.

Each example is a workspace that passes `validate`: KPI values anywhere in the range of a
float (the largest, subnormals, -0.0, negative), any direction and emotion score, and
names made of Graphviz escapes, quotes, markup and entities. Every view is drawn to SVG
with the real `dot` and the report is built; each must exit 0 or 1 (never 2 or 3), write
no `nan`, `inf` or `∞`, and the flow's tooltips must show the text as written.
`JOURNEYKIT_FUZZ_EXAMPLES` sets a longer hunt.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from journeykit.cli import app

NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])|∞", re.IGNORECASE)
VIEWS = ["map", "flow", "channels", "coverage"]
FUZZ = settings(
    max_examples=int(os.environ.get("JOURNEYKIT_FUZZ_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# No piece holds an "i" or an "f", and the only "a" follows "&": the text itself can never
# spell nan or inf, so any that shows up came from a number.
PIECES = [
    *(f"\\{c}" for c in "GNLETHlrn"),
    "\\",
    "\\\\",
    '"',
    "'",
    "<b>",
    "</b>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#92;",
    "&lt;",
    "]]>",
    "-->",
    "{x|y}",
    "%",
    "#",
    " ",
    "  ",
    "\t",
    "é",
    "日本",
    "\u202e",
    "Stop",
    "0",
]
text = st.lists(st.sampled_from(PIECES), min_size=0, max_size=10).map("".join)
EXTREMES = [
    1e308,
    -1e308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    5e-324,
    -5e-324,
    1e-320,
    2.2250738585072014e-308,
    0.0,
    -0.0,
    1.0,
    -1.0,
    10**300,
]
number = st.one_of(
    st.none(),
    st.sampled_from(EXTREMES),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**300), max_value=10**300),
)


@st.composite
def workspaces(draw: st.DrawFn) -> dict[str, Any]:
    channels = [
        {"id": f"c{i}", "name": draw(text), "kind": kind, "presence": "online", "outbound": out}
        for i, (kind, out) in enumerate(
            draw(st.lists(st.sampled_from([("web", False), ("messaging", True)]), min_size=1))[:3]
        )
    ]
    personas = [
        {"id": f"p{i}", "name": draw(text), "buyer": "consumer", "market": "b2c"}
        for i in range(draw(st.integers(1, 2)))
    ]
    stages = [
        {"id": f"s{i}", "name": draw(text), "intent": draw(text), "kpis": draw(kpis(f"s{i}"))}
        for i in range(draw(st.integers(1, 3)))
    ]
    count = draw(st.integers(1, 4))
    touchpoints = []
    for i in range(count):
        tp: dict[str, Any] = {
            "id": f"t{i}",
            "name": draw(text),
            "stage": draw(st.sampled_from(stages))["id"],
            "channel": draw(st.sampled_from(channels))["id"],
            "kind": draw(st.sampled_from(["action", "event", "message"])),
            "kpis": draw(kpis(f"t{i}")),
            "pain_points": [{"id": f"pp{i}", "description": draw(text)}],
            "next": [
                {"to": f"t{j}", "label": draw(text), "condition": draw(text)}
                for j in draw(st.lists(st.integers(0, count - 1), max_size=2, unique=True))
            ],
        }
        if draw(st.booleans()):
            tp["description"] = draw(text)
        score = draw(st.one_of(st.none(), st.integers(-2, 2)))
        if score is not None:
            tp["emotion"] = {"score": score, "label": draw(text)}
        touchpoints.append(tp)
    journey = {
        "version": 1,
        "id": "fuzz",
        "title": draw(text),
        "description": draw(text),
        "personas": [p["id"] for p in personas],
        "stages": stages,
        "touchpoints": touchpoints,
    }
    return {
        "channels.yaml": {"version": 1, "channels": channels},
        "personas.yaml": {"version": 1, "personas": personas},
        "journeys/fuzz.journey.yaml": journey,
    }


def kpis(owner: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    kpi = st.fixed_dictionaries(
        {
            "name": text,
            "category": st.just("sales"),
            "unit": text.map(lambda t: t[:40]),
            "target": number,
            "actual": number,
            "direction": st.sampled_from(["higher-is-better", "lower-is-better"]),
        }
    )
    return st.lists(kpi, max_size=3).map(
        lambda found: [
            {"id": f"{owner}-k{i}", **{k: v for k, v in k.items() if v is not None}}
            for i, k in enumerate(found)
        ]
    )


def write(root: Path, files: dict[str, Any]) -> Path:
    for name, document in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON is YAML; ASCII escapes keep every character a YAML reader accepts.
        path.write_text(json.dumps(document), "utf-8")
    return root


def tooltips(svg: str) -> dict[str, str]:
    """Touchpoint id -> its node's tooltip in the flow's SVG."""
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    found = {}
    for group in dom.getElementsByTagName("g"):
        name = group.getAttribute("id")
        if name.startswith("a_tp-"):
            found[name.removeprefix("a_tp-")] = group.firstChild.getAttribute("xlink:title")  # type: ignore[union-attr]
    return found


def check_exit(result: Result, *what: object) -> None:
    """Exit 0 or 1 (CliRunner reports an uncaught exception as exit 1: check it too)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        *what,
        repr(result.exception),
    )
    assert result.exit_code in (0, 1), (*what, result.output)


def check_written(folder: Path) -> list[Path]:
    written = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in written:
        if path.suffix == ".png":  # pixels: the numbers are checked in the SVG
            continue
        shown = html.unescape(path.read_text("utf-8"))
        found = NOT_A_NUMBER.search(shown)
        assert found is None, (path.name, shown[max(0, found.start() - 80) : found.end() + 20])
    return written


@pytest.mark.usefixtures("dot_command")
@FUZZ
@given(files=workspaces())
def test_render_and_report_draw_any_valid_workspace(files: dict[str, Any]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        ws = write(Path(tmp) / "ws", files)
        checked = runner.invoke(app, ["validate", str(ws)])
        assert checked.exit_code == 0, checked.output
        for view in VIEWS:
            out = Path(tmp) / view
            args = ["render", str(ws), "--view", view, "-f", "svg", "-o", str(out)]
            result = runner.invoke(app, args)
            check_exit(result, view)
            (svg,) = check_written(out)
            if view == "flow":
                journey = files["journeys/fuzz.journey.yaml"]
                tips = tooltips(svg.read_text("utf-8"))
                for tp in journey["touchpoints"]:
                    # As written, with each run of spaces and tabs shown as one space.
                    expected = " ".join((tp.get("description") or tp["name"]).split())
                    assert tips.get(tp["id"], "") == expected, tp["id"]
        site = Path(tmp) / "site"
        result = runner.invoke(app, ["report", str(ws), "-o", str(site)])
        check_exit(result, "report")
        assert len(check_written(site)) == 6  # index, the journey page, map and flow SVG, PNG
