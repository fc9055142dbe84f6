"""The outcome words of `end`: built in, or configured under `[journeys] outcomes`."""

from __future__ import annotations

from collections.abc import Iterator

from journeykit import builtin_checks as bc
from journeykit.findings import Finding
from journeykit.loader.schema_errors import did_you_mean
from journeykit.model import Journey
from journeykit.model.outcomes import BUILTIN_OUTCOMES, outcome_of
from journeykit.workspace.config import Config
from journeykit.workspace.project import Located, Project

_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})
"""YAML 1.1 booleans, which journeykit reads (YAML 1.2) as text."""


def known_outcomes(config: Config) -> tuple[str, ...]:
    """The outcome words an `end` may take in a workspace with `config`."""
    extra = [w for w in config.journeys.outcomes if w not in BUILTIN_OUTCOMES]
    return (*BUILTIN_OUTCOMES, *dict.fromkeys(extra))


def unknown_outcomes(journey: Located[Journey], known: tuple[str, ...]) -> Iterator[Finding]:
    """Every touchpoint whose `end` names an outcome that is not in `known`."""
    for i, tp in enumerate(journey.item.touchpoints):
        word = outcome_of(tp.end)
        if word is None or word in known:
            continue
        listed = ", ".join(known)
        if word in _BOOLEAN_WORDS:
            hint = f"write `end: true` (`{word}` is text in YAML 1.2), or one of {listed}"
        else:
            near = did_you_mean(word, known)
            hint = (f"{near} " if near else "") + (
                f"use one of {listed}, or add {word!r} to `outcomes` under `[journeys]` "
                "in journeykit.toml"
            )
        yield bc.UNKNOWN_OUTCOME.finding(
            f"unknown outcome {word!r}", journey.locate("touchpoints", i, "end"), hint
        )


def check_outcomes(project: Project) -> Iterator[Finding]:
    """The unknown outcome words of every journey of `project`."""
    known = known_outcomes(project.config)
    for journey in project.journeys.values():
        yield from unknown_outcomes(journey, known)
