"""The diff cases in `cases/`, as data: edits to the shop workspace, committed in a real
git repository, and the changes, levels and exit codes `journeykit diff` must report.

A case has `edits` (committed as HEAD), optionally `base` edits (committed first and
tagged `base` instead of the shop as it is), `expect` (changes that must be there),
`absent` (kinds, or changes described as in `expect`, that must not) and `exit` codes by
`--fail-on` level."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def apply(repo: GitRepo, edits: list[dict[str, Any]]) -> None:
    for edit in edits:
        if "replace" in edit:
            spec = edit["replace"]
            repo.replace(spec["file"], spec["old"], spec["new"])
        elif "move" in edit:
            repo.move(edit["move"]["from"], edit["move"]["to"])
        elif "delete" in edit:
            repo.delete(edit["delete"])
        elif "write" in edit:
            repo.write(edit["write"]["file"], edit["write"]["text"])
        else:
            raise AssertionError(f"unknown edit {edit}")


def all_changes(report: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for workspace in report["workspaces"]:
        for journey in workspace["journeys"]:
            out.extend({**c, "journey": journey["id"]} for c in journey["changes"])
        out.extend({**c, "journey": None} for c in workspace["catalog"] + workspace["analysis"])
    return out


def matches(change: dict[str, Any], expected: dict[str, Any]) -> bool:
    if change["kind"] != expected["kind"]:
        return False
    if "level" in expected and change["level"] != expected["level"]:
        return False
    if "journey" in expected and change["journey"] != expected["journey"]:
        return False
    if "message" in expected and change["message"] != expected["message"]:
        return False
    return "contains" not in expected or expected["contains"] in change["message"]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, repo: GitRepo, runner: CliRunner) -> None:
    spec = yaml.safe_load(case.read_text("utf-8"))
    if "base" in spec:
        apply(repo, spec["base"])
        repo.commit("base of " + case.stem)
        repo.git("tag", "-f", "base")
    apply(repo, spec["edits"])
    repo.commit(case.stem)
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "json"])
    assert result.exit_code == 0, result.output
    changes = all_changes(json.loads(result.stdout))
    listing = "\n".join(f"{c['level']} {c['kind']}: {c['message']}" for c in changes)
    for expected in spec["expect"]:
        assert any(matches(c, expected) for c in changes), f"{expected}\nnot in:\n{listing}"
    for absent in spec.get("absent", []):
        unwanted = absent if isinstance(absent, dict) else {"kind": absent}
        assert not any(matches(c, unwanted) for c in changes), f"unexpected {absent}:\n{listing}"
    for level, code in spec.get("exit", {}).items():
        args = ["diff", "--base", "base", "--head", "HEAD", "--fail-on", level]
        assert runner.invoke(app, args).exit_code == code, f"--fail-on {level}"
