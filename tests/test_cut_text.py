"""JK020: an unquoted ` #` that cut a text short warns, at the `#`; comments do not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit import builtin_checks as bc
from journeykit.cli import app
from journeykit.findings import Severity
from journeykit.loader.cuttext import candidates, cut_texts
from journeykit.loader.limits import Limits
from journeykit.loader.yamlread import parse_text

CASES = Path(__file__).parent / "cases" / "loader"


def at(text: str) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in cut_texts(text, "f.yaml")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("content: Use code #WELCOME\n", [(1, 19)]),
        ("- Use #1 today\n", [(1, 7)]),
        ("score: 1 #1\n", [(1, 10)]),
        ("c: Use code\n  now #WELCOME\n", [(2, 7)]),  # the end of a multi-line value
        ("a: b #c\r\nd: e #f\r\n", [(1, 6), (2, 6)]),
        ("x: Käytä koodia 😀 #TERVE\n", [(1, 19)]),  # columns count characters
        ("{a: b #c\n}\n", [(1, 7)]),  # a flow mapping that still parses
        ("? a #b\n: c\n", [(1, 5)]),
        ("a: !!str b #c\n", [(1, 12)]),
    ],
)
def test_a_plain_value_cut_by_a_comment_warns_at_the_hash(
    text: str, where: list[tuple[int, int]]
) -> None:
    assert at(text) == where


@pytest.mark.parametrize(
    "text",
    [
        "a: b  # two spaces: a comment\n",
        "a: b # a space after the '#': a comment\n",
        "a: b\t#a tab before it\n",
        "a: b  # see #12 inside the comment\n",
        "#top: commented out\na: 1\n",
        "a: 1\n  #indented: commented out\n",
        "a: #TODO, no value\n",
        'a: "quoted #1" #x\n',
        "a: 'quoted #1'\n",
        "a: |\n  block #1\n",
        "a: >\n  folded #1\n",
        'a: "two\n  lines #1"\n',
        "a: b#c\n",
        "a: b #\n",
    ],
)
def test_comments_and_quoted_text_stay_silent(text: str) -> None:
    assert at(text) == []


def test_the_message_says_what_was_kept_and_the_hint_how_to_keep_the_rest() -> None:
    [finding] = cut_texts("content: Use code #WELCOME now  \n", "f.yaml")
    assert finding.code == "JK020" and finding.name == "comment-in-text"
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "the text is cut at this '#': YAML reads '#WELCOME now' as a comment, "
        "so the value is 'Use code'"
    )
    assert finding.hint is not None and "quote the whole value" in finding.hint
    loc = finding.location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 19, 1, 31)
    assert bc.BUILTIN_CHECKS["JK020"] is bc.COMMENT_IN_TEXT


def test_long_values_and_comments_are_shortened_in_the_message() -> None:
    [finding] = cut_texts(f"a: {'x' * 100} #{'y' * 100}\n", "f.yaml")
    assert f"'...{'x' * 40}'" in finding.message
    assert f"'#{'y' * 39}...'" in finding.message


def test_only_spaces_after_a_value_are_candidates() -> None:
    text = "a: b #c\n  #d\n#e\nf:  #g\nh: i # j\n"
    assert candidates(text) == {text.index(" #c")}


@pytest.mark.parametrize("tail", ["", "x: &a 1\ny: *a\n"], ids=["fast-path", "composed-and-walked"])
def test_both_loading_paths_warn(tail: str) -> None:
    parsed = parse_text(f"content: Use code #WELCOME\n{tail}", "f.yaml", Limits())
    assert parsed.value is not None and parsed.value["content"] == "Use code"
    assert [(f.code, f.location.line, f.location.column) for f in parsed.findings] == [
        ("JK020", 1, 19)
    ]


def test_a_file_that_does_not_parse_gets_its_syntax_error_only() -> None:
    parsed = parse_text("a: b #c\nd: [e\n", "f.yaml", Limits())
    assert [f.code for f in parsed.findings] == ["JK001"]


def test_validate_shows_the_warning_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for item in (CASES / "_base").glob("*.*"):
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, tmp_path / item.name)
    shutil.copytree(
        CASES / "valid" / "comment-in-text",
        tmp_path,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("expected.yaml"),  # the case's answer, no input
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", ".", "--format", "concise"])
    assert result.exit_code == 0, result.output
    assert result.output.count("JK020") == 3
    warned = CliRunner().invoke(app, ["validate", ".", "--fail-level", "warning"])
    assert warned.exit_code == 1
