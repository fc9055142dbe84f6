"""Common YAML slips said in plain words, with the fix, as the first finding of the file.

A tab in the indentation, an unquoted `: ` in a text, an emotion written as a word, a
decimal comma and a file saved as UTF-16 or UTF-32. The cases under
tests/cases/loader/invalid/ hold the same slips as workspaces; here the library sees
their variants, and `journeykit validate` prints them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.loader.source import load_bytes
from journeykit.model import FileKind

CASES = Path(__file__).parent / "cases" / "loader"
HEAD = "version: 1\nid: a\ntitle: T\npersonas: [p]\n"
STAGE = "stages:\n  - id: s\n    name: S\n"
TOUCHPOINT = (
    "touchpoints:\n  - id: t\n    name: T\n    stage: s\n    channel: web\n    kind: action\n"
)


def findings(text: str | bytes) -> list[tuple[str, int, int, str, str | None]]:
    data = text.encode() if isinstance(text, str) else text
    source = load_bytes(data, "a.journey.yaml", FileKind.journey)
    return [
        (f.code, f.location.line, f.location.column, f.message, f.hint) for f in source.findings
    ]


TAB = "YAML indents with spaces; line {} has a tab"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (HEAD + "\tstages: []\n", 5, 1),  # a key indented by a tab
        (HEAD + "stages:\n  - id: s\n\tname: S\n", 7, 1),
        (HEAD + "stages:\n  - id: s\n  \tname: S\n", 7, 3),  # spaces, then a tab
        (HEAD + "stages:\n-\tid: s\n", 6, 2),  # a tab after the dash
        (HEAD + "stages:\n\t- id: s\n", 6, 1),
        (HEAD + "notes: |\n  a\n\tb\n" + STAGE, 7, 1),  # in a block scalar's indentation
    ],
)
def test_a_tab_in_the_indentation_is_said_at_the_tab(text: str, line: int, column: int) -> None:
    assert findings(text) == [
        ("JK001", line, column, TAB.format(line), "replace the tab with spaces")
    ]


def test_a_tab_where_yaml_allows_one_is_no_finding() -> None:
    # after a key's colon, and between the items of a flow collection
    text = "version: 1\nid:\ta\ntitle: T\npersonas: [\n\tp]\n" + STAGE + TOUCHPOINT
    assert findings(text) == []


COLON = "the text of {!r} holds a ':' that YAML reads as the start of another key"


@pytest.mark.parametrize(
    ("line_text", "column", "key", "fix"),
    [
        ("    name: Step 2: pay", 17, "name", 'name: "Step 2: pay"'),
        ("    description: Note: call first", 22, "description", 'description: "Note: call first"'),
        ("  - name: Note: call first", 15, "name", 'name: "Note: call first"'),
        ("    name: Step 2:", 17, "name", 'name: "Step 2:"'),
        ("    name: a: b  # a comment", 12, "name", 'name: "a: b"'),
        # double quotes or a backslash in the text: single quotes keep it as written
        ('    name: Say "hi": it\'s ok', 19, "name", "name: 'Say \"hi\": it''s ok'"),
        ("    name: C:\\dir: x", 17, "name", "name: 'C:\\dir: x'"),
    ],
)
def test_an_unquoted_colon_in_a_text_says_to_quote_it(
    line_text: str, column: int, key: str, fix: str
) -> None:
    text = HEAD + "stages:\n  - id: s\n" + line_text + "\n"
    line = 7 if line_text.startswith("    ") else 6
    if line == 6:
        text = HEAD + "stages:\n" + line_text + "\n"
    assert findings(text) == [("JK001", line, column, COLON.format(key), f"quote the text: {fix}")]


def test_a_colon_that_ends_a_key_keeps_yaml_s_words() -> None:
    # A line indented too far: the colon is its key's own, no text to quote.
    text = HEAD + "title: b\n  stage: c\n"
    assert findings(text) == [
        ("JK001", 6, 8, "mapping values are not allowed in this context", None)
    ]


WORD = "emotion: {!r} is a word; emotion is a score from -2 to 2, with the word as its label"
PICK = "pick a score from -2 to 2 (-2 very negative, 0 neutral, 2 very positive) and write "


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("frustrated", WORD.format("frustrated"), "write emotion: {score: -1, label: frustrated}"),
        ("Angry", WORD.format("Angry"), "write emotion: {score: -2, label: Angry}"),
        ("relieved", WORD.format("relieved"), "write emotion: {score: 2, label: relieved}"),
        ("pleased", WORD.format("pleased"), "write emotion: {score: 1, label: pleased}"),
        ("neutral", WORD.format("neutral"), "write emotion: {score: 0, label: neutral}"),
        (
            "a bit lost",
            WORD.format("a bit lost"),
            PICK + "emotion: {score: <score>, label: a bit lost}",
        ),
        # a label that would not read back as that text in { } is quoted
        ("'true'", WORD.format("true"), PICK + 'emotion: {score: <score>, label: "true"}'),
        ("'meh, ok'", WORD.format("meh, ok"), PICK + 'emotion: {score: <score>, label: "meh, ok"}'),
        (
            "-1",
            "emotion: -1 is a bare score; emotion is a mapping with a score",
            "write emotion: {score: -1}",
        ),
    ],
)
def test_an_emotion_given_as_a_word_shows_the_score_and_label_form(
    written: str, message: str, hint: str
) -> None:
    text = HEAD + STAGE + TOUCHPOINT + f"    emotion: {written}\n"
    assert findings(text) == [("JK103", 14, 14, message, hint)]


def test_an_emotion_score_out_of_the_scale_keeps_pydantic_s_words() -> None:
    text = HEAD + STAGE + TOUCHPOINT + "    emotion: 7\n"
    [(code, _, _, message, hint)] = findings(text)
    assert (code, hint) == ("JK103", None)
    assert message.startswith("emotion: input should be a valid dictionary")


KPI = HEAD + "stages:\n  - id: s\n    name: S\n    kpis:\n"


@pytest.mark.parametrize(
    ("kpi", "column", "message", "hint"),
    [
        (
            "      - {id: k, name: K, category: sales, target: 9,5}",
            53,
            "unknown key '5': 9,5 has a decimal comma, and between { } a comma ends the "
            "value, so YAML read target: 9 and a key '5'",
            "use a decimal point: target: 9.5",
        ),
        (
            "      - {id: k, name: K, category: sales, actual: -1,25, unit: '%'}",
            54,
            "unknown key '25': -1,25 has a decimal comma, and between { } a comma ends the "
            "value, so YAML read actual: -1 and a key '25'",
            "use a decimal point: actual: -1.25",
        ),
        (
            "      - {id: k, name: K, category: sales, target: '9,5'}",
            51,
            "target: '9,5' has a decimal comma; YAML numbers use a decimal point",
            "write target: 9.5",
        ),
        (
            "      - {id: k, name: K, category: sales, target: '1,500'}",
            51,
            "target: '1,500' is not a number: YAML numbers have no thousands separator and "
            "use a decimal point",
            "write target: 1500 (or target: 1.500 if the comma is a decimal comma)",
        ),
    ],
)
def test_a_decimal_comma_says_to_use_a_decimal_point(
    kpi: str, column: int, message: str, hint: str
) -> None:
    code = "JK102" if message.startswith("unknown key") else "JK103"
    assert findings(KPI + kpi + "\n") == [(code, 9, column, message, hint)]


def test_a_comma_after_a_text_in_a_flow_mapping_stays_an_unknown_key() -> None:
    text = KPI + "      - {id: k, name: Anna, 34, category: sales}\n"
    [(code, _, column, message, _)] = findings(text)
    assert (code, column, message) == ("JK102", 29, "unknown key '34'")


def test_a_comma_after_a_whole_number_only_is_no_decimal_comma() -> None:
    # an emotion's score is a whole number: -1.5 would be no fix
    text = HEAD + STAGE + TOUCHPOINT + "    emotion: {score: -1,5}\n"
    [(code, _, column, message, hint)] = findings(text)
    assert (code, column, message) == ("JK102", 25, "unknown key '5'")
    assert hint is not None and hint.startswith("allowed keys: score")


SAVE = "save the file as UTF-8"
FILE = STAGE.join([HEAD, TOUCHPOINT])


@pytest.mark.parametrize(
    ("codec", "mark", "name"),
    [
        ("utf-16-le", True, "UTF-16"),
        ("utf-16-be", True, "UTF-16"),
        ("utf-16-le", False, "UTF-16"),
        ("utf-16-be", False, "UTF-16"),
        ("utf-32-le", True, "UTF-32"),
        ("utf-32-be", True, "UTF-32"),
        ("utf-32-le", False, "UTF-32"),
        ("utf-32-be", False, "UTF-32"),
    ],
)
def test_a_utf16_or_utf32_file_is_one_finding_saying_to_save_as_utf8(
    codec: str, mark: bool, name: str
) -> None:
    data = (("\ufeff" if mark else "") + FILE + "# ünïcödé, 😀\n").encode(codec)
    hint = SAVE + (' (Windows tools call UTF-16 "Unicode")' if name == "UTF-16" else "")
    message = f"file is saved as {name}, but journeykit reads UTF-8 only"
    assert findings(data) == [("JK002", 1, 1, message, hint)]


def test_a_big_utf16_file_is_told_by_its_start() -> None:
    # past the bytes sniffed, and with a character of two UTF-16 units cut where they end
    data = (FILE + "# " + "😀" * 40_000 + "\n").encode("utf-16-le")
    assert [f[:4] for f in findings(data)] == [
        ("JK002", 1, 1, "file is saved as UTF-16, but journeykit reads UTF-8 only")
    ]


def test_binary_and_other_encodings_keep_their_findings() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    assert [f[:3] for f in findings(png)] == [("JK003", 3, 1)]
    latin1 = "version: 1\ntitle: Café\n".encode("latin-1")
    assert findings(latin1) == [
        ("JK002", 2, 11, "file is not valid UTF-8: byte 0xe9 cannot be decoded", SAVE)
    ]


def workspace(tmp_path: Path, case: str) -> Path:
    for item in (CASES / "_base").glob("*.*"):
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, tmp_path / item.name)
    shutil.copytree(CASES / "invalid" / case, tmp_path, dirs_exist_ok=True)
    (tmp_path / "expected.yaml").unlink()
    return tmp_path


J = "journeys/a.journey.yaml"


@pytest.mark.parametrize(
    ("case", "lines"),
    [
        (
            "tab-indent",
            [f"{J}:16:3: JK001 [error] {TAB.format(16)} (replace the tab with spaces)"],
        ),
        (
            "colon-in-text",
            [
                f"{J}:14:17: JK001 [error] {COLON.format('name')} "
                '(quote the text: name: "Step 2: pay")'
            ],
        ),
        (
            "emotion-word",
            [
                f"{J}:19:14: JK103 [error] {WORD.format('frustrated')} "
                "(write emotion: {score: -1, label: frustrated})",
                f"{J}:26:14: JK103 [error] {WORD.format('meh')} "
                f"({PICK}emotion: {{score: <score>, label: meh}})",
            ],
        ),
        (
            "decimal-comma",
            [
                f"{J}:9:62: JK102 [error] unknown key '5': 9,5 has a decimal comma, and between "
                "{ } a comma ends the value, so YAML read target: 9 and a key '5' "
                "(use a decimal point: target: 9.5)",
                f"{J}:13:17: JK103 [error] target: '4,2' has a decimal comma; YAML numbers use "
                "a decimal point (write target: 4.2)",
                f"{J}:14:17: JK103 [error] actual: '3,9' has a decimal comma; YAML numbers use "
                "a decimal point (write actual: 3.9)",
            ],
        ),
        (
            "utf-16-le-bom",
            [
                f"{J}:1:1: JK002 [error] file is saved as UTF-16, but journeykit reads UTF-8 "
                f'only ({SAVE} (Windows tools call UTF-16 "Unicode"))'
            ],
        ),
    ],
)
def test_validate_prints_the_slip_and_its_fix(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    lines: list[str],
) -> None:
    monkeypatch.chdir(workspace(tmp_path, case))
    result = runner.invoke(app, ["validate", "--format", "concise"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:-1] == lines


def test_validate_shows_the_fix_under_the_tab(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace(tmp_path, "tab-indent"))
    out = runner.invoke(app, ["validate"], env={"NO_COLOR": "1"}).stdout
    assert f"{J}:16:3: error JK001 (yaml-syntax) {TAB.format(16)}\n" in out
    assert "^ replace the tab with spaces" in out
    assert "Found 1 error in 1 of 3 files." in out
