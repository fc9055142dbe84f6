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

from journeykit import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"journeykit {__version__}\n")
        return
    _catch_signals()
    # pydantic looks through every installed package's entry points for plugins when it
    # builds the first model (3 ms here, more in a big environment); journeykit uses none.
    # Set the variable to an empty value to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code: object = 0
    try:
        from journeykit.cli import main as cli_main

        cli_main()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # before the CLI could catch it (while importing it)
        code = 130
    # The run is over and its output flushed: the collection the interpreter makes on its
    # way out would walk every object still alive (~50 ms after a 1,000-file lint).
    # Frozen objects are left to the plain freeing.
    gc.freeze()
    sys.exit(_status(code))


class Interrupted(KeyboardInterrupt):
    """What SIGINT raises here: a KeyboardInterrupt to every `except`, but not the exact
    class. CPython remembers a bare KeyboardInterrupt that passes through code run from a
    string (a dataclass or namedtuple being made at that moment, say), even when it is
    caught later, and then ends the process by SIGINT at exit instead of with its status
    (-2 for the caller, not 130). It checks for the exact class only."""


_caught: int | None = None
"""The signal that stopped the run, if one did (SIGINT or SIGTERM)."""


def _catch_signals() -> None:
    """SIGINT and SIGTERM unwind the run like an error, so everything on the way cleans up.

    Temporary files and folders are removed and child processes (loading workers,
    Graphviz) ended by the code that made them; the exit status is 128 + the signal's
    number (130, 143), as a shell reports a process the signal killed. The console
    script owns its process: only it sets handlers, never the library.
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
        raise Interrupted
    raise SystemExit(128 + number)


def _status(code: object) -> int:
    """The exit status for what ended the run; says so on standard error where needed."""
    if _caught is not None:
        # Whatever the unwinding turned the signal into (a worker's pipe closing first, say).
        word = "interrupted" if _caught == signal.SIGINT else "terminated"
        sys.stderr.write(f"journeykit: {word}\n")
        return 128 + _caught
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


if __name__ == "__main__":
    main()
