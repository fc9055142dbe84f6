"""`Forked` (lint's rule shares on other cores): work done in a copy of the process gives
what doing it here gives."""

from __future__ import annotations

import os
import time

import pytest

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
