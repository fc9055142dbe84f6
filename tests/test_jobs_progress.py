"""The progress bar: on a terminal after a moment, never in CI or in a pipe."""

from __future__ import annotations

import io

import pytest

from journeykit.cli.progress import ProgressBar, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("ci", "term", "tty", "expected"),
    [
        (None, "xterm", True, True),
        ("true", "xterm", True, False),
        ("1", "xterm", True, False),
        ("0", "xterm", True, True),
        ("false", "xterm", True, True),
        (None, "dumb", True, False),
        (None, "xterm", False, False),
    ],
)
def test_a_bar_is_wanted_only_by_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, ci: str | None, term: str, tty: bool, expected: bool
) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("TERM", term)
    stream = Terminal() if tty else io.StringIO()
    assert wanted(stream, Terminal()) is expected


def test_the_bar_shows_once_the_run_takes_a_moment_and_clears_itself() -> None:
    stream = Terminal()
    with ProgressBar("Validating", delay=0, stream=stream, enabled=True) as bar:
        for done in range(1, 501):
            bar(done, 500)
        assert bar.shown
    shown = stream.getvalue()
    assert "Validating" in shown and "500/500" in shown
    assert "\x1b[?25h" in shown  # the cursor is back
    assert shown.endswith("\x1b[2K")  # and the bar's line erased


def test_a_quick_run_shows_nothing() -> None:
    stream = Terminal()
    with ProgressBar("Validating", delay=60, stream=stream, enabled=True) as bar:
        bar(1, 2)
        bar(2, 2)
    assert not bar.shown and stream.getvalue() == ""


def test_a_disabled_bar_shows_nothing() -> None:
    stream = Terminal()
    with ProgressBar("Validating", delay=0, stream=stream, enabled=False) as bar:
        bar(1, 1000)
    assert not bar.shown and stream.getvalue() == ""
