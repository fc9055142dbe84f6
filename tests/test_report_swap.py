"""The report folder is replaced whole: the old report or the new, never a mix.

Files journeykit does not write there (a CNAME, extra assets) are carried over; files it
wrote last time and does not write now (the page of a deleted journey) are gone.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import journeykit
from journeykit.cli import app
from journeykit.fileio import atomicdir
from journeykit.fileio.atomicdir import replace_folder
from journeykit.report.build import written_by_report

SMALL = Path(__file__).parent / "render" / "small"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*") if p.name.endswith((".tmp", ".old"))]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SMALL, tmp_path / "ws"))


@pytest.fixture
def site(tmp_path: Path, ws: Path) -> Path:
    """A report written once, with a user's files beside it and a stale page."""
    folder = tmp_path / "site"
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    (folder / "CNAME").write_text("journeys.example.com\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "logo.png").write_bytes(b"\x89PNG logo")
    (folder / ".nojekyll").write_text("")
    (folder / "journey-deleted.html").write_text("a journey since deleted")
    return folder


def test_the_next_report_keeps_the_users_files_and_drops_stale_pages(
    site: Path, ws: Path, tmp_path: Path
) -> None:
    before = site.stat().st_ino
    (ws / "journeys" / "loyalty.journey.yaml").unlink()
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(site)])
    assert result.exit_code == 0, result.output
    files = snapshot(site)
    assert files["CNAME"] == b"journeys.example.com\n"
    assert files["assets/logo.png"] == b"\x89PNG logo" and ".nojekyll" in files
    assert "journey-deleted.html" not in files and "journey-loyalty.html" not in files
    assert "journey-small.html" in files and "index.html" in files
    assert site.stat().st_ino != before  # a new folder, swapped in
    assert stat_mode(site) == 0o777 & ~umask()
    assert leftovers(tmp_path) == []


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_link_to_the_report_folder_stays_a_link(site: Path, ws: Path, tmp_path: Path) -> None:
    link = tmp_path / "public"
    link.symlink_to(site)
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (site / "CNAME").is_file() and (site / "index.html").is_file()


def test_the_names_the_report_owns() -> None:
    for name in ("index.html", "journey-x.html", "x.map.svg", "x.flow.svg", "x.map.png"):
        assert written_by_report(name)
    assert written_by_report("x.flow.png") and not written_by_report("journey-x.htm")
    for name in ("CNAME", "assets", ".nojekyll", "logo.svg", "logo.png", "index.htm"):
        assert not written_by_report(name)


def _boom(*args: object, **kwargs: object) -> Any:
    raise KeyboardInterrupt


@pytest.mark.parametrize("step", ["_write_all", "_carry_over", "_exchange", "remove_tree"])
def test_an_interruption_leaves_the_old_folder_or_the_new_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("old index")
    (folder / "journey-a.html").write_text("old a")
    (folder / "CNAME").write_text("mine")
    old = snapshot(folder)
    new = {"index.html": "new index", "journey-a.html": "new a"}
    real = getattr(atomicdir, step)
    calls = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if step == "remove_tree" and len(calls) > 1:  # the cleanup after it still runs
            return real(*args, **kwargs)
        if step == "remove_tree":
            real(*args, **kwargs)  # the old folder is gone, then the signal comes
        raise KeyboardInterrupt

    monkeypatch.setattr(atomicdir, step, interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_folder(folder, new, written_by_report)
    expected_new = {"index.html": b"new index", "journey-a.html": b"new a", "CNAME": b"mine"}
    assert snapshot(folder) == (expected_new if step == "remove_tree" else old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_full_disk_keeps_the_old_report_and_exits_2(
    site: Path, ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = snapshot(site)
    ws = Path(shutil.copytree(ws, tmp_path / "renamed"))  # the title: every page differs
    written = []
    real_open = open

    def filling(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "xb":
            written.append(path)
            if len(written) > 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", filling)
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(site)])
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "is as it was" in result.stderr
    assert snapshot(site) == old and leftovers(tmp_path) == []


def test_a_file_size_limit_in_a_real_process_keeps_the_old_report(
    site: Path, ws: Path, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes the writes fail (EFBIG) as a full disk would, in a real run."""
    old = snapshot(site)
    ws = Path(shutil.copytree(ws, tmp_path / "renamed"))  # the title: every page differs
    limit = max(len(data) for data in old.values()) // 2

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(Path(journeykit.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "journeykit", "report", str(ws), "-o", str(site)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limited,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "File too large" in done.stderr
    assert snapshot(site) == old and leftovers(tmp_path) == []


def test_the_current_folder_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Swapping the folder a shell sits in would leave the shell in a deleted folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "index.html").write_text("old")
    (tmp_path / "x.map.svg").write_text("stale")
    (tmp_path / "notes.txt").write_text("mine")
    inode = tmp_path.stat().st_ino
    assert not replace_folder(Path("."), {"index.html": "new"}, written_by_report)
    assert tmp_path.stat().st_ino == inode
    assert snapshot(tmp_path) == {"index.html": b"new", "notes.txt": b"mine"}


def test_a_file_in_the_way_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file")
    with pytest.raises(NotADirectoryError):
        replace_folder(blocker, {"index.html": "x"}, written_by_report)
    assert blocker.read_text() == "a file"


def test_a_rebuilt_report_links_the_files_that_did_not_change(site: Path, ws: Path) -> None:
    """Unchanged files are hard-linked from the old report (already on disk); a changed
    one is written anew, and the old report's copy is left as it was until the swap."""
    before = {p.name: p.stat().st_ino for p in site.iterdir() if p.is_file()}
    journey = next(iter(sorted((ws / "journeys").glob("*.journey.yaml"))))
    text = journey.read_text("utf-8")
    journey.write_text(text.replace("title: ", "title: Renamed ", 1), "utf-8")
    assert CliRunner().invoke(app, ["report", str(ws), "-o", str(site)]).exit_code == 0
    after = {p.name: p.stat().st_ino for p in site.iterdir() if p.is_file()}
    kept = {name for name in after if before.get(name) == after[name]}
    changed = set(after) - kept
    page = journey.name.removesuffix(".journey.yaml")
    assert any(name.startswith(page) for name in changed)
    assert len(kept) >= len(after) // 2  # the other journeys' pages and pictures
    assert all(os.stat(site / name).st_nlink == 1 for name in after)
