"""A report none of whose inputs changed: answered from its manifest, nothing loaded.

The report of a workspace is a function of the bytes of every file the run reads, the
configuration, which files the paths select, the timeout, and what draws it
(`incremental.stamp`). When the report folder's manifest says it was written from the
very same (`whole_entry`, recorded after a report with nothing left out and every picture
drawn), and its files are all still as they were written, the report on disk is the one
a build would write: `unchanged` says so, with the counts to tell the user, reading each
input file once and loading none. The key comes from what the run read, as the result
cache's does (`cache.state`): a file changed during that run cannot be filed under its
new bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from journeykit.cache import state as cachestate
from journeykit.report.incremental import Manifest
from journeykit.workspace.discovery import discover, select, workspace_root
from journeykit.workspace.project import Project


def whole_entry(
    project: Project,
    paths: Sequence[Path],
    timeout: float,
    drawn_by: str,
    summary: dict[str, int],
) -> dict[str, Any] | None:
    """What the manifest keeps so that `unchanged` can answer; None when it could not."""
    root, config = project.root, project.config
    found_root, config_file = workspace_root(root)
    config_key, raw = cachestate.config_key(config_file)
    state = cachestate.run_state(project.sources)
    if found_root != root or state is None:
        return None
    if not cachestate.same_config(config_file, raw, config):
        return None
    found = discover(root, list(config.include), list(config.exclude))
    rels = {s.rel for s in project.sources}
    if found.strays or found.escapes or found.nested or {f.rel for f in found.files} != rels:
        return None
    chosen = _chosen(root, rels, paths)
    if chosen is None:
        return None
    entry: dict[str, Any] = {
        "root": str(root),
        "config": config_key,
        "include": list(config.include),
        "exclude": list(config.exclude),
        "limit": config.limits.max_file_size,
        "summary": summary,
        # The logo is read when the report is built, not by the run: its bytes are in
        # no state the key is made of, so a replaced logo must be looked at on its own.
        "logo": config.render.theme.logo,
        "logo_digest": _logo_digest(root, config.render.theme.logo),
    }
    entry["key"] = _key(entry, state, chosen, timeout, drawn_by)
    return entry


def unchanged(
    manifest: Manifest, paths: Sequence[Path], output: Path, timeout: float, drawn_by: str
) -> dict[str, int] | None:
    """The counts of the report in `output` if it is the one its inputs make now."""
    entry = manifest.whole
    if entry is None:
        return None
    try:
        return _unchanged(entry, manifest, paths, output, timeout, drawn_by)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _unchanged(
    entry: dict[str, Any],
    manifest: Manifest,
    paths: Sequence[Path],
    output: Path,
    timeout: float,
    drawn_by: str,
) -> dict[str, int] | None:
    root = Path(entry["root"])
    for raw in paths:
        if not (raw.is_dir() or raw.is_file()) or workspace_root(raw)[0] != root:
            return None
    if cachestate.config_key(workspace_root(root)[1])[0] != entry["config"]:
        return None
    found = discover(root, list(entry["include"]), list(entry["exclude"]))
    if found.strays or found.escapes or found.nested:
        return None
    now = cachestate.read_state(found.files, int(entry["limit"]), set())
    chosen = _chosen(root, {f.rel for f in found.files}, paths)
    if now is None or chosen is None:
        return None
    if _key(entry, now[0], chosen, timeout, drawn_by) != entry["key"]:
        return None
    logo = entry.get("logo")
    if _logo_digest(root, None if logo is None else str(logo)) != entry.get("logo_digest"):
        return None
    if not manifest.intact(output):
        return None
    return {str(k): int(v) for k, v in dict(entry["summary"]).items()}


def _logo_digest(root: Path, logo: str | None) -> str:
    """The logo file's bytes, hashed ('' for no logo, '-' when it cannot be read)."""
    if logo is None:
        return ""
    try:
        return hashlib.blake2b((root / logo).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "-"


def _chosen(root: Path, rels: set[str], paths: Sequence[Path]) -> list[str] | None:
    chosen: set[str] = set()
    for raw in paths:
        if workspace_root(raw)[0] != root:
            return None
        picked, outside = select(root, rels, raw)
        if outside is not None:
            return None
        chosen.update(picked)
    return sorted(chosen)


def _key(
    entry: dict[str, Any], state: str, chosen: list[str], timeout: float, drawn_by: str
) -> str:
    digest = hashlib.blake2b(digest_size=20)
    parts = [
        "journeykit-report-whole 1",
        drawn_by,
        str(entry["root"]),
        str(entry["config"]),
        repr(entry["include"]),
        repr(entry["exclude"]),
        str(entry["limit"]),
        state,
        repr(timeout),
        os.getcwd(),
        *chosen,
    ]
    for part in parts:
        data = part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
