"""Every schema error is a finding at its own place, at any depth of any file kind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeykit.loader import schema_errors
from journeykit.loader.limits import Limits
from journeykit.loader.locate import PathPart
from journeykit.loader.source import load_text
from journeykit.model import FileKind

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(p for p in EXAMPLES.rglob("*.yaml") if FileKind.for_name(p.name) is not None)


def mappings(value: Any, path: tuple[PathPart, ...] = ()) -> Iterator[tuple[PathPart, ...]]:
    """The path of the first mapping of each shape (list indexes do not count)."""
    seen: set[tuple[PathPart, ...]] = set()

    def walk(value: Any, path: tuple[PathPart, ...]) -> Iterator[tuple[PathPart, ...]]:
        shape = tuple(p for p in path if isinstance(p, str))
        if isinstance(value, dict):
            if shape not in seen:
                seen.add(shape)
                yield path
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, (*path, i))

    yield from walk(value, path)


def at(value: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def key_node(node: Any, path: tuple[PathPart, ...]) -> Any:
    """The key node at the end of `path`, found by hand (not by the locator under test)."""
    for i, part in enumerate(path):
        if isinstance(part, int):
            node = node.value[part]
            continue
        (pair,) = [(k, v) for k, v in node.value if k.value == part]
        node = pair[0] if i == len(path) - 1 else pair[1]
    return node


@pytest.mark.parametrize("file", FILES, ids=[p.relative_to(EXAMPLES).as_posix() for p in FILES])
def test_an_unknown_key_in_any_mapping_is_one_finding_at_the_key(file: Path) -> None:
    kind = FileKind.for_name(file.name)
    value = yaml.safe_load(file.read_text("utf-8"))
    # `lanes` takes the workspace's own keys: one no lane declares is JK210, not a schema error.
    paths = [p for p in mappings(value) if p[-1:] != ("lanes",)]
    for path in paths:
        changed = yaml.safe_load(file.read_text("utf-8"))
        at(changed, path)["zz_unknown"] = "x"
        text = yaml.safe_dump(changed, sort_keys=False, allow_unicode=True)
        source = load_text(text, "f.yaml", kind, Limits())
        node = key_node(yaml.compose(text), (*path, "zz_unknown"))
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        got = [(f.code, f.location.line, f.location.column) for f in source.findings]
        assert got == [("JK102", *where)], path
        assert source.model is None


def test_the_examples_hold_every_kind_of_mapping_of_the_format() -> None:
    """So the test above puts an unknown key in one of each model, nested ones too."""
    shapes = {
        ".".join(p for p in path if isinstance(p, str))
        for file in FILES
        for path in mappings(yaml.safe_load(file.read_text("utf-8")))
    }
    assert shapes == {
        "",
        "channels",
        "personas",
        "personas.channels",
        "personas.demographics",
        "personas.purchase_behaviour",
        "stages",
        "stages.kpis",
        "stages.kpis.measure",
        "stages.kpis.measure.conversion",
        "stages.kpis.measure.transition",
        "touchpoints",
        "touchpoints.emotion",
        "touchpoints.evidence",
        "touchpoints.kpis",
        "touchpoints.lanes",
        "touchpoints.next",
        "touchpoints.opportunities",
        "touchpoints.pain_points",
    }


def test_a_failed_validation_that_maps_to_nothing_still_gives_a_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (EXAMPLES / "retail" / "channels.yaml").read_text("utf-8")
    text = text.replace("outbound: true", "outbound: maybe", 1)
    real = schema_errors._clean

    def every_error_an_echo(*args: Any) -> Any:
        parts, owner, _ = real(*args)
        return parts, owner, True

    monkeypatch.setattr(schema_errors, "_clean", every_error_an_echo)
    source = load_text(text, "channels.yaml", FileKind.channels, Limits())
    assert source.model is None
    assert [(f.code, f.location.yaml_path) for f in source.findings] == [
        ("JK103", "channels[0].outbound")
    ]
