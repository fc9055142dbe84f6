"""A result cache lookup: the entries of the workspaces the paths stand for, checked
against their files as they are now, as `run.targets` resolves the same paths.

A folder above several workspaces (no configuration of its own, no journeykit file of
its own) stands for every workspace below it, each answered from its own entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeykit.cache import state as cachestate
from journeykit.cache.hit import CachedRun, CachedWorkspace
from journeykit.findings import Finding, Severity
from journeykit.workspace.discovery import (
    Discovery,
    discover,
    holds_only_workspaces,
    select,
    workspace_root,
)

Read = Callable[[Path], dict[str, Any] | None]
"""The entry of a workspace root that checks out as the user's own, or None."""


@dataclass(slots=True)
class _Hits:
    """What a lookup found so far: each workspace's entry, and every root's walk."""

    read: Read
    workspaces: dict[Path, CachedWorkspace] = field(default_factory=dict)
    found: dict[Path, Discovery] = field(default_factory=dict)
    max_bytes: int = 0


def lookup_run(paths: Sequence[Path], base: Path | None, read: Read) -> CachedRun | None:
    """The cached findings for `paths`, or None when any part of them must be run."""
    hits = _Hits(read)
    for raw in paths or [Path(".")]:
        if not (raw.is_dir() or raw.is_file()) or not _take(raw, hits):
            return None
    return CachedRun(list(hits.workspaces.values()), base, hits.max_bytes)


def _take(raw: Path, hits: _Hits) -> int:
    """Select what `raw` stands for in its workspace and in the workspaces nested below
    it, as `run.targets` does; how many files (0: a miss, the full run says why)."""
    root, config_file = workspace_root(raw)
    if root not in hits.found and not _open(root, config_file, hits):
        return 0
    found = hits.found[root]
    chosen, outside = select(root, {f.rel for f in found.files}, raw)
    if outside is not None:
        return 0
    workspace = hits.workspaces.get(root)
    if workspace is not None:
        workspace.selected.update(chosen)
    count = len(chosen)
    if raw.is_dir():
        here = raw.resolve()
        for nested in found.nested:
            if nested.is_relative_to(here):
                taken = _take(nested, hits)
                if not taken:
                    return 0
                count += taken
    return count


def _open(root: Path, config_file: Path | None, hits: _Hits) -> bool:
    """The entry of `root`, checked against its files as they are now; or, for a folder
    without configuration that only holds workspaces, its walk."""
    entry = hits.read(root)
    if entry is None:
        if config_file is not None:  # only a full run checks that configuration
            return False
        found = hits.found[root] = discover(root, ["**"], [])
        if holds_only_workspaces(found, config_file):
            found.strays.clear()  # not reported, as `run.targets` drops such a root
            found.escapes.clear()
        return not (found.files or found.strays or found.escapes)
    if entry["config"] != cachestate.config_key(config_file)[0]:
        return False
    limit = int(entry["max_file_bytes"])
    found = discover(root, list(entry["include"]), list(entry["exclude"]))
    if found.strays or found.escapes:
        return False  # only a full run names them
    findings = [Finding.from_data(f) for f in entry["findings"]]
    kept = {f.location.file for f in findings}
    state = cachestate.read_state(found.files, limit, kept)
    if state is None or state[0] != entry["state"]:
        return False
    level = entry["fail_level"]
    fail_level = None if level is None else Severity.parse(str(level))
    hits.workspaces[root] = CachedWorkspace(root, set(), findings, fail_level, state[1])
    hits.found[root] = found
    hits.max_bytes = max(hits.max_bytes, limit)
    return True
