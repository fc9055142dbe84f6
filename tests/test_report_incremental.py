"""A report rebuilt after a change is, byte for byte, the report built afresh.

Pages whose inputs did not change are kept (the very files: same inode), the others
and the index are built again (`report.incremental`); a report none of whose inputs
changed is not written at all (`report.unchanged`). Each case edits the workspace one
way, rebuilds, and compares with a report built whole with no cache at all.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

SMALL = Path(__file__).parent / "render" / "small"
LOYALTY = "journeys/loyalty.journey.yaml"
SMALL_JOURNEY = "journeys/small.journey.yaml"

Edit = Callable[[Path], None]
VIEWS = ("map", "flow")
EXTS = ("svg", "png")


def replace(rel: str, old: str, new: str) -> Edit:
    def edit(ws: Path) -> None:
        path = ws / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.iterdir()}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SMALL, tmp_path / "ws"))


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dot_command: str) -> Path:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def report(ws: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["report", str(ws), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def fresh(ws: Path, out: Path) -> dict[str, bytes]:
    report(ws, out, "--no-cache")
    return snapshot(out)


LOYALTY_FILES = {"journey-loyalty.html", *(f"loyalty.{v}.{x}" for v in VIEWS for x in EXTS)}
SMALL_FILES = {"journey-small.html", *(f"small.{v}.{x}" for v in VIEWS for x in EXTS)}
INTO_LOYALTY = (
    "\n    next:\n      - to: welcome\n        journey: loyalty\n        label: joins the club"
)

EDITS: dict[str, tuple[Edit, set[str], set[str]]] = {
    # (the edit, files whose bytes change, files that must be kept as they were: a file
    # built again to the same bytes is linked from the old one, so only a change shows)
    "a journey's title": (
        replace(LOYALTY, "title: ", "title: Renamed "),
        LOYALTY_FILES,
        SMALL_FILES,
    ),
    "a persona's name": (replace("personas.yaml", "name: ", "name: Re "), set(), set()),
    "a channel": (replace("channels.yaml", "name: ", "name: Re "), set(), set()),
    # The loyalty journey's file is as it was, but nothing leads into it any more.
    "the one transition into the other journey": (
        replace(SMALL_JOURNEY, INTO_LOYALTY, ""),
        {"journey-small.html"},
        set(),
    ),
    "a lint finding": (
        replace(LOYALTY, "    end: true", "    end: true\n    owner: nobody in particular"),
        {"journey-loyalty.html"},
        SMALL_FILES,
    ),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_a_rebuilt_report_is_the_report_built_afresh(
    what: str, ws: Path, tmp_path: Path, cached: Path
) -> None:
    edit, rebuilt, unchanged = EDITS[what]
    site = tmp_path / "site"
    report(ws, site)
    before = inodes(site)
    edit(ws)
    report(ws, site)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")
    after = inodes(site)
    kept = {name for name in after if after[name] == before.get(name)}
    assert not kept & rebuilt
    assert kept >= unchanged


def test_a_report_whose_inputs_did_not_change_is_not_written(
    ws: Path, tmp_path: Path, cached: Path
) -> None:
    site = tmp_path / "site"
    said = report(ws, site)
    before = inodes(site)
    assert report(ws, site) == said
    assert inodes(site) == before
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")


@pytest.mark.parametrize(
    "spoil",
    [
        lambda site: (site / "journey-small.html").write_text("edited by hand"),
        lambda site: (site / "small.flow.svg").unlink(),
        lambda site: os.utime(site / "journey-loyalty.html", (1, 1)),
        lambda site: shutil.rmtree(site),
    ],
)
def test_a_report_file_changed_since_is_written_again(
    spoil: Callable[[Path], object], ws: Path, tmp_path: Path, cached: Path
) -> None:
    site = tmp_path / "site"
    report(ws, site)
    spoil(site)
    report(ws, site)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")
    replace(SMALL_JOURNEY, "title: ", "title: Again ")(ws)
    spoil(site)
    report(ws, site)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh2")


def test_each_report_folder_has_its_own_manifest(ws: Path, tmp_path: Path, cached: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    report(ws, one)
    report(ws, two)
    replace(LOYALTY, "title: ", "title: Renamed ")(ws)
    report(ws, one)
    assert snapshot(one) == fresh(ws, tmp_path / "fresh")
    replace(LOYALTY, "title: Renamed ", "title: ")(ws)
    report(ws, two)
    assert snapshot(two) == fresh(ws, tmp_path / "fresh-again")


def test_no_cache_keeps_no_manifest(ws: Path, tmp_path: Path, cached: Path) -> None:
    report(ws, tmp_path / "site", "--no-cache")
    assert not cached.exists()
    report(ws, tmp_path / "site")
    assert [p.suffix for p in (cached / "reports").glob("report-*")] == [".json"]


def test_a_kept_file_changed_meanwhile_is_not_taken_over(tmp_path: Path) -> None:
    from journeykit.fileio.atomicdir import Kept, KeptChanged, identity, replace_folder
    from journeykit.report.build import written_by_report

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old index")
    (site / "journey-a.html").write_text("old page")
    seen = identity(site / "journey-a.html")
    assert seen is not None
    (site / "journey-a.html").write_text("written since")
    with pytest.raises(KeptChanged):
        replace_folder(site, {"index.html": "new", "journey-a.html": Kept(seen)}, written_by_report)
    assert snapshot(site) == {"index.html": b"old index", "journey-a.html": b"written since"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_page_changed_while_the_report_is_built_is_built_again(
    ws: Path, tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.report import incremental

    site = tmp_path / "site"
    report(ws, site)
    replace(SMALL_JOURNEY, "title: ", "title: Again ")(ws)
    real = incremental.Manifest.kept

    def kept_then_changed(self: incremental.Manifest, *args: object) -> object:
        found = real(self, *args)  # type: ignore[arg-type]
        (site / "journey-loyalty.html").write_text("written meanwhile")
        return found

    monkeypatch.setattr(incremental.Manifest, "kept", kept_then_changed)
    report(ws, site)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")


def test_a_page_put_in_the_folder_by_hand_goes_as_in_a_whole_build(
    ws: Path, tmp_path: Path, cached: Path
) -> None:
    site = tmp_path / "site"
    report(ws, site)
    (site / "journey-gone.html").write_text("a journey since deleted")
    report(ws, site)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")


def test_a_png_is_drawn_again_only_with_its_page(
    ws: Path, tmp_path: Path, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.render.engine import Engine, Run

    drawn: list[str] = []

    def counted(engine: Engine, source: str, args: list[str], timeout: float) -> Run:
        drawn.append("Welcome" if "Welcome" in source else "small")
        return Run(engine, source, args, timeout)

    monkeypatch.setattr("journeykit.report.pngs.Run", counted)
    site = tmp_path / "site"
    report(ws, site)
    assert len(drawn) == 4  # two journeys, map and flow each
    before = inodes(site)
    drawn.clear()
    replace(LOYALTY, "Welcome to the club", "Welcome aboard")(ws)
    report(ws, site)
    assert drawn == ["Welcome", "Welcome"]  # the loyalty journey's map and flow
    after = inodes(site)
    assert all(after[f"small.{v}.png"] == before[f"small.{v}.png"] for v in VIEWS)
    assert all(after[f"loyalty.{v}.png"] != before[f"loyalty.{v}.png"] for v in VIEWS)
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")


def test_a_replaced_logo_is_in_the_next_report(ws: Path, tmp_path: Path, cached: Path) -> None:
    """No run reads the logo, so its bytes are in no file state: replacing it must still
    build the index again, not answer 'unchanged' from the manifest."""
    (ws / "journeykit.toml").write_text('[render.theme]\nlogo = "logo.svg"\n', "utf-8")
    logo = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    (ws / "logo.svg").write_text(logo, "utf-8")
    site = tmp_path / "site"
    report(ws, site)
    before = inodes(site)
    report(ws, site)
    assert inodes(site) == before  # unchanged: answered from the manifest
    (ws / "logo.svg").write_text(logo.replace('"1"', '"2"'), "utf-8")
    report(ws, site)
    assert inodes(site)["index.html"] != before["index.html"]
    assert snapshot(site) == fresh(ws, tmp_path / "fresh")
