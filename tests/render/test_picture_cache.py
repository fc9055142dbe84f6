"""The picture cache: what Graphviz drew once is not laid out again (`render.picture_cache`).

Graphviz is a wrapper around the real `dot` that notes each run, so a test can say how
many pictures were laid out, and that a warm cache lays out none (nor asks `dot -V`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.render.engine import find_engine
from journeykit.render.picture_cache import MAX_ENTRY_BYTES, PictureCache, render_cached

SMALL = Path(__file__).resolve().parent / "small"
GRAPH = 'digraph { rankdir=LR; a -> "ü" -> b }'


@pytest.fixture
def dot_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `dot` that appends its arguments to a file, then is the real one."""
    real = shutil.which("dot")
    assert real is not None, "Graphviz `dot` is required"
    log = tmp_path / "runs"
    log.write_text("")
    script = tmp_path / "bin" / "dot"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(script))
    return log


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "pictures"


def runs(log: Path) -> list[str]:
    return log.read_text().splitlines()


def layouts(log: Path) -> int:
    return sum(1 for line in runs(log) if line != "-V")


def report(out: Path, workspace: Path = SMALL, *extra: str) -> dict[str, bytes]:
    result = CliRunner().invoke(app, ["report", str(workspace), "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_a_warm_cache_gives_the_same_report_and_runs_no_graphviz(
    tmp_path: Path, dot_runs: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as off:
        off.setenv("JOURNEYKIT_NO_CACHE", "1")
        uncached = report(tmp_path / "uncached")
    # Two journeys, map and flow, each an SVG and a PNG.
    assert layouts(dot_runs) == 8 and not cache_dir.exists()
    dot_runs.write_text("")
    cold = report(tmp_path / "cold")
    assert runs(dot_runs).count("-V") == 1 and layouts(dot_runs) == 8
    assert len(list(cache_dir.glob("*.pic"))) == 8
    dot_runs.write_text("")
    warm = report(tmp_path / "warm")
    assert runs(dot_runs) == []
    assert cold == uncached and warm == uncached
    # `render -o` takes the very same entries: no run, the report's bytes.
    done = CliRunner().invoke(
        app, ["render", str(SMALL), "--view", "flow", "-o", str(tmp_path / "r")]
    )
    assert done.exit_code == 0, done.stderr
    assert runs(dot_runs) == []
    for picture in (tmp_path / "r").iterdir():
        assert picture.read_bytes() == warm[picture.name], picture.name


def test_a_changed_journey_draws_only_its_pictures(
    tmp_path: Path, dot_runs: Path, cache_dir: Path
) -> None:
    ws = Path(shutil.copytree(SMALL, tmp_path / "ws"))
    before = report(tmp_path / "one", ws)
    journey = ws / "journeys" / "loyalty.journey.yaml"
    journey.write_text(journey.read_text().replace("Welcome to the club", "Welcome aboard"))
    dot_runs.write_text("")
    after = report(tmp_path / "two", ws)
    # loyalty's map and flow, as SVG and as PNG
    assert sorted(runs(dot_runs)) == ["-Gdpi=144 -Tpng", "-Gdpi=144 -Tpng", "-Tsvg", "-Tsvg"]
    assert after["small.map.svg"] == before["small.map.svg"]
    assert after["loyalty.map.svg"] != before["loyalty.map.svg"]
    assert b"Welcome aboard" in after["loyalty.flow.svg"]


@pytest.mark.parametrize("switch", ["--no-cache", "JOURNEYKIT_NO_CACHE=1"])
def test_the_cache_is_off_when_asked(
    tmp_path: Path,
    dot_runs: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    switch: str,
) -> None:
    report(tmp_path / "warm-up")
    for command in (
        ["report", str(SMALL), "-o", str(tmp_path / "site")],
        ["render", str(SMALL), "-o", str(tmp_path / "pics")],
    ):
        dot_runs.write_text("")
        with monkeypatch.context() as env:
            if switch.startswith("JOURNEYKIT"):
                env.setenv("JOURNEYKIT_NO_CACHE", "1")
                args = command
            else:
                args = [*command, switch]
            result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert layouts(dot_runs) == (8 if command[0] == "report" else 2), command


def _stored(tmp_path: Path) -> tuple[PictureCache, str, bytes]:
    engine = find_engine()
    assert engine is not None
    cache = PictureCache(tmp_path / "pictures")
    expected = render_cached(GRAPH, "svg", cache=cache)
    key = cache.key(engine, GRAPH, "svg")
    assert key is not None and cache.stored == 1
    cache.close()
    return cache, key, expected


def test_an_entry_is_read_back_and_renewed(tmp_path: Path) -> None:
    cache, key, expected = _stored(tmp_path)
    path = cache.folder / key
    os.utime(path, (1, 1))
    assert cache.get(key) == expected and cache.hits == 1
    assert path.stat().st_mtime > 1  # used: the last to be pruned


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw[:-1],  # cut short
        lambda raw: raw[:-5] + b"XXXXX",  # other bytes
        lambda raw: b"",
        lambda raw: b"not an entry at all",
    ],
)
def test_a_corrupt_entry_is_a_miss(tmp_path: Path, spoil: object, dot_runs: Path) -> None:
    cache, key, expected = _stored(tmp_path)
    path = cache.folder / key
    path.write_bytes(spoil(path.read_bytes()))  # type: ignore[operator]
    assert cache.get(key) is None
    dot_runs.write_text("")
    assert render_cached(GRAPH, "svg", cache=cache) == expected  # drawn again, and stored
    assert layouts(dot_runs) == 1
    assert cache.get(key) == expected


def test_a_linked_entry_is_not_followed(tmp_path: Path) -> None:
    cache, key, expected = _stored(tmp_path)
    path = cache.folder / key
    elsewhere = tmp_path / "elsewhere"
    path.rename(elsewhere)  # a genuine entry, but reached through a link
    path.symlink_to(elsewhere)
    assert cache.get(key) is None
    assert expected in elsewhere.read_bytes()
    path.unlink()
    path.symlink_to("/dev/zero")
    assert cache.get(key) is None
    path.unlink()
    os.mkfifo(path)
    assert cache.get(key) is None  # and does not block


def test_a_linked_folder_is_not_used(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "pictures").symlink_to(real)
    cache = PictureCache(tmp_path / "pictures")
    assert render_cached(GRAPH, "svg", cache=cache).startswith(b"<?xml")
    cache.close()
    assert cache.stored == 0 and list(real.iterdir()) == []


def test_a_huge_entry_is_a_miss_and_is_not_stored(tmp_path: Path) -> None:
    cache, key, _ = _stored(tmp_path)
    with open(cache.folder / key, "r+b") as handle:
        handle.truncate(MAX_ENTRY_BYTES + 1000)
    assert cache.get(key) is None
    cache.put("f" * 64 + ".pic", b"x" * (MAX_ENTRY_BYTES + 1))
    assert not (cache.folder / ("f" * 64 + ".pic")).exists()


def test_the_oldest_entries_go_beyond_the_bound(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path / "pictures", max_bytes=10_000)
    names = [f"{i:064x}.pic" for i in range(8)]
    for i, name in enumerate(names):
        cache.put(name, bytes([i]) * 2000)
        os.utime(cache.folder / name, (1000 + i, 1000 + i))
    (cache.folder / "keep-me.txt").write_text("not an entry")
    cache.close()
    left = sorted(p.name for p in cache.folder.iterdir() if p.name.endswith(".pic"))
    assert left == names[-3:]  # 3 x 2 KB and headers: under 80 % of 10 KB
    assert (cache.folder / "keep-me.txt").exists()
    assert (cache.folder / "CACHEDIR.TAG").exists()


def test_the_key_holds_format_source_and_engine_version(tmp_path: Path) -> None:
    engine = find_engine()
    assert engine is not None
    cache = PictureCache(tmp_path / "pictures")
    key = cache.key(engine, GRAPH, "svg")
    assert key != cache.key(engine, GRAPH, "pdf")
    assert key != cache.key(engine, GRAPH + " ", "svg")
    version = cache.engine_version(engine)
    assert version is not None and "graphviz version" in version
    again = PictureCache(tmp_path / "pictures")  # remembered in the folder
    assert again.key(engine, GRAPH, "svg") == key


def test_a_render_timeout_names_the_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(slow))
    args = ["render", str(SMALL), "--view", "flow", "-o", str(tmp_path / "out"), "--timeout", "0.3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "journeykit: loyalty.flow.svg: dot did not finish within 0.3 s" in result.stderr
