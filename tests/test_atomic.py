"""Outputs are written atomically and never land outside the folder asked for."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.cli.common import output_path
from journeykit.fileio.atomic import write_atomic
from journeykit.run.engine import validate_paths

CATALOGS = {
    "channels.yaml": "version: 1\nchannels:\n"
    "  - {id: web, name: Web, kind: web, presence: online, outbound: false}\n",
    "personas.yaml": "version: 1\npersonas:\n"
    "  - {id: parent, name: Parent, buyer: consumer, market: b2c}\n",
}
JOURNEY = """\
version: 1
id: {id}
title: A journey
personas: [parent]
stages:
  - {{id: buy, name: Purchase}}
touchpoints:
  - {{id: shop, name: Shops, stage: buy, channel: web, kind: action, end: true}}
"""
HOSTILE_IDS = ["../../etc/x", "/etc/passwd", "..", ".hidden", "a/b", "a\\\\b", "x\\ny"]


def workspace(root: Path, ids: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in CATALOGS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "journeys").mkdir()
    for i, journey_id in enumerate(ids):
        text = JOURNEY.format(id=f'"{journey_id}"')
        (root / "journeys" / f"j{i}.journey.yaml").write_text(text, encoding="utf-8")
    return root


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


# --- write_atomic ---


def test_write_atomic_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "report.json"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert files_under(tmp_path) == {"deep", "deep/report.json"}


class _FailingHandle:
    """A file handle that writes half the data, then finds the disk full."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["write", "rename", "interrupt"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "map.svg"
    target.write_text("old", encoding="utf-8")
    real_fdopen = os.fdopen
    if where == "write":
        monkeypatch.setattr(os, "fdopen", lambda fd, mode: _FailingHandle(real_fdopen(fd, mode)))
        expected: type[BaseException] = OSError
    elif where == "rename":
        monkeypatch.setattr(os, "replace", _raise(OSError(errno.EXDEV, "Cross-device link")))
        expected = OSError
    else:
        monkeypatch.setattr(os, "replace", _raise(KeyboardInterrupt()))
        expected = KeyboardInterrupt
    with pytest.raises(expected):
        write_atomic(target, "new content " * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert files_under(tmp_path) == {"map.svg"}


def _raise(error: BaseException) -> Any:
    def fail(*args: object) -> None:
        raise error

    return fail


def test_a_failed_report_write_exits_2_and_keeps_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace(tmp_path / "ws", ["good", "../x"])
    out = tmp_path / "findings.json"
    out.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "replace", _raise(OSError(errno.EACCES, "Permission denied")))
    result = CliRunner().invoke(app, ["validate", str(ws), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert not [p for p in files_under(tmp_path) if p.endswith(".tmp")]


def test_writing_under_a_file_is_a_usage_error(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good"])
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(ws), "-o", str(blocker / "out.txt")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- ids and output names ---


@pytest.mark.parametrize("journey_id", HOSTILE_IDS)
def test_a_path_like_id_is_rejected_by_the_id_pattern(tmp_path: Path, journey_id: str) -> None:
    ws = workspace(tmp_path, [journey_id])
    findings = validate_paths([ws], base=ws).findings
    assert [(f.code, f.location.line, f.location.yaml_path) for f in findings] == [
        ("JK103", 2, "id")
    ]
    assert "is not a valid id" in findings[0].message


@pytest.mark.parametrize("name", ["../x.svg", "/etc/passwd", ".hidden.svg", "a/b.svg", "", "."])
def test_output_path_refuses_names_that_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        output_path(tmp_path, name)


def test_output_path_accepts_a_plain_name(tmp_path: Path) -> None:
    assert output_path(tmp_path, "checkout.map.svg") == tmp_path / "checkout.map.svg"


def test_render_writes_only_into_the_output_folder(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good", *HOSTILE_IDS])
    out = tmp_path / "out"
    elsewhere = files_under(tmp_path)
    result = CliRunner().invoke(app, ["render", str(ws), "-f", "dot", "-o", str(out)])
    assert result.exit_code == 1, result.output  # the hostile journeys are skipped
    assert files_under(out) == {"good.map.dot"}
    assert "digraph" in (out / "good.map.dot").read_text(encoding="utf-8")
    assert files_under(tmp_path) == elsewhere | {"out", "out/good.map.dot"}


def test_render_does_not_follow_a_link_planted_in_the_output_folder(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", ["good"])
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", encoding="utf-8")
    (out / "good.map.dot").symlink_to(outside)
    result = CliRunner().invoke(app, ["render", str(ws), "-f", "dot", "-o", str(out)])
    assert result.exit_code == 2
    assert "outside" in result.stderr
    assert outside.read_text(encoding="utf-8") == "untouched"
    assert (out / "good.map.dot").is_symlink()


def test_the_report_writes_only_into_its_folder(tmp_path: Path, dot_command: str) -> None:
    ws = workspace(tmp_path / "ws", ["good", *HOSTILE_IDS])
    site = tmp_path / "site"
    elsewhere = files_under(tmp_path)
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(site)])
    assert result.exit_code in (0, 1), result.output
    # The journey's map and flow are drawn (by Graphviz) beside its page as SVG and PNG.
    images = {"good.map.svg", "good.flow.svg", "good.map.png", "good.flow.png"}
    assert files_under(site) == {"index.html", "journey-good.html", *images}
    assert files_under(tmp_path) == elsewhere | {
        "site",
        "site/index.html",
        "site/journey-good.html",
        *(f"site/{name}" for name in images),
    }
