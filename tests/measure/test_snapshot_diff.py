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
        c["kind"] for w in data["workspaces"] for j in w["journeys"] for c in j["changes"]
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


def test_a_snapshot_reads_back_byte_for_byte(snapshots: Path) -> None:
    from journeykit.measure.result import Measurement

    for name in ("before.json", "after.json"):
        text = (snapshots / name).read_text()
        assert Measurement.from_data(json.loads(text)).to_json() == text


def test_a_snapshot_stands_in_for_the_log(snapshots: Path) -> None:
    args = ["--select", "JK306,JK307,JK504,JK605,JK705", "-f", "concise", "--exit-zero"]
    from_log = jk("lint", ".", "--events", "events.csv", *args, cwd=snapshots)
    from_snapshot = jk("lint", ".", "--events", "before.json", *args, cwd=snapshots)
    assert from_log.returncode == from_snapshot.returncode == 0
    assert from_snapshot.stdout == from_log.stdout
    # Nobody in the case's log gets the review request (c6, in later.csv, does).
    assert "JK306 [warning] touchpoint 'review': no customer reached it" in from_snapshot.stdout
    done = jk("report", ".", "--events", "after.json", "-o", "site", cwd=snapshots)
    assert done.returncode == 0, done.stderr
    page = (snapshots / "site" / "journey-shop.html").read_text()
    assert 'id="observed"' in page and "Who gets the credit for order" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split-after", "3d"], "--split-after: after.json is a snapshot, measured already"),
        (["--since", "2024-05-01"], "--since: after.json is a snapshot, measured already"),
    ],
)
def test_measure_options_do_not_apply_to_a_snapshot(
    snapshots: Path, args: list[str], message: str
) -> None:
    done = jk("render", ".", "--view", "flow", "--events", "after.json", *args, cwd=snapshots)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_a_design_change_measured_against_the_same_events(tmp_path: Path) -> None:
    """The design drops the step back from the cart to browsing: c4, who went back,
    no longer fits, and the move becomes a jump."""
    from gitrepo import GitRepo

    ws = tmp_path / "ws"
    shutil.copytree(CASE, ws)
    repo = GitRepo(ws)
    repo.git("init", "-q", ".")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "the shop")
    journey = ws / "journeys" / "shop.journey.yaml"
    text = journey.read_text()
    journey.write_text(text.replace("next: [order, cart-sms, browse]", "next: [order, cart-sms]"))
    done = jk("diff", "--events", "events.csv", cwd=ws)
    assert done.returncode == 0, done.stderr
    lines = [line.strip() for line in done.stdout.splitlines()]
    assert "warning  fitness 0.6 -> 0.4" in lines
    assert "warning  new undesigned transition cart -> browse (1 customers)" in lines
    ignored = ws / "journeykit.toml"
    ignored.write_text(
        ignored.read_text() + '\n[diff]\nlevels = { observed-jump-added = "ignore" }\n'
    )
    quiet = jk("diff", "--events", "events.csv", cwd=ws)
    assert "new undesigned transition" not in quiet.stdout
    assert "fitness 0.6 -> 0.4" in quiet.stdout
    snapshot = jk("diff", "--events", "expected.json", cwd=ws)
    assert snapshot.returncode == 2 and "give the event log itself" in snapshot.stderr
