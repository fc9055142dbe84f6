"""A loaded workspace: every file, and indexes of the items that files refer to by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from journeykit.config import Config
from journeykit.findings import Location
from journeykit.loader.locate import PathPart
from journeykit.loader.source import SourceFile
from journeykit.model import Channel, ChannelsFile, Journey, Persona, PersonasFile

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Located(Generic[T_co]):
    """An item with the file and the YAML path it was defined at."""

    item: T_co
    source: SourceFile
    path: tuple[PathPart, ...]

    def locate(self, *more: PathPart, key: bool = False) -> Location:
        return self.source.locate(*self.path, *more, key=key)


@dataclass(slots=True)
class Project:
    """Everything loaded from one workspace. Items whose file failed validation are absent."""

    root: Path
    config: Config
    sources: list[SourceFile]
    personas: dict[str, Located[Persona]] = field(default_factory=dict)
    channels: dict[str, Located[Channel]] = field(default_factory=dict)
    journeys: dict[str, Located[Journey]] = field(default_factory=dict)
    duplicates: list[tuple[str, Located[object], Located[object]]] = field(default_factory=list)
    """(kind, first, again) for every id defined twice."""
    _inbound: dict[str, frozenset[str]] | None = field(default=None, repr=False, compare=False)

    def inbound(self, journey_id: str) -> frozenset[str]:
        """Ids of the journey's touchpoints that other journeys' transitions lead to.

        Indexed once for all journeys: asked journey by journey, a scan of every other
        journey made a 1,000-journey lint take 25 s.
        """
        if self._inbound is None:
            index: dict[str, set[str]] = {}
            for journey in self.journeys.values():
                for tp in journey.item.touchpoints:
                    for step in tp.transitions:
                        if step.journey is not None and step.journey != journey.item.id:
                            index.setdefault(step.journey, set()).add(step.to)
            self._inbound = {k: frozenset(v) for k, v in index.items()}
        return self._inbound.get(journey_id, frozenset())

    def journey_list(self) -> list[Located[Journey]]:
        return list(self.journeys.values())

    def source(self, rel: str) -> SourceFile | None:
        return next((s for s in self.sources if s.rel == rel), None)


def _add(
    project: Project, kind: str, index: dict[str, Located[T]], key: str, entry: Located[T]
) -> None:
    first = index.get(key)
    if first is None:
        index[key] = entry
    else:
        project.duplicates.append((kind, first, entry))


def build_project(root: Path, config: Config, sources: list[SourceFile]) -> Project:
    project = Project(root, config, sources)
    for source in sources:
        model = source.model
        if isinstance(model, PersonasFile):
            for i, persona in enumerate(model.personas):
                _add(
                    project,
                    "persona",
                    project.personas,
                    persona.id,
                    Located(persona, source, ("personas", i)),
                )
        elif isinstance(model, ChannelsFile):
            for i, channel in enumerate(model.channels):
                _add(
                    project,
                    "channel",
                    project.channels,
                    channel.id,
                    Located(channel, source, ("channels", i)),
                )
        elif isinstance(model, Journey):
            _add(project, "journey", project.journeys, model.id, Located(model, source, ()))
    return project


def iter_touchpoints(journey: Located[Journey]) -> Iterator[tuple[int, Located[object]]]:
    for i, touchpoint in enumerate(journey.item.touchpoints):
        yield i, Located(touchpoint, journey.source, ("touchpoints", i))
