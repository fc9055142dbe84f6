"""The kinds of file a workspace holds: told apart by name, without importing the models."""

from __future__ import annotations

import difflib
import enum


class FileKind(enum.StrEnum):
    """The kinds of file a workspace holds, told apart by their names (their pydantic
    models: `journeykit.model.model_of`)."""

    journey = "journey"
    personas = "personas"
    channels = "channels"

    @classmethod
    def for_name(cls, name: str) -> FileKind | None:
        """`x.journey.yaml` is a journey; `personas.yaml` or `x.personas.yaml` personas; ..."""
        lower = name.lower()
        for ext in (".yaml", ".yml"):
            if lower.endswith(ext):
                stem = lower[: -len(ext)]
                break
        else:
            return None
        for kind in cls:
            if stem == kind.value or stem.endswith("." + kind.value):
                return kind
        return None


def is_yaml(name: str) -> bool:
    """Whether the name ends in `.yaml` or `.yml`, in any case."""
    return name.lower().endswith((".yaml", ".yml"))


def expected_name(name: str) -> str:
    """The journeykit name a YAML file's name most likely meant.

    `persona.yaml` -> `personas.yaml`, `checkout.journeys.yml` -> `checkout.journey.yml`,
    `my-channels.yaml` -> `my.channels.yaml`, anything else `x.yaml` -> `x.journey.yaml`
    (journeys are most of a workspace).
    """
    stem, dot, ext = name.rpartition(".")
    head, sep, last = stem.rpartition(".")
    lower = last.lower()
    words = [kind.value for kind in FileKind]
    for word in words:
        for joint in ("-", "_", " "):
            if lower.endswith(joint + word):
                return f"{stem[: -len(word) - 1]}.{word}{dot}{ext}"
    close = difflib.get_close_matches(lower, words, n=1, cutoff=0.8)
    if close:
        return f"{head}{sep}{close[0]}{dot}{ext}"
    return f"{stem}.journey{dot}{ext}"
