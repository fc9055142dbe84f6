"""The `journeykit` command (console script) and `python -m journeykit`.

`journeykit --version` is answered here, before the typer CLI is imported: it runs in
a tenth of the time (start-up is most of what a version check costs).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

from journeykit import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"journeykit {__version__}\n")
        return
    _catch_signals()
    # A run is short and leaves through `_exit`: what the collector would find is small
    # (cycles are rare here), while each pass over a loaded workspace's million objects
    # costs 50-70 ms, and the first one comes right after loading.
    gc.disable()
    # pydantic looks through every installed package's entry points for plugins when it
    # builds the first model (3 ms here, more in a big environment); journeykit uses none.
    # Set the variable to an empty value to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        if sys.argv[1:2] in (["validate"], ["lint"], ["render"], ["report"], ["gaps"]):
            from journeykit.run.preload import start_early

            start_early(sys.argv[1], sys.argv[2:])
        from journeykit.cli import main as cli_main

        cli_main()
    except SystemExit as exc:
        _exit(exc.code)
    except KeyboardInterrupt:  # before the CLI could catch it (while importing it)
        _exit(130)
    _exit(0)


_caught: int | None = None
"""The signal that stopped the run, if one did (SIGINT or SIGTERM)."""


def _catch_signals() -> None:
    """SIGINT and SIGTERM unwind the run like an error, so everything on the way cleans up.

    Temporary files and folders are removed and child processes (loading workers,
    Graphviz) ended by the code that made them; the exit status is 128 + the signal's
    number (130, 143), as a shell reports a process the signal killed.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(OSError, ValueError):
            if signal.getsignal(number) is not signal.SIG_IGN:  # nohup: stay ignored
                signal.signal(number, _stop)


def _stop(number: int, frame: FrameType | None) -> None:
    global _caught
    # Once is enough: a second signal must not cut the cleanup of the first one short.
    for other in (signal.SIGINT, signal.SIGTERM):
        signal.signal(other, signal.SIG_IGN)
    _caught = number
    if number == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + number)


def _exit(code: object) -> NoReturn:
    """Leave without tearing the interpreter down, once the output is flushed.

    Every file is written and closed by then, and nothing registers exit handlers; what
    teardown would do is free every loaded model one by one and collect garbage a last
    time: 60-150 ms after a 1,000-file run (mypy leaves the same way, for the same reason).
    """
    if _caught is not None:
        # Whatever the unwinding turned the signal into (a worker's pipe closing first, say).
        status = 128 + _caught
        word = "interrupted" if _caught == signal.SIGINT else "terminated"
        sys.stderr.write(f"journeykit: {word}\n")
    elif code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    preload = sys.modules.get("journeykit.run.preload")
    if preload is not None:  # workers nobody claimed, say after a usage error
        preload.discard_early()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`| head`) leaves nothing more to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
