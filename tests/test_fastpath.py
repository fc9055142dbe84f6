"""The fast path's light events: used for clean files, invisible to anyone else."""

from __future__ import annotations

import pytest
import yaml
import yaml._yaml
from yaml import events

from journeykit.loader import fastpath

TEXT = """\
version: 1
id: onboarding
title: Onboarding  # a comment
touchpoints:
  - {id: welcome-sms, channel: sms, next: [web-signup]}
  - id: web-signup
    emotion: -1
    share: 0.25
    end: true
    note: null
"""
NAMES = [
    "StreamStartEvent",
    "StreamEndEvent",
    "DocumentStartEvent",
    "DocumentEndEvent",
    "AliasEvent",
    "ScalarEvent",
    "SequenceStartEvent",
    "SequenceEndEvent",
    "MappingStartEvent",
    "MappingEndEvent",
]


def pyyaml_untouched() -> bool:
    return all(getattr(yaml._yaml, name) is getattr(events, name) for name in NAMES)


def test_a_clean_file_is_read_by_the_fast_path() -> None:
    assert fastpath.build(TEXT, 100) == {
        "version": 1,
        "id": "onboarding",
        "title": "Onboarding",
        "touchpoints": [
            {"id": "welcome-sms", "channel": "sms", "next": ["web-signup"]},
            {"id": "web-signup", "emotion": -1, "share": 0.25, "end": True, "note": None},
        ],
    }
    assert pyyaml_untouched()


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\n",  # a syntax error in the middle: the parser raises
        "a: &x 1\nb: *x\n",  # an alias: the fast path gives up
        "a: 1\na: 2\n",  # a duplicate key
        "- 1\n",  # not a mapping
        "",
    ],
)
def test_pyyaml_is_left_as_it_was_however_a_parse_ends(text: str) -> None:
    assert fastpath.build(text, 100) is None
    assert pyyaml_untouched()
    assert [type(e) for e in yaml.parse("a: 1\n", Loader=yaml.CSafeLoader)] == [
        events.StreamStartEvent,
        events.DocumentStartEvent,
        events.MappingStartEvent,
        events.ScalarEvent,
        events.ScalarEvent,
        events.MappingEndEvent,
        events.DocumentEndEvent,
        events.StreamEndEvent,
    ]
