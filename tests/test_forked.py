"""`Forked` and `Stream` (lint's rule chunks on other cores): work done in a copy of the
process gives what doing it here gives."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

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


def test_a_stream_gives_each_piece_in_order_as_the_copy_makes_it() -> None:
    parent = os.getpid()
    big = b"x" * (3 << 20)  # far more than a pipe holds: the copy must not wait for a read

    def work() -> Iterator[bytes]:
        yield str(os.getpid()).encode()
        yield big
        time.sleep(0.5)
        yield b"last"

    stream = forked.Stream(work)
    deadline = time.monotonic() + 20
    early: list[bytes] = []
    while len(early) < 2 and time.monotonic() < deadline:
        early += stream.ready()  # without waiting: the third piece is still to come
    assert int(early[0]) != parent and early[1] == big
    assert stream.rest() == [b"last"]
    assert stream.ready() == [] and stream.rest() == []
    assert no_children_left()


def test_a_stream_from_a_copy_that_fails_gives_what_it_finished() -> None:
    def work() -> Iterator[bytes]:
        yield b"one"
        yield b"two"
        os._exit(3)

    stream = forked.Stream(work)
    assert stream.rest() == [b"one", b"two"]
    assert no_children_left()


def test_without_fork_a_stream_runs_its_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    stream = forked.Stream(lambda: iter([str(os.getpid()).encode()]))
    assert stream.ready() == []
    assert stream.rest() == [str(os.getpid()).encode()]


def test_closing_stops_a_stream_still_at_work() -> None:
    def work() -> Iterator[bytes]:
        yield b"first"
        time.sleep(30)
        yield b"never"

    stream = forked.Stream(work)
    started = time.monotonic()
    stream.close()
    stream.close()
    assert time.monotonic() - started < 5
    assert stream.rest() == []
    assert no_children_left()
