"""The result cache as a layer around the run: a hit answers, a miss runs and is kept.

The caller (the CLI) makes the `ResultCache` with the folders it chooses; the library never
decides on its own to write inside a workspace. A hit imports neither pydantic nor PyYAML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.cache.hit import CachedRun
from journeykit.cache.results import VALIDATE, Command, ResultCache
from journeykit.run.options import RunOptions

if TYPE_CHECKING:
    from journeykit.run.result import RunResult


def command_for(options: RunOptions) -> Command:
    """Which entries answer a run with these options: the options that change findings."""
    if options.lint is None:
        return VALIDATE
    select = list(options.lint.select) if options.lint.select is not None else None
    return Command("lint", json.dumps([select, list(options.lint.ignore)]))


def cached_run(
    paths: Sequence[Path], options: RunOptions, cache: ResultCache | None
) -> RunResult | CachedRun:
    """`run(paths, options)`, answered from `cache` when nothing it depends on changed."""
    command = command_for(options)
    if options.lint is not None and options.lint.observe is not None:
        cache = None  # the findings depend on an event log the cache does not key on
    if cache is not None:
        hit = cache.lookup(paths, options.base, command)
        if hit is not None:
            return hit
    from journeykit.run.engine import run

    result = run(paths, options)
    if cache is not None:
        cache.remember(result, command)
    return result
