"""The kinds of file a workspace holds: told apart by name, without importing the models."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


class FileKind(enum.StrEnum):
    """The kinds of file a workspace holds, told apart by their names."""

    journey = "journey"
    personas = "personas"
    channels = "channels"

    @property
    def model(self) -> type[BaseModel]:
        # Imported here: finding files must not cost the pydantic models (a cached run
        # never builds them).
        from journeykit.model import ChannelsFile, Journey, PersonasFile

        models: dict[str, type[BaseModel]] = {
            "journey": Journey,
            "personas": PersonasFile,
            "channels": ChannelsFile,
        }
        return models[self.value]

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
