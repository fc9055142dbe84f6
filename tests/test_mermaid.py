"""Mermaid journeys: parsing real-world diagrams (cases as data), import, export, round trip."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.mermaid.parse import decode, parse_file
from journeykit.render.mermaid_export import encode, label
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

CASES = Path(__file__).resolve().parent / "cases" / "mermaid"
INPUTS = sorted(p for p in CASES.iterdir() if p.suffix in (".mmd", ".md"))
HOSTILE: dict[str, str] = yaml.safe_load((CASES / "hostile-names.yaml").read_text("utf-8"))


def spaced(text: str) -> str:
    """`text` with its whitespace normalised, as export writes it: every run (a newline
    too) one space, none at the ends."""
    return " ".join(text.split())


def _expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _brief(text: str | None) -> str | None:
    """A name as an expected.yaml spells it: a long one as its start and its length."""
    if text is None or len(text) <= 80:
        return text
    return f"{text[:10]}... ({len(text)} characters)"


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_parse_cases(path: Path) -> None:
    diagrams, findings = parse_file(path.read_text("utf-8"), path.name, path.suffix == ".md")
    expected = _expected(path)
    got = [
        {
            "title": _brief(d.title),
            "line": d.line,
            "sections": [
                {
                    "name": _brief(s.name),
                    "tasks": [
                        [_brief(t.name), t.score, [_brief(a) for a in t.actors]] for t in s.tasks
                    ],
                }
                for s in d.sections
            ],
        }
        for d in diagrams
    ]
    assert got == expected["diagrams"]
    # `[code, line, column]`; the older cases list `[code, line]`.
    assert [
        [f.code, f.location.line, f.location.column][: len(e)]
        for f, e in zip(findings, expected["findings"], strict=False)
    ] == expected["findings"]
    assert len(findings) == len(expected["findings"])
    assert all(f.location.file == path.name for f in findings)
    assert all(len(f.message) < 200 for f in findings)


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
        assert f"{CASES / name}:4:14: warning: score 0 is outside 1-5; imported as 1" in err


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


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_encoded_text_holds_nothing_mermaid_reads(text: str) -> None:
    for encoded in (encode(text), encode(text, comma=True), label(text)):
        bare = re.sub(r"#\w+;", "", encoded.replace("<wbr>", ""))
        assert not any(ch in bare for ch in '%`"<>&#\n\ufb02\xb6'), encoded
    journey = re.sub(r"#\w+;", "", encode(text))
    assert not any(ch in journey for ch in ":;"), journey
    keyword = r"(title|section|journey|accTitle|accDescr)(?![A-Za-z0-9_])"
    assert not re.match(keyword, encode(text), re.IGNORECASE)
    assert decode(encode(text, comma=True)) == spaced(text)


def _hostile_workspace(root: Path) -> Path:
    """One journey: a stage, a touchpoint and a persona named after each hostile name."""
    names = list(HOSTILE.values())
    personas = [
        {"id": f"p{i}", "name": n, "buyer": "consumer", "market": "b2c"}
        for i, n in enumerate(names)
    ]
    touchpoints: list[dict[str, Any]] = [
        {
            "id": f"t{i}",
            "name": n,
            "stage": f"s{i}",
            "channel": "web",
            "kind": "action",
            "personas": [f"p{i}"],
            "emotion": {"score": i % 5 - 2},
        }
        for i, n in enumerate(names)
    ]
    for current, following in itertools.pairwise(touchpoints):
        current["next"] = [following["id"]]
    touchpoints[-1]["end"] = True
    journey = {
        "version": 1, "id": "hostile", "title": names[0], "personas": [p["id"] for p in personas],
        "stages": [{"id": f"s{i}", "name": n} for i, n in enumerate(names)],
        "touchpoints": touchpoints,
    }  # fmt: skip
    channel = {"id": "web", "name": "Web", "kind": "web", "presence": "online", "outbound": False}
    root.mkdir()
    (root / "journeykit.toml").write_text("")
    for name, data in {
        "personas.yaml": {"version": 1, "personas": personas},
        "channels.yaml": {"version": 1, "channels": [channel]},
        "hostile.journey.yaml": journey,
    }.items():
        (root / name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return root / "hostile.journey.yaml"


def test_hostile_names_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    """What export escapes, import reads back as the same text (whitespace normalised)."""
    exported = runner.invoke(
        app, ["render", str(_hostile_workspace(tmp_path / "ws")), "-f", "mermaid"]
    )
    assert exported.exit_code == 0, exported.stderr
    source = tmp_path / "hostile.mmd"
    source.write_text(exported.stdout, "utf-8")
    code, _, err = _import(runner, source, tmp_path / "back")
    assert code == 0, err
    journeys, personas = _load(tmp_path / "back")
    (journey,) = journeys.values()
    names = [spaced(n) for n in HOSTILE.values()]
    assert journey["title"] == names[0]
    assert [s["name"] for s in journey["stages"]] == names
    assert [t["name"] for t in journey["touchpoints"]] == names
    assert [t["emotion"]["score"] for t in journey["touchpoints"]] == [
        i % 5 - 2 for i in range(len(names))
    ]
    assert [personas[t["personas"][0]]["name"] for t in journey["touchpoints"]] == names


def test_import_of_huge_values_is_findings_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    source = CASES / "huge-values.mmd"
    code, _, err = _import(runner, source, tmp_path)
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 7
    assert lines[2] == (
        f"{source}:5:5: warning: the task name is 20,000 characters long; imported cut to the "
        "first 10,000 [MM006 text-too-long] (shorten it in the diagram)"
    )
    assert lines[3] == (
        f"{source}:6:17: warning: score {'9' * 40}… (10,000 digits) is outside 1-5; "
        "imported as 5 [MM002 score-out-of-range]"
    )
    journeys, personas = _load(tmp_path)
    (journey,) = journeys.values()
    assert [len(t["name"]) for t in journey["touchpoints"]][:2] == [10_000, 10]
    assert sorted(len(p["name"]) for p in personas.values()) == [2, 10_000]


def test_many_tasks_with_one_name_get_numbered_ids(runner: CliRunner, tmp_path: Path) -> None:
    """Ids stay what they always were (`same`, `same-2`, ...), skipping ids a name took."""
    count = 5_000
    tasks = ["Same 3", *["Same"] * count, "Same 2"]
    source = tmp_path / "many.mmd"
    source.write_text(
        "journey\n  title Many\n  section S\n" + "".join(f"    {t}: 3: Me\n" for t in tasks)
    )
    code, _, err = _import(runner, source, tmp_path / "out")
    assert code == 0, err
    journeys, _ = _load(tmp_path / "out")
    ids = [t["id"] for t in journeys["many"]["touchpoints"]]
    same = ["same", "same-2", *(f"same-{n}" for n in range(4, count + 2))]
    assert ids == ["same-3", *same, "same-2-2"]
    assert [t["next"][0] for t in journeys["many"]["touchpoints"][:-1]] == ids[1:]


def test_a_fence_line_of_spaces_and_a_backtick_is_read_in_linear_time() -> None:
    """The fence pattern once backtracked quadratically here (minutes for this line)."""
    text = "```mermaid" + " " * 100_000 + "`\njourney\n  A: 3\n```\n"
    diagrams, findings = parse_file(text, "f.md", True)
    assert diagrams == []
    assert [f.code for f in findings] == ["MM004"]


@pytest.mark.parametrize("name", ["1e3", "0o17", "0x1F", ".5", "yes", "19:30", "null", "~"])
def test_names_that_look_like_numbers_are_quoted_so_they_read_back_as_text(name: str) -> None:
    """The writer must quote what YAML 1.2 (journeykit) or 1.1 (other tools) would not
    read as text: an unquoted `1e3` is a number to the one, `yes` a boolean to the other."""
    from journeykit.loader.limits import Limits
    from journeykit.loader.yamlread import parse_text
    from journeykit.mermaid.convert import _dump

    text = _dump("", {"name": name})
    assert parse_text(text, "x.yaml", Limits()).value == {"name": name}
    assert yaml.safe_load(text) == {"name": name}
