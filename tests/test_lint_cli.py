"""`journeykit lint` through the CLI: exit codes, selection, configuration, suppression
comments, per-file ignores, formats (SARIF checked against the 2.1.0 schema)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from journeykit.cli import app

CATALOG = Path(__file__).parent / "cases" / "rules" / "catalog"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"

# One of each severity: JK304 dead end (warning) at line 13, JK402 SMS to a persona who
# opted out (error) at line 11, JK305 linear journey (info) at line 9; nothing else.
SHOP = """\
version: 1
id: shop
title: Shop
personas: [busy-parent, style-enthusiast]
stages:
  - {id: buy, name: Purchase, intent: Pay quickly,
     kpis: [{id: orders, name: Orders, category: sales,
             target: 10}]}
touchpoints:
  - {id: ad, name: Ad, stage: buy, channel: social, kind: message, next: [sms], {message}}
  - {id: sms, name: Offer SMS, stage: buy, channel: sms, kind: message, next: [pay],
     {message}}
  - id: pay
    name: Checkout
    stage: buy
    channel: web
    kind: action
    evidence: {kind: fact, sources: [GA4]}
    owner: Web
    emotion: {score: 1}
"""
COMMON = "evidence: {kind: fact, sources: [GA4]}, owner: Web, emotion: {score: 1}"
CLEAN = """\
version: 1
id: clean
title: Clean
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, intent: Pay quickly,
     kpis: [{id: orders, name: Orders, category: sales,
             target: 10}]}
touchpoints:
  - {id: pay, name: Pay, stage: buy, channel: web, kind: action, entry: true, end: true,
     {common}}
  - {id: store, name: Store, stage: buy, channel: store, kind: action, entry: true,
     end: true, {common}}
"""


def _journey(template: str) -> str:
    return template.replace("{message}", "purpose: marketing, {common}").replace("{common}", COMMON)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CATALOG / name, tmp_path / name)
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "shop.journey.yaml").write_text(_journey(SHOP), "utf-8")
    # Catalog hygiene is not what these tests are about.
    (tmp_path / "journeykit.toml").write_text('[lint]\nignore = ["JK8"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(runner: CliRunner, *args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["lint", "-f", "json", *args])
    data = json.loads(result.stdout)
    return result.exit_code, [f"{f['code']}:{f['location']['line']}" for f in data["findings"]]


def _config(ws: Path, text: str) -> None:
    (ws / "journeykit.toml").write_text(text, "utf-8")


def test_findings_of_each_severity_and_exit_1_on_error(runner: CliRunner, ws: Path) -> None:
    code, found = _codes(runner)
    assert code == 1
    assert found == ["JK305:9", "JK402:11", "JK304:13"]


def test_clean_workspace_exits_0(runner: CliRunner, ws: Path) -> None:
    (ws / "journeys" / "shop.journey.yaml").unlink()
    (ws / "journeys" / "clean.journey.yaml").write_text(_journey(CLEAN), "utf-8")
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 0, result.stdout
    assert "All checks passed (3 files checked)." in result.stdout


@pytest.mark.parametrize(
    ("args", "config", "exit_code"),
    [
        (["--ignore", "JK402"], "", 0),
        (["--ignore", "JK402", "--fail-level", "warning"], "", 1),
        (["--ignore", "JK402,JK304", "--fail-level", "warning"], "", 0),
        (["--ignore", "JK402,JK304", "--fail-level", "info"], "", 1),
        (["--exit-zero"], "", 0),
        (["--ignore", "JK402"], '[lint]\nfail-level = "warning"\n', 1),
        (["--ignore", "JK402", "--fail-level", "error"], '[lint]\nfail-level = "warning"\n', 0),
        ([], '[lint.rules.JK402]\nseverity = "warning"\n', 0),
        (["--ignore", "JK402"], '[lint.rules.JK305]\nseverity = "error"\n', 1),
    ],
)
def test_fail_levels(
    runner: CliRunner, ws: Path, args: list[str], config: str, exit_code: int
) -> None:
    _config(ws, config)
    assert _codes(runner, *args)[0] == exit_code


@pytest.mark.parametrize(
    ("args", "config", "expected"),
    [
        (["--select", "JK3"], "", ["JK305:9", "JK304:13"]),
        (["--select", "JK304", "--select", "JK402"], "", ["JK402:11", "JK304:13"]),
        (["--select", "JK3", "--ignore", "JK305"], "", ["JK304:13"]),
        ([], '[lint]\nselect = ["JK4"]\n', ["JK402:11"]),
        (["--select", "JK3"], '[lint]\nselect = ["JK4"]\n', ["JK305:9", "JK304:13"]),
        (["--ignore", "JK402"], '[lint]\nignore = ["JK305"]\n', ["JK304:13"]),
        (["--select", "JK305"], '[lint]\nignore = ["JK3"]\n', ["JK305:9"]),
        ([], '[lint]\nignore = ["JK3"]\nselect = ["JK", "JK305"]\n', ["JK305:9", "JK402:11"]),
        ([], '[lint.per-file-ignores]\n"journeys/*.yaml" = ["JK30"]\n', ["JK402:11"]),
        ([], '[lint.per-file-ignores]\n"other/*.yaml" = ["JK30"]\n', None),
    ],
)
def test_selection(
    runner: CliRunner, ws: Path, args: list[str], config: str, expected: list[str] | None
) -> None:
    _config(ws, config)
    found = [c for c in _codes(runner, *args)[1] if not c.startswith("JK8")]
    assert found == (expected or ["JK305:9", "JK402:11", "JK304:13"])


def test_kpi_off_target_is_off_until_selected(runner: CliRunner, ws: Path) -> None:
    text = (ws / "journeys" / "shop.journey.yaml").read_text()
    text = text.replace("target: 10}", "target: 10, actual: 8}")
    (ws / "journeys" / "shop.journey.yaml").write_text(text)
    assert "JK604:8" not in _codes(runner)[1]
    assert _codes(runner, "--select", "JK6")[1] == ["JK604:8"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # on the item's first line: the whole touchpoint
        (("  - id: pay\n", "  - id: pay  # journeykit: disable=JK304\n"), ["JK305:9", "JK402:11"]),
        # alone on its line: the node on the next line
        (
            ("  - id: pay\n", "  # journeykit: disable=JK304, JK305\n  - id: pay\n"),
            ["JK305:9", "JK402:11", "JK901:13"],
        ),
        # prefixes, and the whole file
        (("version: 1\n", "# journeykit: disable-file=JK30\nversion: 1\n"), ["JK402:12"]),
        # a code that matches nothing here, and one that names no rule
        (
            ("    name: Checkout\n", "    name: Checkout  # journeykit: disable=JK402,JK3O4\n"),
            ["JK305:9", "JK402:11", "JK304:13", "JK901:14", "JK902:14"],
        ),
    ],
)
def test_suppression_comments(
    runner: CliRunner, ws: Path, edit: tuple[str, str], expected: list[str]
) -> None:
    path = ws / "journeys" / "shop.journey.yaml"
    path.write_text(path.read_text().replace(*edit, 1))
    assert _codes(runner)[1] == expected


def test_unused_suppression_of_a_rule_that_did_not_run_is_not_reported(
    runner: CliRunner, ws: Path
) -> None:
    path = ws / "journeys" / "shop.journey.yaml"
    path.write_text(
        path.read_text().replace("  - id: pay\n", "  - id: pay  # journeykit: disable=JK703\n")
    )
    assert "JK901:13" in _codes(runner)[1]
    assert "JK901:13" not in _codes(runner, "--ignore", "JK703")[1]


def test_validate_findings_are_part_of_lint(runner: CliRunner, ws: Path) -> None:
    path = ws / "journeys" / "shop.journey.yaml"
    path.write_text(path.read_text().replace("channel: web", "channel: wbe"))
    code, found = _codes(runner, "--select", "JK304")
    assert code == 1
    assert found == ["JK304:13", "JK203:16"]


def test_bad_select_is_a_usage_error(runner: CliRunner, ws: Path) -> None:
    result = runner.invoke(app, ["lint", "--select", "JK3O1"])
    assert result.exit_code == 2
    assert "--select: unknown rule code 'JK3O1' (did you mean 'JK301'?)" in result.stderr
    result = runner.invoke(app, ["lint", "--fail-level", "fatal"])
    assert result.exit_code == 2
    assert "unknown severity 'fatal'" in result.stderr


def test_human_output_and_statistics(runner: CliRunner, ws: Path) -> None:
    result = runner.invoke(app, ["lint", "--statistics"])
    assert result.exit_code == 1
    out = result.stdout
    assert "journeys/shop.journey.yaml:11:53: error JK402 (opted-out-channel)" in out
    assert "^^^ limit `personas` to those who accept the channel" in out
    assert "1  JK402  opted-out-channel" in out
    assert "Found 1 error, 1 warning, 1 info in 1 of 3 files." in out


def test_github_and_concise_formats(runner: CliRunner, ws: Path) -> None:
    github = runner.invoke(app, ["lint", "-f", "github"]).stdout.splitlines()
    assert any(
        line.startswith("::error file=journeys/shop.journey.yaml,line=11,") for line in github
    )
    concise = runner.invoke(app, ["lint", "-f", "concise"]).stdout
    assert (
        "journeys/shop.journey.yaml:13:5: JK304 [warning] touchpoint 'pay' is a dead end" in concise
    )


def test_sarif_is_valid_and_describes_lint_rules(runner: CliRunner, ws: Path) -> None:
    result = runner.invoke(app, ["lint", "-f", "sarif", "-o", "jk.sarif"])
    assert result.exit_code == 1
    log = json.loads((ws / "jk.sarif").read_text("utf-8"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"JK304", "JK305", "JK402"}
    assert rules["JK304"]["name"] == "dead-end"
    assert rules["JK304"]["shortDescription"]["text"] == (
        "A touchpoint leads nowhere and is not marked as an end."
    )
    assert rules["JK305"]["defaultConfiguration"]["level"] == "note"
    levels = [r["level"] for r in log["runs"][0]["results"]]
    assert levels == ["note", "error", "warning"]


def test_human_output_puts_errors_first_under_headings_with_counts(
    runner: CliRunner, ws: Path
) -> None:
    shop = ws / "journeys" / "shop.journey.yaml"
    # A second journey whose dead end comes before the shop's in file order.
    (ws / "journeys" / "a.journey.yaml").write_text(
        shop.read_text().replace("id: shop", "id: a"), "utf-8"
    )
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    found = [line.split(": ")[1].split(" (")[0] for line in lines if ".journey.yaml:" in line]
    headings = [line for line in lines if line.endswith(")") and " (" in line[:12]]
    assert headings == ["errors (2)", "warnings (2)", "info (2)"]
    assert found == [
        "error JK402",
        "error JK402",
        "warning JK304",
        "warning JK304",
        "info JK305",
        "info JK305",
    ]
    # File then line order within a severity.
    first = [line for line in lines if ": error JK402" in line]
    assert first[0].startswith("journeys/a.journey.yaml:11:")
    assert first[1].startswith("journeys/shop.journey.yaml:11:")
    assert lines.index("errors (2)") < lines.index(first[0])
    assert lines[-1] == "Found 2 errors, 2 warnings, 2 info in 2 of 4 files."


def test_human_output_leaves_out_severities_with_nothing(runner: CliRunner, ws: Path) -> None:
    result = runner.invoke(app, ["lint", "--ignore", "JK402,JK305"])
    lines = result.stdout.splitlines()
    assert lines[0] == "warnings (1)"
    assert "errors (" not in result.stdout and "info (" not in result.stdout
    assert lines[-1] == "Found 1 warning in 1 of 3 files."


def test_concise_and_machine_formats_keep_file_order(runner: CliRunner, ws: Path) -> None:
    concise = runner.invoke(app, ["lint", "-f", "concise"]).stdout.splitlines()
    assert [line.split(": ")[1].split(" [")[0] for line in concise[:3]] == [
        "JK305",
        "JK402",
        "JK304",
    ]
    assert concise[3] == "Found 1 error, 1 warning, 1 info in 1 of 3 files."
    github = runner.invoke(app, ["lint", "-f", "github"]).stdout.splitlines()
    assert [line.split(",line=")[1].split(",")[0] for line in github if "::" in line] == [
        "9",
        "11",
        "13",
    ]
    assert _codes(runner)[1] == ["JK305:9", "JK402:11", "JK304:13"]


@pytest.mark.parametrize(
    ("args", "config", "expected"),
    [
        (["--select", "dead-end"], "", ["JK304:13"]),
        (["--select", "JK3", "--ignore", "linear-journey"], "", ["JK304:13"]),
        (["--ignore", "Opted-Out-Channel,JK305"], "", ["JK304:13"]),
        ([], '[lint]\nselect = ["opted-out-channel"]\n', ["JK402:11"]),
        ([], '[lint]\nignore = ["JK8", "dead-end", "linear-journey"]\n', ["JK402:11"]),
        (
            [],
            '[lint.per-file-ignores]\n"journeys/*.yaml" = ["dead-end"]\n',
            ["JK305:9", "JK402:11"],
        ),
    ],
)
def test_selection_by_rule_name(
    runner: CliRunner, ws: Path, args: list[str], config: str, expected: list[str]
) -> None:
    _config(ws, config)
    found = [c for c in _codes(runner, *args)[1] if not c.startswith("JK8")]
    assert found == expected


def test_rule_settings_by_name(runner: CliRunner, ws: Path) -> None:
    _config(ws, '[lint]\nignore = ["JK8"]\n\n[lint.rules.opted-out-channel]\nseverity = "info"\n')
    assert _codes(runner)[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ignore", "dead-nd"], "--ignore: unknown rule 'dead-nd' (did you mean 'dead-end'?)"),
        (["--select", "JK3O4"], "--select: unknown rule code 'JK3O4' (did you mean 'JK304'?)"),
        (["--select", "unknown-persona"], "'unknown-persona' is a built-in check, always on"),
    ],
)
def test_unknown_rule_name_is_a_usage_error_with_a_hint(
    runner: CliRunner, ws: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["lint", *args])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("  - id: pay\n", "  - id: pay  # journeykit: disable=dead-end\n"),
            ["JK305:9", "JK402:11"],
        ),
        (
            ("version: 1\n", "# journeykit: disable-file=linear-journey, JK4\nversion: 1\n"),
            ["JK304:14"],
        ),
        (
            ("  - id: pay\n", "  - id: pay  # journeykit: disable=missing-owner\n"),
            ["JK305:9", "JK402:11", "JK304:13", "JK901:13"],
        ),
        (
            ("  - id: pay\n", "  - id: pay  # journeykit: disable=dead-nd\n"),
            ["JK305:9", "JK402:11", "JK304:13", "JK902:13"],
        ),
    ],
)
def test_suppression_comments_by_rule_name(
    runner: CliRunner, ws: Path, edit: tuple[str, str], expected: list[str]
) -> None:
    path = ws / "journeys" / "shop.journey.yaml"
    path.write_text(path.read_text().replace(*edit, 1))
    assert _codes(runner)[1] == expected


def test_invalid_suppression_by_name_suggests_the_name(runner: CliRunner, ws: Path) -> None:
    path = ws / "journeys" / "shop.journey.yaml"
    path.write_text(
        path.read_text().replace("  - id: pay\n", "  - id: pay  # journeykit: disable=dead-nd\n")
    )
    result = runner.invoke(app, ["lint", "-f", "json"])
    messages = [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "JK902"]
    assert messages == ["suppression: unknown rule 'dead-nd' (did you mean 'dead-end'?)"]
