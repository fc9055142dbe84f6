"""The journey format: pydantic models for every file kind, frozen and self-describing."""

from __future__ import annotations

from pydantic import BaseModel

from journeykit.kinds import FileKind
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
    Attribution,
    Direction,
    Emotion,
    Evidence,
    EvidenceKind,
    Importance,
    Kpi,
    KpiCategory,
)
from journeykit.model.journey import (
    EventMatcher,
    Journey,
    MapType,
    Opportunity,
    PainPoint,
    Purpose,
    Stage,
    Status,
    Touchpoint,
    TouchpointKind,
    Transition,
)
from journeykit.model.phases import Part, Phases

__all__ = [
    "EMOTION_MAX",
    "EMOTION_MIN",
    "FORMAT_VERSION",
    "Attribution",
    "BuyerKind",
    "Channel",
    "ChannelKind",
    "ChannelPreference",
    "ChannelsFile",
    "ConsentBasis",
    "Direction",
    "Emotion",
    "EventMatcher",
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
    "Part",
    "Persona",
    "PersonasFile",
    "Phases",
    "Preference",
    "Presence",
    "Purpose",
    "Stage",
    "Status",
    "Touchpoint",
    "TouchpointKind",
    "Transition",
    "model_of",
]


def model_of(kind: FileKind) -> type[BaseModel]:
    """The model a file of this kind holds."""
    return _MODELS[kind]


_MODELS: dict[FileKind, type[BaseModel]] = {
    FileKind.journey: Journey,
    FileKind.personas: PersonasFile,
    FileKind.channels: ChannelsFile,
}
