"""The user's own folders: where caches that are not a workspace's live."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/journeykit`, else `~/.cache/journeykit`; None without a home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base, "journeykit")
