"""`-o` given a FIFO, a device or a link: written through, never replaced by a regular file.

No test here writes to a real device: a FIFO in the test's folder stands for one, and
`/dev/null` is only reached through a link, which is safe even if the fix were missing
(a rename replaces the link, not the device).
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.fileio.atomic import write_atomic
from test_atomic import files_under, workspace


class Reader:
    """Reads a FIFO to its end in a thread, as `cat fifo` would.

    A hard link to the FIFO, kept in another folder, lets the test end a reader still
    waiting on a FIFO that was replaced (instead of hanging).
    """

    def __init__(self, fifo: Path, keep: Path) -> None:
        self.fifo = fifo
        self.keep = keep
        os.link(fifo, keep)
        self.data = b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.keep, "rb") as handle:
            self.data = handle.read()

    def result(self) -> bytes:
        self.thread.join(10)
        if self.thread.is_alive():  # nobody wrote to the FIFO: release the reader
            os.close(os.open(self.keep, os.O_WRONLY))
            self.thread.join(10)
        return self.data


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "report.json"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


def keep_path(tmp_path: Path) -> Path:
    folder = tmp_path / "keep"
    folder.mkdir(exist_ok=True)
    return folder / "fifo"


def test_a_fifo_is_written_as_a_stream_and_stays_a_fifo(tmp_path: Path, fifo: Path) -> None:
    inode = fifo.stat().st_ino
    reader = Reader(fifo, keep_path(tmp_path))
    write_atomic(fifo, "streamed\n")
    assert reader.result() == b"streamed\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and fifo.stat().st_ino == inode
    assert files_under(fifo.parent) == {"report.json"}  # no temporary beside it


def test_a_link_to_a_fifo_writes_the_fifo_and_stays_a_link(tmp_path: Path, fifo: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    reader = Reader(fifo, keep_path(tmp_path))
    write_atomic(link, b"through the link")
    assert reader.result() == b"through the link"
    assert link.is_symlink() and os.readlink(link) == str(fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_validate_output_to_a_fifo(tmp_path: Path, fifo: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good"])
    reader = Reader(fifo, keep_path(tmp_path))
    result = CliRunner().invoke(app, ["validate", str(ws), "-f", "json", "-o", str(fifo)])
    assert result.exit_code == 0, result.output
    assert b'"findings": []' in reader.result()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_gaps_output_to_a_link_to_a_fifo(tmp_path: Path, fifo: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good"])
    link = tmp_path / "gaps.json"
    link.symlink_to(fifo)
    reader = Reader(fifo, keep_path(tmp_path))
    result = CliRunner().invoke(app, ["gaps", str(ws), "-f", "json", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert reader.result().startswith(b"{")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_render_into_a_folder_writes_a_fifo_there_as_a_stream(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good"])
    out = tmp_path / "out"
    out.mkdir()
    picture = out / "good.map.dot"
    os.mkfifo(picture)
    reader = Reader(picture, keep_path(tmp_path))
    result = CliRunner().invoke(app, ["render", str(ws), "-f", "dot", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert reader.result().startswith(b"digraph")
    assert stat.S_ISFIFO(picture.lstat().st_mode) and files_under(out) == {"good.map.dot"}


def test_a_link_to_dev_null_keeps_the_link_and_the_device(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(os.devnull)
    write_atomic(link, "discarded")
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert files_under(tmp_path) == {"out.json"}


def test_a_link_to_a_regular_file_replaces_the_target_atomically(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "findings.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "findings.json"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file's mode is kept
    assert files_under(tmp_path) == {"real", "real/findings.json", "findings.json"}


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, "made")
    assert link.is_symlink() and (tmp_path / "made.json").read_text(encoding="utf-8") == "made"


def test_a_folder_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "out.json"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomic(folder, "x")
    assert folder.is_dir() and files_under(tmp_path) == {"out.json"}
