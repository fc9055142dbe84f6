"""Big files are validated while their item lists are taken apart (`DRAIN_FROM`): the
findings and the models must be exactly those of validating the whole values at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeykit.loader.source as loader
from journeykit.loader.source import Limits, load_bytes
from journeykit.model import FileKind

ROOT = Path(__file__).parent.parent
FILES = sorted(
    p
    for folder in (ROOT / "tests" / "cases" / "loader", ROOT / "examples")
    for p in folder.rglob("*.yaml")
    if p.name != "expected.yaml"
)


def load(path: Path, drain_from: int, monkeypatch: pytest.MonkeyPatch) -> loader.SourceFile:
    monkeypatch.setattr(loader, "DRAIN_FROM", drain_from)
    rel = path.name
    return load_bytes(path.read_bytes(), rel, FileKind.for_name(rel), Limits())


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_drained_validation_is_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = load(path, 10**12, monkeypatch)
    drained = load(path, 0, monkeypatch)
    assert drained.findings == whole.findings
    assert drained.model == whole.model


def test_a_bad_item_deep_in_a_drained_list_is_found_where_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = "".join(
        f"  - id: tp-{i}\n    name: Step {i}\n    stage: s\n    channel: web\n    kind: message\n"
        for i in range(50)
    )
    text = (
        "version: 1\nid: j\ntitle: J\npersonas: [p]\n"
        "stages:\n  - id: s\n    name: S\n    phase: awareness\n"
        f"touchpoints:\n{items}  - id: tp-bad\n    name: Bad\n    stage: s\n"
        "    channel: web\n    kind: message\n"
        "    emotion: {score: 9}\n"
    )
    whole = load_bytes(text.encode(), "j.journey.yaml", FileKind.journey, Limits())
    monkeypatch.setattr(loader, "DRAIN_FROM", 0)
    drained = load_bytes(text.encode(), "j.journey.yaml", FileKind.journey, Limits())
    assert [f.code for f in drained.findings] == ["JK103"]
    assert drained.findings == whole.findings
    assert drained.findings[0].location.yaml_path == "touchpoints[50].emotion.score"
