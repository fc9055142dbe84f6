"""Graphviz runs started together and collected later (`batch.Batch`, `engine.Run`)."""

from __future__ import annotations

import os
import subprocess
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from journeykit.render.batch import Batch
from journeykit.render.engine import RenderError

needs_dot = pytest.mark.usefixtures("dot_command")
SOURCES = {
    f"g{i}": f'digraph {{ rankdir=LR; "n{i}" -> "ü{i}" -> x; x -> "n{i}" }}' for i in range(5)
}


def dot_svg(dot_command: str, source: str) -> bytes:
    """What `dot -Tsvg` itself writes for `source`: the batch must hand back exactly that
    (render_dot would not do as the yardstick, as it runs dot the same way a batch does)."""
    done = subprocess.run(
        [dot_command, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=True
    )
    assert done.stdout.startswith(b"<?xml")
    return done.stdout


@pytest.mark.parametrize("parallel", [1, 2, 8])
def test_results_are_what_dot_gives(parallel: int, dot_command: str) -> None:
    expected = {key: dot_svg(dot_command, source) for key, source in SOURCES.items()}
    with Batch("svg", parallel=parallel) as batch:
        for key, source in SOURCES.items():
            batch.add(key, source)
        # Asked in an order of their own: the last first, then the rest.
        keys = ["g4", "g0", "g2", "g1", "g3"]
        assert {key: batch.result(key) for key in keys} == expected


def test_sources_given_as_functions_are_built_when_their_run_starts(dot_command: str) -> None:
    built: list[str] = []

    def source(key: str) -> str:
        built.append(key)
        return SOURCES[key]

    with Batch("svg", parallel=1) as batch:
        for key in SOURCES:
            batch.add(key, partial(source, key))
        assert built == ["g0"]
        assert batch.result("g1") == dot_svg(dot_command, SOURCES["g1"])
        assert built == ["g0", "g1", "g2"]


def test_one_failure_does_not_spoil_the_others(dot_command: str) -> None:
    with Batch("svg") as batch:
        batch.add("good", SOURCES["g0"])
        batch.add("bad", "digraph {")
        batch.add("also good", SOURCES["g1"])
        with pytest.raises(RenderError, match=r"dot failed \(exit 1\)"):
            batch.result("bad")
        assert batch.result("good") == dot_svg(dot_command, SOURCES["g0"])
        assert batch.result("also good") == dot_svg(dot_command, SOURCES["g1"])


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


# render_each: many pictures, several Graphviz runs at once


SMALL = Path(__file__).resolve().parent / "small"


def _items() -> list[Any]:
    from journeykit.run.load import load_workspace
    from journeykit.run.targets import resolve_targets

    project = load_workspace(resolve_targets([SMALL])[0])[0]
    journeys = sorted(project.journeys.values(), key=lambda j: j.item.id)
    assert len(journeys) >= 2
    return [(project, [j], None) for j in journeys]


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_render_each_gives_what_render_gives_one_by_one(fmt: str) -> None:
    from journeykit.render import OutputFormat, View, render, render_each

    items = _items()
    chosen = OutputFormat(fmt)
    expected = [render(p, js, View.flow, chosen, None, m) for p, js, m in items]
    got = list(render_each(items, View.flow, chosen))
    if fmt == "pdf":  # PDFs carry their creation time: compare their size and kind
        assert all(g.startswith(b"%PDF") for g in got if isinstance(g, bytes))
        assert [len(g) for g in got] == [len(e) for e in expected]
    else:
        assert got == expected


@needs_dot
def test_render_each_raises_a_failed_picture_when_its_turn_comes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import journeykit.render as render_module
    from journeykit.render import OutputFormat, View, render_each

    items = _items()
    real = render_module.dot_source

    def dot_source(project: Any, journeys: Any, *rest: Any) -> str:
        if journeys[0].item.id == items[1][1][0].item.id:
            return "digraph { broken"
        return real(project, journeys, *rest)

    monkeypatch.setattr(render_module, "dot_source", dot_source)
    pictures = render_each(items, View.flow, OutputFormat.svg)
    assert isinstance(next(pictures), str)
    with pytest.raises(RenderError):
        next(pictures)
    pictures.close()


@needs_dot
def test_graphviz_is_started_without_forking_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """A preexec_fn makes Python fork itself whole for each run (90 ms from a big report);
    `setpriv --pdeathsig` marks the run instead, and Python can use vfork."""
    from journeykit.render.engine import render_dot
    from journeykit.run.lifeline import spawn_prefix

    prefix = spawn_prefix()
    assert prefix[1:] == ("--pdeathsig", "KILL", "--"), "util-linux's setpriv is expected here"
    seen: list[tuple[list[str], object]] = []
    real = subprocess.Popen

    def spy(args: list[str], **kwargs: Any) -> Any:
        seen.append((args, kwargs.get("preexec_fn")))
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", spy)
    assert render_dot(SOURCES["g0"], "svg").startswith(b"<?xml")
    assert len(seen) == 1
    args, preexec = seen[0]
    assert args[: len(prefix)] == list(prefix) and preexec is None
