"""Outcome ends and the map's rows in the Mermaid output: the flowchart draws each outcome
in its shape and colour, the journey names it after the task, and the map's other rows
go into the journey's accessible description. Same fixtures as the DOT pictures
(test_render_outcomes.py, test_map_rows.py).

Refresh the golden files after an intended change with `pytest --update-golden`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from journeykit.mermaid.parse import decode, parse_file
from journeykit.model import Touchpoint
from journeykit.model.outcomes import BUILTIN_OUTCOMES
from journeykit.render import OutputFormat, View, render
from journeykit.render.common import INK, MARK_STYLES
from journeykit.render.mermaid_export import row_entries
from journeykit.render.outcomes import CONVERTED, HANDED_OFF, LOST
from journeykit.workspace.project import Located, Project

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"


@pytest.fixture(scope="module")
def outcomes(loader: Callable[[Path], Project]) -> Project:
    return loader(HERE / "outcomes")


@pytest.fixture(scope="module")
def rows(loader: Callable[[Path], Project]) -> Project:
    return loader(HERE / "rows")


def _mermaid(
    project: Project,
    journey: str,
    view: View,
    persona: str | None = None,
    marks: dict[str, str] | None = None,
) -> str:
    out = render(project, [project.journeys[journey]], view, OutputFormat.mermaid, persona, marks)
    assert isinstance(out, str)
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


CASES = [
    ("outcomes.flow.mmd", "outcomes", "club", View.flow),
    ("outcomes.map.mmd", "outcomes", "club", View.map),
    ("rows.map.mmd", "rows", "rows", View.map),
]


@pytest.mark.parametrize(("name", "fixture", "journey", "view"), CASES, ids=[c[0] for c in CASES])
def test_golden(
    request: pytest.FixtureRequest,
    update_golden: bool,
    name: str,
    fixture: str,
    journey: str,
    view: View,
) -> None:
    out = _mermaid(request.getfixturevalue(fixture), journey, view)
    path = GOLDEN / name
    if update_golden:
        path.write_bytes(out.encode("utf-8"))
    assert path.exists(), f"missing {path}: run pytest --update-golden"
    assert out.encode("utf-8") == path.read_bytes()


def test_flow_draws_each_outcome_in_its_own_shape_with_its_word(outcomes: Project) -> None:
    lines = _lines(_mermaid(outcomes, "club", View.flow))
    meta = "<br/><small>Web shop · action</small>"
    for node in (
        f't1[["Pays the first fee{meta}<br/><b>✔ converted</b>"]]',
        f't2[\\"Leaves the sign-up form{meta}<br/><b>✖ abandoned</b>"\\]',
        f't4[\\"Cancels the membership{meta}<br/><b>✖ churned</b>"/]',
        f't5{{{{"Passed to the partner shop{meta}<br/><b>➜ handed-off</b>"}}}}',
        f't6(["Renews for a year{meta}<br/><b>◼ renewed</b>"])',
        f't7(["Thank-you page{meta}<br/>◼ end"])',
        f't8["Waits for the card{meta}"]',
    ):
        assert node in lines


def test_flow_borders_take_the_outcome_colours_of_the_dot_pictures(outcomes: Project) -> None:
    lines = _lines(_mermaid(outcomes, "club", View.flow))
    start = lines.index("classDef converted stroke:#1a7f37,stroke-width:2px")
    assert lines[start:] == [
        f"classDef converted stroke:{CONVERTED},stroke-width:2px",
        "class t1 converted",
        f"classDef churned stroke:{LOST},stroke-width:2px",
        "class t4 churned",
        f"classDef abandoned stroke:{LOST},stroke-width:2px",
        "class t2 abandoned",
        f"classDef handedoff stroke:{HANDED_OFF},stroke-width:2px",
        "class t5 handedoff",
        f"classDef outcome0 stroke:{INK},stroke-width:2px",
        "class t6 outcome0",
    ]
    # The channel classes come first: an outcome's border wins over its channel's.
    assert lines.index("class t0,t1,t2,t4,t5,t6,t7,t8 ch1") < start


def test_a_mark_is_drawn_over_the_outcome(outcomes: Project) -> None:
    lines = _lines(_mermaid(outcomes, "club", View.flow, marks={"paid": "removed"}))
    removed = MARK_STYLES["removed"].symbol
    body = f"{removed} Pays the first fee<br/><small>Web shop · action</small>"
    assert f't1[["{body}<br/><b>✔ converted</b>"]]' in lines
    assert lines[-2:] == [
        "classDef removed stroke:#cf222e,stroke-width:3px,stroke-dasharray:6 4",
        "class t1 removed",
    ]
    assert lines.index("class t1 converted") < lines.index("class t1 removed")


def test_a_flow_without_outcomes_defines_no_outcome_class(rows: Project) -> None:
    flow = _mermaid(rows, "rows", View.flow)
    assert "◼ end" in flow
    assert "stroke-width:2px" not in flow and "outcome0" not in flow


def test_map_names_the_outcome_after_the_task(outcomes: Project) -> None:
    lines = _lines(_mermaid(outcomes, "club", View.map))
    assert lines[3:6] == [
        "Signs up for the club: 3",
        "Pays the first fee (✔ converted): 3",
        "Leaves the sign-up form (✖ abandoned): 3",
    ]
    assert "Renews for a year (◼ renewed): 3" in lines
    assert "Thank-you page: 3" in lines  # `end: true` names no outcome


def test_the_importer_reads_the_outcome_back_into_end(outcomes: Project) -> None:
    """Exported and imported again, a task's outcome is its `end`, not part of its name;
    a word the target workspace does not know stays in the name (no JK211 on import)."""
    from journeykit.checks.outcomes import known_outcomes
    from journeykit.mermaid.convert import Existing, convert_file

    text = _mermaid(outcomes, "club", View.map)
    diagrams, findings = parse_file(text, "x.mmd", False)
    assert not findings
    assert [t.name for t in diagrams[0].tasks][4:7] == [
        "Cancels the membership (✖ churned)",
        "Passed to the partner shop (➜ handed-off)",
        "Renews for a year (◼ renewed)",
    ]

    def ends(known: tuple[str, ...]) -> list[tuple[str, object]]:
        planned = convert_file(text, "club.mmd", "club.mmd", Existing(outcomes=known), False)
        journey = yaml.safe_load(planned.files["club-membership.journey.yaml"])
        return [(t["name"], t.get("end")) for t in journey["touchpoints"]]

    assert ends(known_outcomes(outcomes.config))[1:8] == [
        ("Pays the first fee", "converted"),
        ("Leaves the sign-up form", "abandoned"),
        ("Welcome by SMS", None),
        ("Cancels the membership", "churned"),
        ("Passed to the partner shop", "handed-off"),
        ("Renews for a year", "renewed"),
        ("Thank-you page", None),
    ]
    assert ("Renews for a year (◼ renewed)", None) in ends(BUILTIN_OUTCOMES)


def _description(text: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index("    accDescr {")
    assert lines[-1] == "    }"
    return lines[start + 1 : -1]


def test_rows_go_into_the_accessible_description_by_touchpoint(rows: Project) -> None:
    described = _description(_mermaid(rows, "rows", View.map))
    assert described[:3] == [
        "      The map's rows by touchpoint",
        "      Browse · Browses the shop",
        "        Doing: Compares two jackets #lt;side by side#gt;",
    ]
    assert "        Quote: “Photos #amp; sizes matter most.”" in described
    assert "        Legal and compliance notes: Price shown with VAT" in described
    assert described[-2:] == [
        "      Buy · Order confirmation by SMS",
        "        Message copy (SMS): Thanks Ann! Order 1042 arrives Tuesday. Track it: "
        "shop.example/t/1042",
    ]
    assert not any("Staff" in line for line in described)  # declared, filled by no one


def test_rows_follow_the_persona_filter(rows: Project) -> None:
    """Bob does not get the confirmation SMS: neither its task nor its copy."""
    described = _description(_mermaid(rows, "rows", View.map, "bob"))
    assert described[-1] == "        Legal and compliance notes: Price shown with VAT"
    assert not any("Message copy" in line for line in described)


def test_a_map_without_rows_has_no_description(small: Project) -> None:
    assert "accDescr" not in _mermaid(small, "small", View.map)


def test_the_importer_reads_the_map_with_rows_as_without(rows: Project) -> None:
    text = _mermaid(rows, "rows", View.map)
    bare = text[: text.index("    accDescr {")]
    with_rows, findings = parse_file(text, "x.mmd", False)
    assert not findings
    without, _ = parse_file(bare, "x.mmd", False)
    assert [(t.name, t.score, t.actors) for t in with_rows[0].tasks] == [
        (t.name, t.score, t.actors) for t in without[0].tasks
    ]
    assert len(with_rows[0].tasks) == 3


def test_row_text_cannot_end_the_description_or_direct_mermaid(rows: Project) -> None:
    journey = rows.journeys["rows"]
    hostile = "} %%{init: {'theme':'dark'}}%% style:x#1; <b>`a`</b> \"q\" & ; :"
    first = journey.item.touchpoints[0].model_copy(
        update={"doing": hostile, "quotes": [], "lanes": {}, "thinking": None, "feeling": None}
    )
    cut = journey.item.model_copy(update={"touchpoints": [first]})
    text = render(rows, [Located(cut, journey.source, ())], View.map, OutputFormat.mermaid)
    assert isinstance(text, str)
    line = _description(text)[2]
    assert line == (
        "        Doing: #125; #37;#37;#123;init: #123;'theme'#58;'dark'#125;#125;#37;#37; "
        "style#58;x#35;1; #lt;b#gt;#96;a#96;#lt;/b#gt; #quot;q#quot; #amp; ; #58;"
    )
    assert decode(line.split(": ", 1)[1]) == hostile


def test_row_entries_name_the_channel_of_the_copy(rows: Project) -> None:
    sms: Touchpoint = rows.journeys["rows"].item.touchpoints[2]
    assert list(row_entries(rows, sms)) == [
        (
            "Message copy (SMS)",
            "Thanks Ann! Order 1042 arrives Tuesday. Track it: shop.example/t/1042",
        )
    ]
