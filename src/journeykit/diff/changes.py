"""What a diff says: changes with levels, grouped per journey, per workspace."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from journeykit.diff.rules import Level
from journeykit.findings import Finding, Location
from journeykit.model import Journey
from journeykit.workspace.project import Located, Project

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


class Action(enum.StrEnum):
    added = "added"
    removed = "removed"
    changed = "changed"
    renamed = "renamed"
    moved = "moved"
    """To another stage (touchpoints) or another file (journeys)."""
    reordered = "reordered"
    introduced = "introduced"
    fixed = "fixed"


class Element(enum.StrEnum):
    journey = "journey"
    stage = "stage"
    touchpoint = "touchpoint"
    transition = "transition"
    kpi = "kpi"
    pain_point = "pain-point"
    opportunity = "opportunity"
    persona = "persona"
    channel = "channel"
    finding = "finding"


@dataclass(frozen=True, slots=True)
class Change:
    """One change, in words and as data."""

    rule: str
    """The kind of change, a name from `journeykit.diff.rules.CHANGE_RULES`."""
    level: Level
    element: Element
    action: Action
    target: str
    """Where, by ids: `touchpoints[cart-reminder].emotion`, `stages[purchase].kpis[cr]`."""
    message: str
    mark: str | None = None
    """The element a visual diff marks: a stage or touchpoint id, or `from->to`."""
    old: JsonValue = None
    new: JsonValue = None
    location: Location | None = None
    """In the new version where the element still exists, else in the old one."""


@dataclass(slots=True)
class JourneyDiff:
    """Everything that changed in one journey."""

    journey_id: str
    title: str
    old_file: str | None
    new_file: str | None
    old_id: str | None = None
    new_id: str | None = None
    changes: list[Change] = field(default_factory=list)
    implied_marks: dict[str, str] = field(default_factory=dict)
    """Marks that follow from other changes: the steps of an added or removed touchpoint."""
    renames: dict[str, dict[str, str]] = field(default_factory=dict)
    """Items whose id changed, content kept: the list's path by new ids (`stages`,
    `touchpoints[cart].kpis`) -> old id -> new id; whatever level the rename is reported
    at (findings follow renames even when it is ignored)."""
    old_journey: Located[Journey] | None = field(default=None, repr=False, compare=False)
    new_journey: Located[Journey] | None = field(default=None, repr=False, compare=False)

    @property
    def status(self) -> str:
        """added, removed, changed or unchanged."""
        if self.old_file is None:
            return "added"
        if self.new_file is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    @property
    def file(self) -> str:
        return self.new_file or self.old_file or ""


@dataclass(slots=True)
class WorkspaceDiff:
    """One workspace compared at two points: journeys, catalogs and the analysis."""

    root: str
    """The workspace folder as the user sees it ('.' for the current one)."""
    journeys: list[JourneyDiff] = field(default_factory=list)
    catalog: list[Change] = field(default_factory=list)
    """Personas and channels added, removed, changed."""
    analysis: list[Change] = field(default_factory=list)
    """Findings introduced and fixed."""
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    fail_on: Level | None = None
    """The workspace's `[diff] fail-on`, used when the command line gives none."""
    new_project: Project | None = field(default=None, repr=False, compare=False)
    """The new side, for the visual diff."""
    old_project: Project | None = field(default=None, repr=False, compare=False)
    """The old side, to measure against the same events (`diff --events`)."""

    def changes(self) -> Iterator[Change]:
        for journey in self.journeys:
            yield from journey.changes
        yield from self.catalog
        yield from self.analysis


@dataclass(slots=True)
class DiffReport:
    """The answer of `journeykit diff`: every workspace the two sides touch."""

    old_label: str
    new_label: str
    workspaces: list[WorkspaceDiff] = field(default_factory=list)

    def changes(self) -> list[Change]:
        return [c for w in self.workspaces for c in w.changes()]

    def level(self) -> Level | None:
        return max((c.level for c in self.changes()), default=None)

    def counts(self) -> dict[str, int]:
        out = {lvl.label: 0 for lvl in sorted(Level, reverse=True)}
        for change in self.changes():
            out[change.level.label] += 1
        return out

    def exit_code(self, fail_on: Level | None, *, configured: bool = False) -> int:
        """1 when a change at or above `fail_on` exists, else 0.

        With `configured`, each workspace's own `[diff] fail-on` decides instead.
        """
        for workspace in self.workspaces:
            threshold = workspace.fail_on if configured else fail_on
            if threshold is not None and any(c.level >= threshold for c in workspace.changes()):
                return 1
        return 0


_MARK_ORDER = {"changed": 1, "added": 2, "removed": 2}


def diff_marks(journey_diff: JourneyDiff) -> dict[str, str]:
    """Element id -> "added", "removed" or "changed", for the renderers' `marks`.

    Stages and touchpoints are keyed by id, transitions by `from->to`, and a removed KPI
    by its target (`stages[purchase].kpis[cr]`), besides its stage or touchpoint marked
    changed. A renamed element is marked changed under its new id. Findings mark
    nothing: they are not elements.
    """
    marks: dict[str, str] = dict(journey_diff.implied_marks)
    for change in journey_diff.changes:
        if change.mark is None or change.element is Element.finding:
            continue
        if change.element is Element.kpi and change.action is Action.removed:
            marks[change.target] = "removed"
        if change.action is Action.added:
            mark = "added"
        elif change.action is Action.removed and change.element in _MARKABLE_REMOVALS:
            mark = "removed"
        else:
            mark = "changed"
        current = marks.get(change.mark)
        if current is None or _MARK_ORDER[mark] > _MARK_ORDER[current]:
            marks[change.mark] = mark
    return marks


_MARKABLE_REMOVALS = frozenset({Element.stage, Element.touchpoint, Element.transition})


class Collector:
    """Gathers changes, giving each the level configured for its kind (or dropping it)."""

    def __init__(self, levels: Callable[[str], Level | None]) -> None:
        self.levels = levels
        self.changes: list[Change] = []

    def add(
        self,
        rule: str,
        element: Element,
        action: Action,
        target: str,
        message: str,
        *,
        mark: str | None = None,
        old: JsonValue = None,
        new: JsonValue = None,
        location: Location | None = None,
    ) -> None:
        level = self.levels(rule)
        if level is not None:
            self.changes.append(
                Change(rule, level, element, action, target, message, mark, old, new, location)
            )
