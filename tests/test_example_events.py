"""The examples' committed event logs are what benchmarks/eventlog.py writes: same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = ("retail", "b2b-software", "kuluttaja", "subscription")


def test_example_logs_are_up_to_date() -> None:
    # A script, not an import: the tests do not depend on the benchmarks as a package.
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "eventlog.py"), "--examples", "--check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_example_logs_are_small_and_shaped() -> None:
    for name in EXAMPLES:
        log = REPO / "examples" / name / "events" / "events.csv"
        assert log.stat().st_size < 2_000_000
        lines = log.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "customer_id,event,timestamp,channel,segment"
        assert len(lines) == 20_001
        assert all(line.count(",") == 4 for line in lines)
