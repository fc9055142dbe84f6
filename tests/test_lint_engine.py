"""The pieces under the rules: selection by specificity, suppression spans, path weights."""

from __future__ import annotations

import pytest

from journeykit.analysis.flow import heaviest_path
from journeykit.checks.lintsettings import is_enabled
from journeykit.checks.suppress import parse_suppressions
from journeykit.loader.source import load_bytes


@pytest.mark.parametrize(
    ("code", "select", "ignore", "enabled"),
    [
        ("JK305", None, [], True),
        ("JK305", None, ["JK3"], False),
        ("JK305", ["JK4"], [], False),
        ("JK305", ["JK3"], ["JK30"], False),
        ("JK305", ["JK305"], ["JK3"], True),
        ("JK305", ["JK305"], ["JK305"], False),
        ("JK401", ["JK", "JK305"], ["JK3"], True),
        ("JK304", ["JK", "JK305"], ["JK3"], False),
    ],
)
def test_most_specific_entry_decides(
    code: str, select: list[str] | None, ignore: list[str], enabled: bool
) -> None:
    assert is_enabled(code, select, ignore) is enabled


TEXT = b"""\
# journeykit: disable-file=JK7
version: 1
id: j  # journeykit: disable=JK305
touchpoints:
  - id: a  # journeykit: disable = JK304 ,JK703  (reason)
    name: A
    next:
      - b

  # journeykit: disable=JK5
  - id: b
    content: >-
      folded text
      on two lines
  - id: c
    name: "# journeykit: not a comment, a value"
# journeykit: disable=JK601
"""


def test_suppression_spans() -> None:
    source = load_bytes(TEXT, "j.journey.yaml")
    spans = [(s.line, s.codes, s.first, s.last, s.whole_file) for s in parse_suppressions(source)]
    assert spans == [
        (1, ("JK7",), 1, 17, True),
        (3, ("JK305",), 3, 3, False),
        (5, ("JK304", "JK703"), 5, 8, False),
        (10, ("JK5",), 11, 14, False),
        (17, ("JK601",), 0, 0, False),
    ]


def test_heaviest_path_walks_a_loop_once_and_picks_the_heavier_branch() -> None:
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["a", "e"], "e": []}
    weights = {"a": 1, "b": 1, "c": 0, "d": 1, "e": 1}
    assert heaviest_path(graph, list(graph), weights.__getitem__) == ["a", "b", "d", "e"]
    assert heaviest_path({}, [], weights.__getitem__) == []
