"""`Forked`: work done in a copy of the process gives what doing it here gives."""

from __future__ import annotations

import os
import re
import time
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.run import forked
from journeykit.run.forked import Forked
from support import no_children_left


def test_the_value_comes_from_the_copy() -> None:
    parent = os.getpid()
    job = Forked(lambda: (os.getpid(), [1, {"a": "b"}]))
    pid, value = job.result()
    assert pid != parent and value == [1, {"a": "b"}]
    assert no_children_left()


def test_without_fork_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert Forked(os.getpid).result() == os.getpid()


def test_when_fork_fails_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    copy = Forked(os.getpid)
    assert copy.result() == os.getpid()


def test_a_copy_that_fails_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if the copy had died
        return 42

    assert Forked(work).result() == 42
    assert no_children_left()


def test_an_error_is_raised_here_as_the_work_raises_it() -> None:
    def work() -> int:
        raise LookupError("no such journey")

    with pytest.raises(LookupError, match="no such journey"):
        Forked(work).result()
    assert no_children_left()


def test_a_value_that_cannot_travel_is_made_here() -> None:
    parent = os.getpid()
    job = Forked(lambda: lambda: os.getpid())  # a lambda does not pickle
    assert job.result()() == parent


def test_closing_stops_a_copy_still_at_work() -> None:
    job = Forked(lambda: time.sleep(30))
    started = time.monotonic()
    job.close()
    job.close()
    assert time.monotonic() - started < 5
    assert no_children_left()


def test_the_report_is_the_same_whether_pictures_are_drawn_in_a_copy_or_not(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    here, copied = tmp_path / "here", tmp_path / "copied"
    workspace = str(examples / "retail")
    assert runner.invoke(app, ["report", workspace, "-o", str(copied)]).exit_code == 0
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert runner.invoke(app, ["report", workspace, "-o", str(here)]).exit_code == 0
    files = sorted(p.name for p in here.iterdir())
    assert files == sorted(p.name for p in copied.iterdir()) and "index.html" in files
    for name in files:
        assert (here / name).read_bytes() == (copied / name).read_bytes(), name
    pages = "".join(p.read_text() for p in here.glob("*.html"))
    assert re.search(r"JK[3-9]\d\d", pages)  # lint's findings are on the pages


def test_drawn_pictures_travel_with_their_errors(examples: Path) -> None:
    from journeykit.render import View
    from journeykit.render.engine import RenderError
    from journeykit.report.pictures import Drawn, draw
    from journeykit.run.engine import validate_paths

    project = validate_paths([examples / "retail"]).workspaces[0].project
    journey = project.journey_list()[0]
    drawn = Forked(partial(draw, project, [journey], 60.0)).result()
    assert drawn is not None
    assert drawn(journey, View.map).lstrip().startswith("<?xml")
    assert "<svg" in drawn(journey, View.flow)
    failed = Forked(lambda: Drawn({(journey.item.id, "map"): RenderError("dot timed out")}))
    with pytest.raises(RenderError, match="dot timed out"):
        failed.result()(journey, View.map)
