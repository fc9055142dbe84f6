"""The report rebuilt after a change: pages whose inputs did not change are kept as they are.

A journey's page (and its two pictures) is a function of what `page_keys` hashes: the
journey's text and file name, the findings in that file, the touchpoints other journeys
lead into, every other file of the workspace that is not a journey (personas, channels),
the configuration, the report's title, and what draws it (journeykit's code and
templates, Jinja, Graphviz: `stamp`). After a report is written, its manifest records,
for each page's key, the files it wrote and their identity on disk (device, inode, size,
times); the next report takes over a page whose key it finds, if its files are still
those very files (unwritten: any write changes their times), without building or even
reading it (`fileio.atomicdir.Kept`). Everything else, and the index, is built afresh.

The manifest lives in a folder the caller chooses (the CLI: beside the picture cache,
never in a workspace), one per report folder. A manifest that cannot be read, or does
not check out, is no manifest: the report is then built whole. Whoever can write that
folder can make a report keep a stale page: it is the user's own, as their home is.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeykit import __version__
from journeykit.cache import files as cachefiles
from journeykit.fileio.atomicdir import Content, Kept, identity
from journeykit.findings import Finding
from journeykit.kinds import FileKind
from journeykit.model import Journey
from journeykit.workspace.project import Located, Project

_FORMAT = 1
_MAX_BYTES = 64 << 20


def stamp(engine: str) -> str:
    """What draws the report: journeykit's code and templates, Jinja, and `engine` (the
    Graphviz identity and version the pictures are drawn with, or why there is none)."""
    import jinja2
    import markupsafe

    from journeykit.cache.results import code_fingerprint

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{code_fingerprint()}\0{engine}\0".encode())
    for module in (jinja2, markupsafe):
        info = os.stat(module.__file__ or "")
        digest.update(f"{module.__name__}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    templates = Path(__file__).resolve().parent.parent / "templates"
    for folder, dirs, names in os.walk(templates):
        dirs.sort()
        for name in sorted(names):
            info = os.stat(os.path.join(folder, name))
            digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def page_keys(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    drawn_by: str,
) -> list[str]:
    """One key per journey: equal keys, equal pages (`drawn_by`: `stamp()`)."""
    shared = hashlib.blake2b(digest_size=20)
    _add(shared, f"journeykit-page {_FORMAT}", drawn_by, project.root.name)
    _add(shared, project.config.model_dump_json())
    for source in sorted(project.sources, key=lambda s: s.rel):
        if source.kind is not FileKind.journey:
            _add(shared, source.rel, "\0" if source.text is None else source.text)
    by_file: dict[str, list[str]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.file, []).append(_finding(finding))
    keys = []
    for journey in journeys:
        digest = shared.copy()
        rel = journey.source.rel
        first = project.journeys.get(journey.item.id)
        _add(digest, rel, journey.source.text or "", "".join(by_file.get(rel, [])))
        _add(digest, "\0".join(sorted(project.inbound(journey.item.id))))
        # Gaps are those of the journey the id stands for, should two files share it.
        _add(digest, first.source.rel if first else "", first.source.text or "" if first else "")
        keys.append(digest.hexdigest())
    return keys


def _finding(f: Finding) -> str:
    """All a finding says, as text (no tuple: 15,000 of them woke the collector)."""
    loc = f.location
    return (
        f"{len(f.code)}:{f.code}{len(f.name)}:{f.name}{int(f.severity)}:{len(f.message)}:"
        f"{f.message}{len(loc.file)}:{loc.file}:{loc.line}:{loc.column}:{len(loc.yaml_path)}:"
        f"{loc.yaml_path}:{loc.end_line}:{loc.end_column}:{f.hint is None}:"
        f"{len(f.hint or '')}:{f.hint or ''}"
    )


def _add(digest: Any, *parts: str) -> None:
    for part in parts:
        data = part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "big") + data)


@dataclass(slots=True)
class Manifest:
    """What the last report written to a folder holds: files and pages, and the summary."""

    files: dict[str, list[int]] = field(default_factory=dict)
    """File name -> identity when written."""
    pages: dict[str, list[str]] = field(default_factory=dict)
    """Page key -> the files of that page."""
    whole: dict[str, Any] | None = None
    """The whole report's key and summary, when it can be answered unbuilt (`unchanged`)."""

    def kept(self, output: Path, keys: Sequence[str]) -> dict[str, dict[str, Kept]]:
        """For each key whose page is in `output` as it was written: its files, as `Kept`."""
        found: dict[str, dict[str, Kept]] = {}
        real = Path(os.path.realpath(output))
        for key in keys:
            names = self.pages.get(key)
            if not names or key in found:
                continue
            files = {}
            for name in names:
                now = identity(real / name)
                if now is None or list(now) != self.files.get(name):
                    break
                files[name] = Kept(now)
            else:
                found[key] = files
        return found

    def intact(self, output: Path) -> bool:
        """Whether `output` holds the report's files as they were written, and no other
        file of a name the report writes (a build would remove it)."""
        from journeykit.report.names import written_by_report

        real = Path(os.path.realpath(output))
        try:
            names = {n for n in os.listdir(real) if written_by_report(n)}
        except OSError:
            return False
        return names == set(self.files) and all(
            (now := identity(real / name)) is not None and list(now) == known
            for name, known in self.files.items()
        )


def _name(output: Path) -> str:
    real = os.path.realpath(output).encode("utf-8", "surrogateescape")
    return "report-" + hashlib.blake2b(real, digest_size=16).hexdigest() + ".json"


def read_manifest(folder: Path, output: Path) -> Manifest | None:
    """The manifest of the report in `output`, kept in `folder`; None if none checks out."""
    try:
        fd = cachefiles.open_folder(folder, create=False)
    except cachefiles.Refused:
        return None
    if fd is None:
        return None
    try:
        raw = cachefiles.read_entry(fd, _name(output), _MAX_BYTES)
    finally:
        os.close(fd)
    try:
        data = json.loads(raw or b"null")
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return None
        if data.get("output") != os.path.realpath(output):
            return None
        files = {str(k): [int(n) for n in v] for k, v in dict(data["files"]).items()}
        pages = {str(k): [str(n) for n in v] for k, v in dict(data["pages"]).items()}
        whole = data.get("whole")
        return Manifest(files, pages, dict(whole) if isinstance(whole, dict) else None)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def write_manifest(
    folder: Path,
    output: Path,
    files: Mapping[str, Content],
    pages: Mapping[str, Sequence[str]],
    whole: Mapping[str, Any] | None = None,
) -> None:
    """Record the report just written to `output`: `files` and each page key's files.

    Call it right after the folder was written: a file already changed is recorded as
    it is now, which only means it will be kept as it is now. Failing to write is silent.
    """
    from journeykit.collector import paused_gc

    with paused_gc():  # thousands of small lists beside a loaded workspace
        _write_manifest(folder, output, files, pages, whole)


def _write_manifest(
    folder: Path,
    output: Path,
    files: Mapping[str, Content],
    pages: Mapping[str, Sequence[str]],
    whole: Mapping[str, Any] | None,
) -> None:
    real = Path(os.path.realpath(output))
    known = {}
    for name in files:
        now = identity(real / name)
        if now is not None:
            known[name] = list(now)
    body = {
        "format": _FORMAT,
        "output": str(real),
        "files": known,
        "pages": {k: list(v) for k, v in pages.items() if all(n in known for n in v)},
        "whole": dict(whole) if whole is not None else None,
    }
    try:
        fd = cachefiles.open_folder(folder, create=True)
    except cachefiles.Refused:
        return
    if fd is None:
        return
    try:
        cachefiles.write_new(fd, _name(output), json.dumps(body).encode("utf-8"), 0o600)
    except OSError:
        pass
    finally:
        os.close(fd)


def drawn_by(pictures: Path) -> str:
    """`stamp()` for the Graphviz that draws now; its version is kept in the picture cache
    folder `pictures`, so that asking costs no Graphviz run."""
    from journeykit.render.engine import find_engine
    from journeykit.render.picture_cache import PictureCache

    engine = find_engine()
    if engine is None:
        return stamp("no engine")
    with PictureCache(pictures) as cache:
        version = cache.engine_version(engine)
    return stamp(f"{engine.name}\0{engine.path}\0{version}")
