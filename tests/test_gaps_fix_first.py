"""Fix first of `journeykit gaps`: every lint rule has a risk tier, the findings come in
tier order (consent and opt-outs first), repeated rows merge into one with a count, and
nothing is listed twice. The workspaces are data: tests/cases/gaps/fix-first.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from journeykit.analysis.gaps import _KIND_WEIGHT
from journeykit.analysis.risk import GAP_RULES, RISK, Tier
from journeykit.checks.rules import RULES
from journeykit.cli import app
from journeykit.run.engine import lint_paths

CASES = Path(__file__).resolve().parent / "cases" / "gaps" / "fix-first.yaml"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"


def test_every_registered_rule_has_a_risk_tier() -> None:
    missing = sorted(set(RULES) - set(RISK))
    assert not missing, f"give these rules a tier in journeykit/analysis/risk.py: {missing}"
    stale = sorted(set(RISK) - set(RULES))
    assert not stale, f"no rule has these codes any more: {stale}"
    assert all(r.says and not r.says.endswith(".") for r in RISK.values())


def test_the_documented_tier_table_is_the_one_in_the_code() -> None:
    documented: dict[str, Tier] = {}
    for line in DOCS.read_text("utf-8").splitlines():
        row = re.match(r"\| (\d) `(\w+)` \|.*\| (JK[^|]+) \|$", line)
        if row is None:
            continue
        tier = Tier[row[2]]
        assert int(row[1]) == tier
        for first, last in re.findall(r"JK(\d+)(?:-JK(\d+))?", row[3]):
            for number in range(int(first), int(last or first) + 1):
                documented[f"JK{number}"] = tier
    assert documented == {code: rule.tier for code, rule in RISK.items()}


def test_the_tiers_put_consent_first_and_hygiene_last() -> None:
    assert {c for c, r in RISK.items() if r.tier is Tier.consent} == {"JK402", "JK403"}
    assert {c for c, r in RISK.items() if r.tier is Tier.channel} == {"JK404", "JK405", "JK416"}
    assert all(RISK[c].tier is Tier.stranded for c in ("JK302", "JK303", "JK304", "JK502"))
    assert all(r.tier is Tier.hygiene for c, r in RISK.items() if c[2] in "89")
    assert all(r.tier >= Tier.measurement for c, r in RISK.items() if c[2] in "67")


def test_every_kind_of_gap_has_the_rule_that_says_the_same() -> None:
    assert set(GAP_RULES) == set(_KIND_WEIGHT)
    assert set(GAP_RULES.values()) <= set(RISK)


def _cases() -> list[Any]:
    data = yaml.safe_load(CASES.read_text("utf-8"))
    return [pytest.param(case, id=case["name"]) for case in data["cases"]]


def _workspace(root: Path, case: dict[str, Any]) -> Path:
    for name, text in case["files"].items():
        for old, new in case.get("replace", {}).get(name, {}).items():
            assert old in text, (name, old)
            text = text.replace(old, new)
        (root / name).write_text(text, "utf-8")
    return root


def _gaps(runner: CliRunner, root: Path, *options: str) -> Any:
    result = runner.invoke(app, ["gaps", str(root), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("case", _cases())
def test_fix_first_case(case: dict[str, Any], runner: CliRunner, tmp_path: Path) -> None:
    root = _workspace(tmp_path, case)
    top = case.get("top", 50)
    persona = ["--persona", case["persona"]] if "persona" in case else []
    output = _gaps(runner, root, "-f", "json", "--top", str(top), *persona)
    (report,) = json.loads(output)["reports"]
    items = report["fix_first"]
    codes = [item["code"] for item in items]
    assert codes[: len(case["first"])] == case["first"], codes
    by_code = {item["code"]: item for item in items}
    assert len(by_code) == len(items), "one item per journey and rule"
    for code, count in case.get("counts", {}).items():
        assert by_code[code]["count"] == count, by_code[code]
        assert len(by_code[code]["places"]) == count
        if count > 1:
            assert by_code[code]["message"].startswith(f"{count} ")
    assert not set(case.get("absent", [])) & set(codes)
    order = [
        (item["tier_rank"], -["info", "warning", "error"].index(item["severity"])) for item in items
    ]
    assert order == sorted(order)
    assert [item["rank"] for item in items] == list(range(1, len(items) + 1))
    places = [(p["file"], p["line"], item["code"]) for item in items for p in item["places"]]
    assert len(places) == len(set(places)), "a finding listed twice"
    assert len(items) == min(top, report["summary"]["fix_items"])
    if top >= report["summary"]["fix_items"] and not persona:
        lint = [f for f in lint_paths([root]).findings if f.code in RISK]
        assert report["summary"]["to_fix"] == len(lint), "every lint finding, each once"
        assert {f.code[:3] for f in lint} == {code[:3] for code in codes}


def test_merged_rows_name_their_touchpoints(runner: CliRunner, tmp_path: Path) -> None:
    root = _workspace(tmp_path, _cases()[0].values[0])
    (report,) = json.loads(_gaps(runner, root, "-f", "json"))["reports"]
    (item,) = [i for i in report["fix_first"] if i["code"] == "JK702"]
    assert item["subjects"] == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert item["message"].endswith(": a1, a2, a3 (+3 more)")
    assert item["tier"] == "evidence" and item["rule"] == "missing-evidence"
    first = report["fix_first"][0]
    assert (first["tier"], first["severity"], first["count"]) == ("consent", "error", 1)
    assert first["subjects"] == ["drop-sms"] and first["journey"] == "case"


def test_text_and_markdown_show_tier_severity_count_and_rule(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _workspace(tmp_path, _cases()[0].values[0])
    (report,) = json.loads(_gaps(runner, root, "-f", "json"))["reports"]
    text = _gaps(runner, root)  # piped: 80 columns
    assert max(len(line) for line in text.splitlines()) <= 80
    words = set(text.split())
    for item in report["fix_first"]:
        cut = [w for w in item["message"].split() if w not in words]
        assert not cut, f"words cut in two: {cut}"
    table = text.split("Fix first\n", 1)[1].splitlines()
    assert table[0].split() == ["#", "tier", "severity", "n", "rule", "gap"]
    assert table[1].split()[:5] == ["1", "consent", "error", "1", "JK402"]
    assert "opted-out-channel" in text
    markdown = _gaps(runner, root, "-f", "markdown")
    assert "| # | Tier | Severity | Importance | Count | Rule | Gap | Where |" in markdown
    assert "| 1 | consent | error | medium | 1 | JK402 opted-out-channel |" in markdown
    assert "| 6 | JK702 missing-evidence | 6 touchpoints rest on assumptions" in markdown
