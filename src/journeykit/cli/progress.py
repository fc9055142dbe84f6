"""A progress bar for long runs on a terminal: none in CI, none when output is piped.

The core reports progress through a plain callback (`journeykit.run.pool.Progress`);
this module turns it into a rich bar on standard error, and only once a run has taken
longer than a moment, so quick runs never import rich for it.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import IO, Any

_FALSE = ("", "0", "false", "no")


def wanted(*streams: IO[str]) -> bool:
    """A bar helps a person at a terminal; in CI or in a pipe it is only noise."""
    if os.environ.get("CI", "").strip().lower() not in _FALSE:
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    for stream in streams or (sys.stdout, sys.stderr):
        isatty = getattr(stream, "isatty", None)
        if not (isatty and isatty()):
            return False
    return True


class ProgressBar:
    """A `Progress` callback that draws a bar once `delay` seconds have passed.

    Use it as a context manager so the bar is cleared however the run ends.
    """

    def __init__(
        self,
        label: str,
        delay: float = 0.4,
        stream: IO[str] | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.enabled = wanted() if enabled is None else enabled
        self.started = time.monotonic()
        self.shown = False
        self._progress: Any = None
        self._task: Any = None
        self._drawn = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._progress is None:
            if done >= total or now - self.started < self.delay:
                return
            self._show(total)
        self._progress.update(self._task, completed=done, total=total)
        if done >= total or now - self._drawn >= 0.1:
            self._progress.refresh()
            self._drawn = now

    def _show(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=self.stream, force_terminal=True)
        # No refresh thread: workers are forked while the bar may be up.
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            auto_refresh=False,
        )
        self._task = self._progress.add_task(self.label, total=total)
        self._progress.start()
        self.shown = True

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
