"""`[journeys] outcomes`: the workspace's own outcome words for `end:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.checks.outcomes import known_outcomes
from journeykit.model.outcomes import BUILTIN_OUTCOMES
from journeykit.workspace.config import Config, ConfigError, parse_config


def _config(text: str) -> Config:
    return parse_config(text.encode("utf-8"), Path("journeykit.toml")).config


def test_without_the_table_only_the_builtin_outcomes_are_known() -> None:
    assert known_outcomes(Config()) == BUILTIN_OUTCOMES
    assert BUILTIN_OUTCOMES == ("converted", "churned", "abandoned", "handed-off")


def test_the_workspace_adds_its_own_words_once_each() -> None:
    config = _config('[journeys]\noutcomes = ["renewed", "churned", "renewed", "Moved abroad"]\n')
    assert known_outcomes(config) == (*BUILTIN_OUTCOMES, "renewed", "Moved abroad")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[journeys]\noutcomes = "renewed"\n',
            2,
            "journeys.outcomes: Input should be a valid list",
        ),
        ('[journeys]\noutcomes = [""]\n', 2, "journeys.outcomes.0: String should have at least 1"),
        (
            "[journeys]\noutcome = []\n",
            2,
            "unknown key 'journeys.outcome' (did you mean 'outcomes'?)",
        ),
    ],
)
def test_a_bad_table_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(text)
    assert caught.value.line == line
    assert message in str(caught.value)
