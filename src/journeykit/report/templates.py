"""The report's Jinja environment, with the compiled templates cached on disk.

Compiling the templates costs about as much as rendering a large journey page, so the
compiled code is kept in Jinja's standard `FileSystemBytecodeCache`, in
`$XDG_CACHE_HOME/journeykit` (`~/.cache/journeykit`). Jinja checks each entry against the
template's source; the file names also carry a digest of the Jinja and Python versions and
of the environment's settings, so no entry outlives what it was compiled for. A cache
that cannot be read or written is skipped silently: the templates are compiled as before,
and the pages are the same bytes either way.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket

from journeykit.fileio.userdirs import user_cache_dir
from journeykit.words import counted

SETTINGS: dict[str, Any] = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
"""Every page is HTML and every user string is escaped; the cache key is derived from this."""


class _QuietCache(FileSystemBytecodeCache):
    """Jinja's on-disk cache that treats any problem as a miss, never as an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        # A truncated or foreign file can fail in marshal or pickle in many ways; it is
        # compiled afresh and overwritten.
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/journeykit`, else `~/.cache/journeykit`; None without a home."""
    return user_cache_dir()


def cache_key() -> str:
    settings = sorted((name, repr(value)) for name, value in SETTINGS.items())
    stamp = repr((jinja2.__version__, sys.version, settings))
    return hashlib.sha256(stamp.encode("utf-8")).hexdigest()[:16]


def environment(cache: Path | None = None, use_cache: bool = True) -> Environment:
    """The environment of `journeykit/templates/report/`; `cache` overrides the folder."""
    folder = (cache or cache_dir()) if use_cache else None
    bytecode = _QuietCache(str(folder), f"report-{cache_key()}-%s.cache") if folder else None
    env = Environment(
        loader=PackageLoader("journeykit", "templates/report"),
        bytecode_cache=bytecode,
        **SETTINGS,
    )
    env.filters["counted"] = counted
    return env
