"""Pictures drawn by copies of one `dot` set up once (`render.zygote`, `gvzygote.py`).

Each must be the very bytes `dot -Tsvg` writes for it alone: every view of every journey
of the example workspaces (clusters, HTML labels, all the fonts) is drawn both ways.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeykit.render.batch import ZYGOTE_MIN, Batch
from journeykit.render.engine import RenderError, find_engine
from journeykit.render.zygote import Zygote, libraries

ROOT = Path(__file__).resolve().parents[2]
WORKSPACES = [
    ROOT / "examples" / n for n in ("retail", "kuluttaja", "b2b-software", "subscription")
]
WORKSPACES.append(Path(__file__).resolve().parent / "small")


def dot_svg(dot_command: str, source: str) -> bytes:
    done = subprocess.run(
        [dot_command, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    """The DOT of every view of every journey of the example workspaces."""
    from journeykit.render import View, dot_source
    from journeykit.run.load import load_workspace
    from journeykit.run.targets import resolve_targets

    found = {}
    for root in WORKSPACES:
        project = load_workspace(resolve_targets([root])[0])[0]
        for journey in project.journeys.values():
            for view in View:
                key = f"{root.name}/{journey.item.id}.{view.value}"
                found[key] = dot_source(project, [journey], view)
    assert len(found) >= 2 * ZYGOTE_MIN
    return found


@pytest.fixture
def zygote(dot_command: str) -> Iterator[Zygote]:
    engine = find_engine()
    assert engine is not None and engine.name == "dot"
    started = Zygote.start(engine, "svg", 2)
    assert started is not None, "the system dot's libraries are found on Linux"
    yield started
    started.close()


def test_the_libraries_are_those_dot_links(dot_command: str) -> None:
    engine = find_engine()
    assert engine is not None
    found = libraries(engine)
    assert found is not None
    gvc, cgraph = found
    assert Path(gvc).name.startswith("libgvc.so") and Path(cgraph).name.startswith("libcgraph.so")


def test_a_batch_draws_what_dot_draws_alone(dot_command: str, sources: dict[str, str]) -> None:
    expected = {key: dot_svg(dot_command, source) for key, source in sources.items()}
    with Batch("svg", ahead=len(sources)) as batch:
        for key, source in sources.items():
            batch.add(key, source)
        assert batch.forked
        got = {key: batch.result(key) for key in reversed(list(sources))}
        assert batch.forked, "the first picture checked out"
    assert got == expected


def test_a_failure_reads_as_dot_s_own(dot_command: str, zygote: Zygote) -> None:
    engine = find_engine()
    assert engine is not None
    from journeykit.render.engine import render_dot

    with pytest.raises(RenderError) as alone:
        render_dot("digraph { a -> }", "svg")
    good = zygote.submit("digraph { a -> b }", 10.0)
    bad = zygote.submit("digraph { a -> }", 10.0)
    assert zygote.wait(good) == dot_svg(dot_command, "digraph { a -> b }")
    with pytest.raises(RenderError) as forked:
        zygote.wait(bad)
    assert str(forked.value) == str(alone.value)


def test_a_timeout_ends_the_copy(zygote: Zygote) -> None:
    big = "digraph {" + " ".join(f"n{i} -> n{(i * 7) % 3000};" for i in range(3000)) + "}"
    job = zygote.submit(big, 0.05)
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"did not finish within 0\.05 s"):
        zygote.wait(job)
    assert time.monotonic() - started < 5


def test_close_ends_the_process_and_removes_its_files(zygote: Zygote) -> None:
    folder = Path(zygote.folder)
    pid = zygote.pid
    zygote.submit("digraph {" + " ".join(f"n{i} -> n{i + 1};" for i in range(3000)) + "}", 60)
    zygote.close()
    assert not folder.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_picture_unlike_dot_s_own_sends_the_batch_back_to_one_dot_each(
    dot_command: str, sources: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def differs(self: Zygote) -> None:
        self.trusted = False

    monkeypatch.setattr(Zygote, "_settle", differs)
    chosen = dict(list(sources.items())[: ZYGOTE_MIN + 2])
    with Batch("svg", ahead=len(chosen)) as batch:
        for key, source in chosen.items():
            batch.add(key, source)
        assert batch.forked
        got = {key: batch.result(key) for key in chosen}
        assert not batch.forked
    assert got == {key: dot_svg(dot_command, source) for key, source in chosen.items()}


def test_few_pictures_are_drawn_each_by_a_dot_of_its_own(dot_command: str) -> None:
    with Batch("svg") as batch:
        for i in range(ZYGOTE_MIN - 1):
            batch.add(i, f"digraph {{ a{i} -> b }}")
        assert not batch.forked
        assert batch.result(0) == dot_svg(dot_command, "digraph { a0 -> b }")


def test_a_zygote_that_dies_leaves_the_pictures_to_one_dot_each(
    dot_command: str, sources: dict[str, str]
) -> None:
    chosen = dict(list(sources.items())[: ZYGOTE_MIN + 2])
    with Batch("svg", ahead=len(chosen)) as batch:
        for key, source in chosen.items():
            batch.add(key, source)
        assert batch._zygote is not None
        os.kill(batch._zygote.pid, 9)
        got = {key: batch.result(key) for key in chosen}
        assert not batch.forked
    assert got == {key: dot_svg(dot_command, source) for key, source in chosen.items()}
