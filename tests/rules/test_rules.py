"""Every rule against its cases in tests/cases/rules/<CODE>.yaml (failing and passing
YAML with the lines the rule must report, nothing more and nothing less), and against the
failing and passing examples of its documentation (the rule module's docstring)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeykit.checks.lint import lint_project
from journeykit.checks.rules import RULES
from journeykit.checks.rules.base import ObservedRule
from journeykit.findings import Finding
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.lintconfig import LintConfig
from journeykit.workspace.project import Project

CASES = Path(__file__).resolve().parent.parent / "cases" / "rules"
CATALOG = CASES / "catalog"
JOURNEY_FILE = "case.journey.yaml"

BASE_JOURNEY = """\
version: 1
id: base
title: Base journey
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [sms]}
  - {id: sms, name: Order SMS, stage: buy, channel: sms, kind: message, end: true}
"""
"""The journey a catalog-only example is linted with: busy-parent on web and sms."""


def build(root: Path, files: dict[str, str]) -> Path:
    """Write the catalog (unless `files` replaces it) and `files` under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("personas.yaml", "channels.yaml"):
        if name not in files:
            (root / name).write_text((CATALOG / name).read_text("utf-8"), "utf-8")
    for name, text in files.items():
        (root / name).write_text(text, "utf-8")
    return root


def load(root: Path) -> tuple[Project, list[Finding]]:
    return load_workspace(resolve_targets([root])[0])


def observed(project: Project, root: Path, config: LintConfig) -> list[Finding]:
    """The observed rules' findings on `project` measured against root/events.csv (DuckDB)."""
    from journeykit.checks.lintsettings import resolve_settings
    from journeykit.checks.observed import observed_findings
    from journeykit.measure import MeasureOptions, MeasureSettings, measure
    from journeykit.measure.engines import close, connect

    backend = connect(MeasureSettings(), "duckdb")
    try:
        measurement = measure(project, "events.csv", MeasureOptions(base=root), backend)
    finally:
        close(backend)
    return observed_findings(project, resolve_settings(config), measurement)


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("JK*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def _expected(case: dict[str, Any]) -> list[tuple[str, int, str]]:
    out = []
    for item in case["expect"]:
        if isinstance(item, int):
            item = {"line": item}
        out.append((item.get("file", JOURNEY_FILE), item["line"], item.get("message", "")))
    return sorted(out)


def test_every_rule_has_a_case_file() -> None:
    have = {p.stem for p in CASES.glob("JK*.yaml")}
    assert sorted(set(RULES) - have) == []


def test_each_case_file_has_a_failing_and_a_passing_case() -> None:
    for path in sorted(CASES.glob("JK*.yaml")):
        cases = yaml.safe_load(path.read_text("utf-8"))["cases"]
        assert any(c["expect"] for c in cases), path.name
        assert any(not c["expect"] for c in cases), path.name


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    files = dict(case.get("files", {}))
    if "journey" in case:
        files[JOURNEY_FILE] = case["journey"]
    project, problems = load(build(tmp_path, files))
    assert [f"{f.code} {f.location.line}: {f.message}" for f in problems] == []
    config = LintConfig.model_validate(
        {"select": case.get("select", [code]), "rules": {code: case.get("options", {})}}
    )
    if isinstance(RULES[code], ObservedRule):
        (tmp_path / "events.csv").write_text(case["events"], "utf-8")
        found = observed(project, tmp_path, config)
    else:
        found = [f for f in lint_project(project, config) if f.code == code]
    got = [(f.location.file, f.location.line, f.message) for f in found]
    expected = _expected(case)
    assert [(file, line) for file, line, _ in sorted(got)] == [(f, n) for f, n, _ in expected]
    for (_, _, message), (_, _, part) in zip(sorted(got), expected, strict=True):
        assert part in message


# The documentation examples.

_BLOCK = re.compile(r"^(Fails|Passes)\b[^\n]*:\n\n```yaml\n(.*?)```", re.M | re.S)
_EVENTS = re.compile(
    r"^(Fails|Passes)\b[^\n]*:\n\n```yaml\n.*?```\n\n(?:```toml\n.*?```\n\n)?"
    r"with these events:\n\n```csv\n(.*?)```",
    re.M | re.S,
)
_TOML = re.compile(r"```toml\n(.*?)```", re.S)


def _examples(doc: str) -> dict[str, str]:
    return {kind: text for kind, text in _BLOCK.findall(doc)}


def _named_files(text: str) -> list[tuple[str, str]]:
    """The files of an example written as `# file name` documents separated by `---`."""
    out = []
    for part in text.split("\n---\n"):
        first, _, rest = part.lstrip("-\n").partition("\n")
        assert first.startswith("# "), f"a multi-file example names each file: {first!r}"
        out.append((first[2:].strip(), rest))
    return out


@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_has_summary_and_examples(code: str) -> None:
    rule = RULES[code]
    assert rule.code == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary.endswith(".")
    assert set(_examples(rule.doc)) == {"Fails", "Passes"}


@pytest.mark.parametrize("kind", ["Fails", "Passes"])
@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_example(code: str, kind: str, tmp_path: Path) -> None:
    doc = RULES[code].doc
    text = _examples(doc)[kind]
    if "\n---\n" in text:
        # A rule across journeys shows two files, each after a `# name` comment.
        files = dict(_named_files(text))
    elif "\nstages:" in text:
        files = {JOURNEY_FILE: text}
    else:
        name = "personas.yaml" if "\npersonas:" in text else "channels.yaml"
        files = {name: text, JOURNEY_FILE: BASE_JOURNEY}
    toml = _TOML.search(doc)
    if toml:
        files["journeykit.toml"] = toml[1]
    project, problems = load(build(tmp_path, files))
    assert [f.message for f in problems if f.code < "JK2"] == []
    config = LintConfig(select=["JK"], rules=project.config.lint.rules)
    if isinstance(RULES[code], ObservedRule):
        (tmp_path / "events.csv").write_text(dict(_EVENTS.findall(doc))[kind], "utf-8")
        codes = [f.code for f in observed(project, tmp_path, config)]
    else:
        codes = [f.code for f in lint_project(project, config)]
    assert (code in codes) == (kind == "Fails"), codes
