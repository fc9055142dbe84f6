"""`journeykit diff` of two measurement snapshots: what customers do differently, in words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from measure.clirun import CASE, jk

MORE = "c6,ad,2024-05-04T09:00:00Z,student,\nc6,review,2024-05-04T09:30:00Z,student,\n"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("snap") / "ws"
    shutil.copytree(CASE, ws)
    (ws / "later.csv").write_text((ws / "events.csv").read_text() + MORE)
    for log, out in (("events.csv", "before.json"), ("later.csv", "after.json")):
        done = jk(
            "measure", ".", "--events", log, "--outcome", "order", "-f", "json", "-o", out, cwd=ws
        )
        assert done.returncode == 0, done.stderr
    return ws


def test_the_changes_in_a_reviewers_words(snapshots: Path) -> None:
    done = jk("diff", "before.json", "after.json", cwd=snapshots)
    assert done.returncode == 0, done.stderr
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert "warning  fitness 0.6 -> 0.5" in lines
    assert "warning  new undesigned transition ad -> review (1 customers)" in lines
    # 3 jumps of 15 moves, then 4 of 16: more jumps is worse.
    assert "warning  unexplained movement 0.2 -> 0.25" in lines
    assert "touchpoint review no longer observed" not in done.stdout
    failed = jk("diff", "before.json", "after.json", "--fail-on", "warning", cwd=snapshots)
    assert failed.returncode == 1
    data = json.loads(jk("diff", "before.json", "after.json", "-f", "json", cwd=snapshots).stdout)
    rules = sorted(
        c["rule"] for w in data["workspaces"] for j in w["journeys"] for c in j["changes"]
    )
    assert rules == ["observed-jump-added", "observed-worse", "observed-worse"]


def test_unchanged_snapshots_say_so(snapshots: Path) -> None:
    done = jk("diff", "before.json", "before.json", cwd=snapshots)
    assert done.returncode == 0
    assert "No journey changes between before.json and before.json." in done.stdout


def test_files_that_are_not_snapshots(snapshots: Path) -> None:
    (snapshots / "broken.json").write_text('{"format": \n  nope}\n')
    (snapshots / "other.json").write_text('{"format": "something-else"}\n')
    broken = jk("diff", "before.json", "broken.json", cwd=snapshots)
    assert broken.returncode == 2
    assert "broken.json:2:3: not JSON: Expecting value" in broken.stderr
    other = jk("diff", "other.json", "after.json", cwd=snapshots)
    assert other.returncode == 2
    assert "other.json: not a measurement snapshot" in other.stderr
    assert "Traceback" not in broken.stderr + other.stderr
