"""A loaded workspace: every file, and indexes of the items that files refer to by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from journeykit.findings import Location
from journeykit.loader import salvage
from journeykit.loader.locate import PathPart
from journeykit.loader.source import SourceFile
from journeykit.model import Channel, ChannelsFile, FileKind, Journey, Persona, PersonasFile
from journeykit.workspace.config import Config

T = TypeVar("T")
Item = TypeVar("Item", Persona, Channel)
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
    """Everything loaded from one workspace.

    A file with errors still gives its valid items to the indexes; the ids of its items
    with errors are in `lent`, and a file that could not be read at all is in `unread`,
    so that references into it are not reported as unknown (see `references`).
    """

    root: Path
    config: Config
    sources: list[SourceFile]
    personas: dict[str, Located[Persona]] = field(default_factory=dict)
    channels: dict[str, Located[Channel]] = field(default_factory=dict)
    journeys: dict[str, Located[Journey]] = field(default_factory=dict)
    duplicates: list[tuple[str, Located[object], Located[object]]] = field(default_factory=list)
    """(kind, first, again) for every id defined twice."""
    lent: dict[str, set[str]] = field(default_factory=dict)
    """Ids of items with errors by kind ("persona", "channel", "journey"): defined, but
    absent from the indexes."""
    lent_touchpoints: dict[str, tuple[SourceFile, frozenset[str] | None]] = field(
        default_factory=dict
    )
    """The file and touchpoint ids of each journey in `lent` (None: could not be read)."""
    unread: dict[str, list[SourceFile]] = field(default_factory=dict)
    """Files by the kind of item they define whose items could not be read at all."""
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
            _add_all(project, "persona", project.personas, enumerate(model.personas), source)
        elif isinstance(model, ChannelsFile):
            _add_all(project, "channel", project.channels, enumerate(model.channels), source)
        elif isinstance(model, Journey):
            _add(project, "journey", project.journeys, model.id, Located(model, source, ()))
        elif model is None and source.kind is not None:
            _salvage(project, source, source.kind)
    return project


def _add_all(
    project: Project,
    kind: str,
    index: dict[str, Located[Item]],
    items: Iterable[tuple[int, Item]],
    source: SourceFile,
) -> None:
    key = f"{kind}s"
    for i, item in items:
        _add(project, kind, index, item.id, Located(item, source, (key, i)))


def _salvage(project: Project, source: SourceFile, kind: FileKind) -> None:
    """What a file with errors still defines goes to the indexes and `lent`."""
    if kind is FileKind.journey:
        found = salvage.journey(source, project.config.limits.limits())
        if found is None:
            project.unread.setdefault("journey", []).append(source)
        else:
            project.lent.setdefault("journey", set()).add(found[0])
            project.lent_touchpoints.setdefault(found[0], (source, found[1]))
        return
    if kind is FileKind.personas:
        _salvage_catalog(project, source, "persona", Persona, project.personas)
    else:
        _salvage_catalog(project, source, "channel", Channel, project.channels)


def _salvage_catalog(
    project: Project,
    source: SourceFile,
    kind: str,
    model: type[Item],
    index: dict[str, Located[Item]],
) -> None:
    found = salvage.catalog(source, project.config.limits.limits(), f"{kind}s", model)
    if found is None:
        project.unread.setdefault(kind, []).append(source)
        return
    _add_all(project, kind, index, found.items, source)
    project.lent.setdefault(kind, set()).update(found.ids)


def iter_touchpoints(journey: Located[Journey]) -> Iterator[tuple[int, Located[object]]]:
    for i, touchpoint in enumerate(journey.item.touchpoints):
        yield i, Located(touchpoint, journey.source, ("touchpoints", i))
