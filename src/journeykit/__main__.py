"""The `journeykit` command (console script) and `python -m journeykit`.

`journeykit --version` is answered here, before the typer CLI is imported: it runs in
a tenth of the time (start-up is most of what a version check costs).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

from journeykit import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"journeykit {__version__}\n")
        return
    # A run is short and leaves through `_exit`: what the collector would find is small
    # (cycles are rare here), while each pass over a loaded workspace's million objects
    # costs 50-70 ms, and the first one comes right after loading.
    gc.disable()
    # pydantic looks through every installed package's entry points for plugins when it
    # builds the first model (3 ms here, more in a big environment); journeykit uses none.
    # Set the variable to an empty value to have them loaded.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:2] in (["validate"], ["lint"], ["render"], ["report"], ["gaps"]):
        from journeykit.preload import start_early

        start_early(sys.argv[1], sys.argv[2:])
    from journeykit.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        _exit(exc.code)
    _exit(0)


def _exit(code: object) -> NoReturn:
    """Leave without tearing the interpreter down, once the output is flushed.

    Every file is written and closed by then, and nothing registers exit handlers; what
    teardown would do is free every loaded model one by one and collect garbage a last
    time: 60-150 ms after a 1,000-file run (mypy leaves the same way, for the same reason).
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    preload = sys.modules.get("journeykit.preload")
    if preload is not None:  # workers nobody claimed, say after a usage error
        preload.discard_early()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`| head`) leaves nothing more to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
