"""The `journeykit` command (console script) and `python -m journeykit`.

`journeykit --version` is answered here, before the typer CLI is imported: it runs in
a tenth of the time (start-up is most of what a version check costs).
"""

from __future__ import annotations

import sys

from journeykit import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"journeykit {__version__}\n")
        return
    from journeykit.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
