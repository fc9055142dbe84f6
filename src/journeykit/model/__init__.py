"""The journey format: pydantic models for every file kind, frozen and self-describing."""

from __future__ import annotations

import enum

from pydantic import BaseModel

from journeykit.model.catalog import (
    BuyerKind,
    Channel,
    ChannelKind,
    ChannelPreference,
    ChannelsFile,
    ConsentBasis,
    Market,
    Persona,
    PersonasFile,
    Preference,
    Presence,
)
from journeykit.model.common import (
    EMOTION_MAX,
    EMOTION_MIN,
    FORMAT_VERSION,
    Direction,
    Emotion,
    Evidence,
    EvidenceKind,
    Importance,
    Kpi,
    KpiCategory,
)
from journeykit.model.journey import (
    Journey,
    MapType,
    Opportunity,
    PainPoint,
    Phase,
    Stage,
    Status,
    Touchpoint,
    TouchpointKind,
    Transition,
)


class FileKind(enum.StrEnum):
    """The kinds of file a workspace holds, told apart by their names."""

    journey = "journey"
    personas = "personas"
    channels = "channels"

    @property
    def model(self) -> type[BaseModel]:
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


__all__ = [
    "EMOTION_MAX",
    "EMOTION_MIN",
    "FORMAT_VERSION",
    "BuyerKind",
    "Channel",
    "ChannelKind",
    "ChannelPreference",
    "ChannelsFile",
    "ConsentBasis",
    "Direction",
    "Emotion",
    "Evidence",
    "EvidenceKind",
    "FileKind",
    "Importance",
    "Journey",
    "Kpi",
    "KpiCategory",
    "MapType",
    "Market",
    "Opportunity",
    "PainPoint",
    "Persona",
    "PersonasFile",
    "Phase",
    "Preference",
    "Presence",
    "Stage",
    "Status",
    "Touchpoint",
    "TouchpointKind",
    "Transition",
]
