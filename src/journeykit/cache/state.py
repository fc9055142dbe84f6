"""What a result cache entry is keyed on: the state of a workspace's inputs.

Computed twice, and equal only for the same inputs: from what a run read (the texts it
parsed, so a file changed meanwhile cannot be filed under its new content), and from
the files as they are now, when a later run looks the entry up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.cache import files as cachefiles
from journeykit.workspace.discovery import WorkspaceFile

if TYPE_CHECKING:
    from journeykit.loader.source import SourceFile
    from journeykit.workspace.config import Config

MAX_CONFIG_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"


def read_state(
    files: Sequence[WorkspaceFile], limit: int, kept: set[str]
) -> tuple[str, dict[str, bytes]] | None:
    """The state of the files as they are now, and the bytes of those in `kept` (their
    code frames show the very bytes that matched); None when one is unreadable."""
    digest = hashlib.blake2b(digest_size=20)
    data_of: dict[str, bytes] = {}
    for file in sorted(files, key=lambda f: f.rel):
        data = cachefiles.read_regular(file.path, limit)
        if data is None:  # the loader says so: such a run is never stored
            return None
        if file.rel in kept:
            data_of[file.rel] = data
        # A text is kept as its UTF-8 without the BOM, which decoding drops: the same
        # bytes exactly when they decode to the same text.
        body = data[len(_BOM) :] if data.startswith(_BOM) else data
        _add(digest, file.rel, None if len(data) > limit else body)
    return digest.hexdigest(), data_of


def run_state(sources: Sequence[SourceFile]) -> str | None:
    """The state of the files as the run read them (`SourceFile`s), None if one was
    unreadable or not UTF-8 text (a lookup could not tell which bytes gave its findings)."""
    from journeykit.builtin_checks import FILE_TOO_LARGE

    digest = hashlib.blake2b(digest_size=20)
    for source in sorted(sources, key=lambda s: s.rel):
        if source.text is not None:
            _add(digest, source.rel, source.text.encode("utf-8"))
        elif [f.code for f in source.findings] == [FILE_TOO_LARGE.code]:
            _add(digest, source.rel, None)
        else:
            return None
    return digest.hexdigest()


def _add(digest: Any, rel: str, text: bytes | None) -> None:
    digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(b"large\0" if text is None else b"%d\0%s" % (len(text), text))


def config_key(config_file: Path | None) -> tuple[str | None, bytes | None]:
    """What an entry says of the configuration, and the bytes it was made of."""
    if config_file is None:
        return None, None
    data = cachefiles.read_regular(config_file, MAX_CONFIG_BYTES)
    if data is None or len(data) > MAX_CONFIG_BYTES:
        return "unreadable", None
    return f"{config_file}\0" + hashlib.blake2b(data, digest_size=20).hexdigest(), data


def same_config(config_file: Path | None, data: bytes | None, used: Config) -> bool:
    """Whether these bytes (None: no file) make the configuration the run used."""
    from journeykit.workspace.config import Config, ConfigError, parse_config

    if config_file is None:
        return used == Config()
    if data is None:
        return False
    try:
        return parse_config(data, config_file).config == used
    except ConfigError:
        return False
