"""SIGINT and SIGTERM mid-report: exit 130 / 143, no temporary left, no Graphviz left.

The console script runs as a real process, its Graphviz a fake `dot` that notes its pid
and sleeps, so the run is deterministically stuck while the pictures are drawn when the
signal comes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import journeykit
from journeykit.cli import app
from test_report_swap import SMALL, leftovers, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def alive(pid: int) -> bool:
    """Whether `pid` is a process that still runs (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def wait_until(check: object, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def console(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """The console script in a session of its own: a group to signal, as a terminal does."""
    return subprocess.Popen(
        [sys.executable, "-m", "journeykit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, **env, "PYTHONPATH": str(Path(journeykit.__file__).parents[1])},
    )


@pytest.fixture
def slow_dot(tmp_path: Path) -> tuple[Path, Path]:
    """A `dot` that writes its pid to a file and sleeps (exec: the pid is the sleeper's)."""
    pids = tmp_path / "dot.pids"
    script = tmp_path / "dot"
    script.write_text(f'#!/bin/sh\necho $$ >> "{pids}"\nexec sleep 60\n')
    script.chmod(0o755)
    return script, pids


def read_pids(pids: Path) -> list[int]:
    try:
        return [int(line) for line in pids.read_text().split()]
    except FileNotFoundError:
        return []


SIGNALS = [
    ("SIGTERM", False, 143, "terminated"),
    ("SIGINT", False, 130, "interrupted"),
    # Ctrl-C on a terminal, `kill -TERM -PGID`: every process of the group gets it at once.
    ("SIGINT", True, 130, "interrupted"),
    ("SIGTERM", True, 143, "terminated"),
]


@pytest.mark.parametrize(("sent", "group", "status", "word"), SIGNALS)
def test_a_signal_mid_report_keeps_the_old_report_and_leaves_nothing(
    tmp_path: Path, slow_dot: tuple[Path, Path], sent: str, group: bool, status: int, word: str
) -> None:
    ws = Path(shutil.copytree(SMALL, tmp_path / "ws"))
    site = tmp_path / "site"
    assert CliRunner().invoke(app, ["report", str(ws), "-o", str(site)]).exit_code == 0
    old = snapshot(site)
    (ws / "journeys" / "loyalty.journey.yaml").unlink()  # the next report would differ
    script, pids = slow_dot
    run = console(["report", str(ws), "-o", str(site)], {"JOURNEYKIT_DOT": str(script)})
    try:
        assert wait_until(lambda: len(read_pids(pids)) >= 2), "Graphviz never started"
        if group:
            os.killpg(run.pid, getattr(signal, sent))
        else:
            run.send_signal(getattr(signal, sent))
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == status, err
    assert err.strip().splitlines()[-1] == f"journeykit: {word}"
    assert "Traceback" not in err
    assert snapshot(site) == old
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dot", "dot.pids", "site", "ws"]
    started = read_pids(pids)
    assert wait_until(lambda: not any(alive(p) for p in started)), "a dot outlived journeykit"


def test_sigkill_of_the_report_takes_graphviz_with_it(
    tmp_path: Path, slow_dot: tuple[Path, Path]
) -> None:
    """Nothing unwinds after SIGKILL: the kernel ends the children (Linux)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    ws = Path(shutil.copytree(SMALL, tmp_path / "ws"))
    script, pids = slow_dot
    run = console(
        ["report", str(ws), "-o", str(tmp_path / "site")], {"JOURNEYKIT_DOT": str(script)}
    )
    try:
        assert wait_until(lambda: len(read_pids(pids)) >= 2), "Graphviz never started"
        run.kill()
        run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    started = read_pids(pids)
    assert wait_until(lambda: not any(alive(p) for p in started)), "a dot outlived journeykit"
    assert not (tmp_path / "site").exists()


def test_sigterm_mid_render_ends_its_dot(tmp_path: Path, slow_dot: tuple[Path, Path]) -> None:
    """`render` runs Graphviz from the main process itself."""
    ws = Path(shutil.copytree(SMALL, tmp_path / "ws"))
    script, pids = slow_dot
    out = tmp_path / "out"
    run = console(["render", str(ws), "-f", "svg", "-o", str(out)], {"JOURNEYKIT_DOT": str(script)})
    try:
        assert wait_until(lambda: len(read_pids(pids)) >= 1), "Graphviz never started"
        run.terminate()
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 143, err
    started = read_pids(pids)
    assert wait_until(lambda: not any(alive(p) for p in started)), "a dot outlived journeykit"
    assert not out.exists() or leftovers(out) == []


SIGINT_IN_CODE_FROM_A_STRING = """\
import signal, sys
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
from journeykit import __main__ as console
console._catch_signals()
try:
    # Code run from a string, as dataclasses and namedtuple make their methods: the
    # signal arrives while it runs.
    exec("import os, signal\\nos.kill(os.getpid(), signal.SIGINT)\\nwhile True: pass")
except KeyboardInterrupt:
    pass
sys.exit(console._status(130))
"""


def test_sigint_inside_code_run_from_a_string_still_exits_130(tmp_path: Path) -> None:
    """CPython ends a process by SIGINT at exit (status -2) when a bare KeyboardInterrupt
    once passed through code run from a string, however it was handled later; the
    console script's own exception class keeps the documented 130."""
    (tmp_path / "interrupted_here.py").write_text(SIGINT_IN_CODE_FROM_A_STRING, "utf-8")
    env = {**os.environ, "PYTHONPATH": f"{Path(journeykit.__file__).parents[1]}:{tmp_path}"}
    done = subprocess.run(
        [sys.executable, "-m", "interrupted_here"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        start_new_session=True,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr == "journeykit: interrupted\n"
