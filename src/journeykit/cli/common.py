"""What every command shares: errors, colour, atomic writes, output routing."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from journeykit.fileio.atomic import write_atomic

if TYPE_CHECKING:
    from journeykit.cache.results import ResultCache
    from journeykit.workspace.leftout import LeftOut

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print `journeykit: message` to standard error and exit (2 by default)."""
    sys.stderr.write(f"journeykit: {message}\n")
    raise typer.Exit(code)


def use_color(stream: object = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def emit(text: str, output: Path | None) -> None:
    """Text to standard output, or to `output` (see `atomic.write_atomic`: a regular file
    atomically, a FIFO or a device as a stream)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


def say_left_out(files: Sequence[LeftOut]) -> None:
    """One line on standard error per file left out: where its first error is, and what."""
    for item in files:
        f, loc = item.finding, item.finding.location
        more = f", {item.errors} errors in all" if item.errors > 1 else ""
        sys.stderr.write(
            f"journeykit: {loc.file}:{loc.line}:{loc.column}: {f.code} {f.name}: {f.message} "
            f"(file left out{more}; see `journeykit validate`)\n"
        )


def cache_wanted(no_cache: bool) -> bool:
    """Whether to use the result cache: not with `--no-cache` or `JOURNEYKIT_NO_CACHE=1`."""
    disabled = os.environ.get("JOURNEYKIT_NO_CACHE", "").strip().lower()
    return not no_cache and disabled in ("", "0", "false")


def open_cache(no_cache: bool) -> ResultCache | None:
    """The result cache, unless turned off: in `<root>/.journeykit_cache/` of each
    workspace, or all in `$JOURNEYKIT_CACHE_DIR`."""
    if not cache_wanted(no_cache):
        return None
    from journeykit.cache.results import CACHE_DIR, ResultCache

    where = os.environ.get("JOURNEYKIT_CACHE_DIR")
    if where:
        return ResultCache(lambda root: Path(where))
    return ResultCache(lambda root: root / CACHE_DIR)


def tell(cache: ResultCache | None) -> None:
    """Say once on standard error why the cache was not used, if it was not."""
    for notice in cache.notices if cache is not None else []:
        sys.stderr.write(f"journeykit: {notice}\n")
