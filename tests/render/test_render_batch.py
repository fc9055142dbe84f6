"""Graphviz runs started together and collected later (`engine.Batch`, `engine.Run`)."""

from __future__ import annotations

import os
import shutil
import time
from functools import partial
from pathlib import Path

import pytest

from journeykit.render.engine import Batch, RenderError, render_dot

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
SOURCES = {
    f"g{i}": f'digraph {{ rankdir=LR; "n{i}" -> "ü{i}" -> x; x -> "n{i}" }}' for i in range(5)
}


@needs_dot
@pytest.mark.parametrize("parallel", [1, 2, 8])
def test_results_are_what_render_dot_gives(parallel: int) -> None:
    expected = {key: render_dot(source, "svg") for key, source in SOURCES.items()}
    with Batch("svg", parallel=parallel) as batch:
        for key, source in SOURCES.items():
            batch.add(key, source)
        # Asked in an order of their own: the last first, then the rest.
        keys = ["g4", "g0", "g2", "g1", "g3"]
        assert {key: batch.result(key) for key in keys} == expected


@needs_dot
def test_sources_given_as_functions_are_built_when_their_run_starts() -> None:
    built: list[str] = []

    def source(key: str) -> str:
        built.append(key)
        return SOURCES[key]

    with Batch("svg", parallel=1) as batch:
        for key in SOURCES:
            batch.add(key, partial(source, key))
        assert built == ["g0"]
        assert batch.result("g1") == render_dot(SOURCES["g1"], "svg")
        assert built == ["g0", "g1", "g2"]


@needs_dot
def test_one_failure_does_not_spoil_the_others() -> None:
    with Batch("svg") as batch:
        batch.add("good", SOURCES["g0"])
        batch.add("bad", "digraph {")
        batch.add("also good", SOURCES["g1"])
        with pytest.raises(RenderError, match=r"dot failed \(exit 1\)"):
            batch.result("bad")
        assert batch.result("good") == render_dot(SOURCES["g0"], "svg")
        assert batch.result("also good") == render_dot(SOURCES["g1"], "svg")


@needs_dot
def test_unknown_and_repeated_keys() -> None:
    with Batch("svg") as batch:
        batch.add("a", SOURCES["g0"])
        with pytest.raises(ValueError, match="already added"):
            batch.add("a", SOURCES["g1"])
        with pytest.raises(KeyError):
            batch.result("b")


def _slow_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pids = tmp_path / "pids"
    slow = tmp_path / "dot"
    slow.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(slow))
    return pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: its parent (this test) has simply not reaped it.
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "State:\tZ" not in status.read_text()


def test_a_timeout_is_counted_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_engine(tmp_path, monkeypatch)
    with Batch("svg", timeout=0.5, parallel=2) as batch:
        batch.add("a", "digraph {}")
        batch.add("b", "digraph {}")
        time.sleep(0.6)
        started = time.monotonic()
        for key in ("a", "b"):
            with pytest.raises(RenderError, match=r"did not finish within 0\.5 s"):
                batch.result(key)
        assert time.monotonic() - started < 0.3


def test_close_stops_what_still_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = _slow_engine(tmp_path, monkeypatch)
    with Batch("svg", parallel=2) as batch:
        batch.add("a", "digraph {}")
        batch.add("b", "digraph {}")
        batch.add("queued", "digraph {}")
        deadline = time.monotonic() + 10
        while (not pids.exists() or len(pids.read_text().split()) < 2) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.02)
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2, "the third run waits for a free slot"
    assert not any(_alive(pid) for pid in started)


def test_png_is_not_batched() -> None:
    with pytest.raises(ValueError, match="png"):
        Batch("png")
