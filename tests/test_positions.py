"""Positions noted by the fast path (`loader.located`, `loader.positions`): the same
values as `fastpath.build`, the same locations as the composed tree, for any path."""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeykit.checks.lintsettings import resolve_settings
from journeykit.checks.suppress import node_spans
from journeykit.findings import Location
from journeykit.loader import fastpath, yamlread
from journeykit.loader.locate import Locator, PathPart
from journeykit.loader.located import build_located
from journeykit.loader.positions import Positions
from journeykit.run.load import load_workspace
from journeykit.run.rules import lint_findings
from journeykit.run.targets import resolve_targets
from support import generator
from test_fuzz_loader import FUZZ, SEEDS, YAMLISH, Mutation, mutate, mutations


def paths(value: Any, before: tuple[PathPart, ...] = ()) -> Iterator[tuple[PathPart, ...]]:
    """Every path into `value`, and beside each some that lead nowhere (they are skipped)."""
    yield before
    yield (*before, "nope")
    yield (*before, 10_000)
    yield ("Transition", *before)
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*before, key))
    elif isinstance(value, list):
        yield (*before, -1)
        for i, item in enumerate(value):
            yield from paths(item, (*before, i))


def full(loc: Location) -> tuple[Location, int | None, int | None]:
    return loc, loc.end_line, loc.end_column  # the end is not part of Location's equality


def assert_like_the_tree(text: str, max_depth: int = 100) -> int:
    """The located fast path against the plain one and the tree; how many paths agreed."""
    located = build_located(text, max_depth)
    plain = fastpath.build(text, max_depth)
    assert (located is None) == (plain is None)
    if located is None:
        return 0
    value, positions = located
    assert value == plain
    root = yamlread.compose(text)
    if root is None:  # an anchor defined twice: the fast path reads it, the composer not
        return 0
    assert positions.line_spans() == node_spans(root)
    tree = Locator("f", root)
    checked = 0
    for path in paths(value):
        for key in (False, True):
            assert full(positions.locate("f", path, key=key)) == full(tree.locate(path, key=key))
            checked += 1
    return checked


@FUZZ
@given(seed=st.sampled_from(SEEDS), steps=mutations)
def test_positions_agree_with_the_tree_on_mutated_files(
    seed: tuple[str, bytes], steps: list[tuple[Mutation, int]]
) -> None:
    assert_like_the_tree(mutate(seed[1], steps).decode("utf-8", "replace"))


@FUZZ
@given(text=YAMLISH)
def test_positions_agree_with_the_tree_on_random_yaml(text: str) -> None:
    assert_like_the_tree(text)


def big_collections(newline: str) -> str:
    """Mappings and lists past the size from which lookups index them, in both styles,
    with quoted keys, block scalars and nested collections as values."""
    lines = ["\ufeffversion: 1"]
    lines += [f"key-{i}: {i}" if i % 7 else f"'quoted {i}': [a, {{b: c}}]" for i in range(40)]
    lines.append("items:")
    for i in range(40):
        lines += [f"  - id: item-{i}", "    text: |", "      two", "      lines"]
        lines += ["    tags: [x, y]", f"    n{i}: {{deep: [1, 2, {{k: v}}]}}"]
    lines.append("flow: {" + ", ".join(f"f{i}: [{i}]" for i in range(30)) + "}")
    lines.append("empty: {}")
    lines.append("none: []")
    return newline.join(lines) + newline


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_positions_agree_with_the_tree_in_big_collections(newline: str) -> None:
    assert assert_like_the_tree(big_collections(newline)) > 4_000


def test_positions_cross_processes_as_they_were() -> None:
    text = big_collections("\n")
    located = build_located(text, 100)
    assert located is not None
    value, positions = located
    sent = Positions.from_data(marshal.loads(marshal.dumps(positions.to_data())))
    pickled = pickle.loads(pickle.dumps(positions))
    for path in paths(value):
        want = full(positions.locate("f", path))
        assert full(sent.locate("f", path)) == full(pickled.locate("f", path)) == want


def test_a_located_read_composes_no_tree_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lint's findings, located from positions, are those located in composed trees."""
    files = generator().write_workspace(tmp_path, journeys=30, touchpoints=6, seed=4)
    for path in files[:20]:  # comments that cover a node: their lines come from positions
        text = path.read_text("utf-8")
        text = text.replace("stages:\n", "stages:\n  # journeykit: disable=JK601,JK406\n", 1)
        path.write_text(text.replace("touchpoints:\n", "touchpoints:  # journeykit: disable=JK7\n"))
    target = resolve_targets([tmp_path])[0]
    by_tree, _ = load_workspace(target)
    settings = resolve_settings(by_tree.config.lint)
    want = lint_findings(by_tree, settings)
    assert len(want) > 100
    silenced = {f"journeys/{p.name}" for p in files[:20]}
    assert {f.location.file for f in want if f.code.startswith("JK7")}.isdisjoint(silenced)
    assert any(f.code == "JK601" and f.location.file in silenced for f in want)

    def no_tree(text: str) -> None:
        raise AssertionError("a tree was composed")

    monkeypatch.setattr("journeykit.loader.source.compose", no_tree)
    for jobs in (1, 2):
        target = resolve_targets([tmp_path], jobs=jobs, located=True)[0]
        by_positions, _ = load_workspace(target, jobs, located=True)
        found = lint_findings(by_positions, settings, jobs)
        assert [full(f.location) for f in found] == [full(f.location) for f in want]
        assert found == want
