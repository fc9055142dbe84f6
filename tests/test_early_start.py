"""`render`, `report` and `gaps` start parsing before typer and pydantic are imported.

They have no `--jobs`: a worker starts when the workspace holds `BYTES_PER_JOB` of YAML
or more. What they write never depends on it, and a worker nobody claims is ended.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.run import preload
from journeykit.run.workers import BYTES_PER_JOB, workers_by_size
from support import generator, no_children_left

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One journey of 200 touchpoints (~150 KB): worth a worker."""
    root = tmp_path_factory.mktemp("big")
    generator().write_workspace(root, journeys=1, touchpoints=200, seed=4)
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    generator().write_workspace(root, journeys=2, touchpoints=5, seed=4)
    return root


def size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*.yaml"))


def test_the_worker_count_goes_by_size() -> None:
    assert workers_by_size(3, BYTES_PER_JOB - 1) == 1
    assert workers_by_size(1, BYTES_PER_JOB) == (2 if os.cpu_count() != 1 else 1)


def test_a_big_workspace_starts_a_worker_and_a_small_one_does_not(big: Path, small: Path) -> None:
    assert size(small) < BYTES_PER_JOB < size(big)
    assert preload.start([small], None, by_size=True) is None
    started = preload.start([big], None, by_size=True)
    assert started is not None
    started.close()
    assert no_children_left()


def test_render_takes_only_the_pool_started_for_its_paths(big: Path, small: Path) -> None:
    preload.start_early("render", [str(big), "--view", "flow", "-f", "dot"])
    early = preload._early
    assert early is not None and early[2] is not None
    assert preload.take_early([small]) is None  # other paths: the pool is ended, unused
    assert early[2].pool.closed and preload._early is None
    assert no_children_left()


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "JOURNEYKIT_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@needs_dot
def test_render_through_the_console_script_equals_render_in_process(big: Path) -> None:
    args = ["render", str(big), "--view", "flow", "-f", "dot"]
    started = run_module(*args)
    in_process = CliRunner().invoke(app, args)
    assert started.returncode == in_process.exit_code == 0, started.stderr
    assert started.stdout == in_process.stdout
    assert started.stdout.startswith('digraph "journey-00000.flow"')


@needs_dot
def test_report_through_the_console_script_equals_report_in_process(
    big: Path, tmp_path: Path
) -> None:
    started = run_module("report", str(big), "-o", str(tmp_path / "a"))
    in_process = CliRunner().invoke(app, ["report", str(big), "-o", str(tmp_path / "b")])
    assert started.returncode == in_process.exit_code == 0, started.stderr
    written = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert "journey-00000.flow.svg" in written
    for name in written:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_gaps_through_the_console_script_equals_gaps_in_process(big: Path) -> None:
    args = ["gaps", str(big), "-f", "json"]
    started = run_module(*args)
    in_process = CliRunner().invoke(app, args)
    assert started.returncode == in_process.exit_code == 0, started.stderr
    assert started.stdout == in_process.stdout
    assert '"journey": "journey-00000"' in started.stdout


def test_a_usage_error_ends_the_worker_before_the_process_leaves(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    generator().write_workspace(root, journeys=60, touchpoints=120, seed=5)  # ~4 MB
    script = (
        "import sys\n"
        "from journeykit import __main__\nfrom journeykit.run import preload\n"
        f"preload.start_early('render', [{str(root)!r}, '--view', 'bogus'])\n"
        "print(preload._early[2].pool._helpers[0].pid, flush=True)\n"
        "__main__._exit(2)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    worker = int(done.stdout)
    # Parsing 4 MB takes the worker far longer than this: it is gone only if it was ended.
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)
