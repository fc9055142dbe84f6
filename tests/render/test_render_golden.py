"""Golden files: the DOT and Mermaid source of the small fixture, byte for byte.

Refresh after an intended change with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.render import OutputFormat, View, render
from journeykit.workspace.project import Located, Project

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

MARKS = {
    "buy": "changed",
    "confirm-sms": "added",
    "checkout": "changed",
    "checkout->browse-web": "removed",
    "browse-web->checkout": "added",
}

# (golden file, view, format, persona, marks)
CASES = [
    ("small.map.dot", View.map, OutputFormat.dot, None, None),
    ("small.flow.dot", View.flow, OutputFormat.dot, None, None),
    ("small.channels.dot", View.channels, OutputFormat.dot, None, None),
    ("small.coverage.dot", View.coverage, OutputFormat.dot, None, None),
    ("small.map.mmd", View.map, OutputFormat.mermaid, None, None),
    ("small.flow.mmd", View.flow, OutputFormat.mermaid, None, None),
    ("small.channels.mmd", View.channels, OutputFormat.mermaid, None, None),
    ("small.coverage.mmd", View.coverage, OutputFormat.mermaid, None, None),
    ("small.coverage.bob.mmd", View.coverage, OutputFormat.mermaid, "bob", None),
    ("small.flow.bob.dot", View.flow, OutputFormat.dot, "bob", None),
    ("small.map.marked.dot", View.map, OutputFormat.dot, None, MARKS),
    ("small.flow.marked.dot", View.flow, OutputFormat.dot, None, MARKS),
    ("small.flow.marked.mmd", View.flow, OutputFormat.mermaid, None, MARKS),
]


@pytest.mark.parametrize(
    ("name", "view", "fmt", "persona", "marks"), CASES, ids=[c[0] for c in CASES]
)
def test_golden(
    small: Project,
    update_golden: bool,
    name: str,
    view: View,
    fmt: OutputFormat,
    persona: str | None,
    marks: dict[str, str] | None,
) -> None:
    out = render(small, [small.journeys["small"]], view, fmt, persona, marks)
    assert isinstance(out, str)
    path = GOLDEN / name
    if update_golden:
        path.write_bytes(out.encode("utf-8"))
    assert path.exists(), f"missing {path}: run pytest --update-golden"
    assert out.encode("utf-8") == path.read_bytes()


def test_same_input_same_bytes(small: Project) -> None:
    journeys = [small.journeys["small"]]
    for view in View:
        first = render(small, journeys, view, OutputFormat.dot)
        assert all(render(small, journeys, view, OutputFormat.dot) == first for _ in range(3))


def test_unknown_mark_is_rejected(small: Project) -> None:
    with pytest.raises(ValueError, match="unknown mark 'gone'"):
        render(small, [small.journeys["small"]], View.flow, OutputFormat.dot, None, {"x": "gone"})


def test_coverage_as_mermaid_names_a_gap_in_words(small: Project) -> None:
    """A gap must read without colour: the node says GAP and is drawn dashed."""
    journey = small.journeys["small"]
    browse_only = [t for t in journey.item.touchpoints if t.stage == "browse"]
    cut = Located(journey.item.model_copy(update={"touchpoints": browse_only}), journey.source, ())
    text = render(small, [cut], View.coverage, OutputFormat.mermaid)
    assert isinstance(text, str)
    assert '        p0s1["Buy<br/>GAP: no touchpoint"]' in text.splitlines()
    assert "    class p0s1,p1s1 gap" in text.splitlines()


def test_a_touchpoint_for_some_personas_says_for_whom(small: Project) -> None:
    """The map and the flow name the personas of a touchpoint that is not for everyone
    in the journey, by the first part of the name; one for all of them says nothing."""
    from journeykit.render.common import for_whom

    journey = small.journeys["small"].item
    by_id = {t.id: t for t in journey.touchpoints}
    assert journey.personas == ["ann", "bob"]
    assert for_whom(small, by_id["confirm-sms"], journey.personas) == " · for Ann"
    everyone = by_id["confirm-sms"].model_copy(update={"personas": ["bob", "ann"]})
    assert for_whom(small, everyone, journey.personas) == ""
    assert for_whom(small, journey.touchpoints[0], journey.personas) == ""
