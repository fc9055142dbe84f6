"""Reading a file from disk: at its size, never past the size limit."""

from __future__ import annotations

import os
from pathlib import Path

from journeykit.loader.source import Limits, load_file


class Growing(os.PathLike[str]):
    """A path whose `stat` reports the size the file had before it grew."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size

    def __fspath__(self) -> str:
        return str(self.path)

    def stat(self) -> os.stat_result:
        info = list(os.stat(self.path))
        info[6] = self.size  # st_size
        return os.stat_result(info)


TEXT = (
    "version: 1\nchannels:\n  - {id: sms, name: SMS, kind: messaging,\n"
    "     presence: mobile, outbound: true}\n"
)


def test_a_file_that_grew_after_stat_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "channels.yaml"
    path.write_text(TEXT)
    source = load_file(Growing(path, 10), "channels.yaml")  # type: ignore[arg-type]
    assert source.text == TEXT
    assert source.findings == []


def test_a_file_that_grew_past_the_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "channels.yaml"
    path.write_text(TEXT)
    limits = Limits(max_file_bytes=len(TEXT) - 1)
    source = load_file(Growing(path, 10), "channels.yaml", limits=limits)  # type: ignore[arg-type]
    assert [f.code for f in source.findings] == ["JK004"]


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "channels.yaml"
    path.write_text(TEXT)
    size = len(TEXT.encode())
    assert load_file(path, "channels.yaml", limits=Limits(max_file_bytes=size)).findings == []
    over = load_file(path, "channels.yaml", limits=Limits(max_file_bytes=size - 1))
    assert [f.code for f in over.findings] == ["JK004"]
