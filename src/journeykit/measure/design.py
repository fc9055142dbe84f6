"""The designed journey as measuring sees it: touchpoints, stages, transitions, matchers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeykit.model import EventMatcher, Journey, Kpi


@dataclass(frozen=True, slots=True)
class Matcher:
    """An event name, and column -> accepted values (as text); empty: any row of that name."""

    name: str
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class JourneyDesign:
    id: str
    title: str
    personas: tuple[str, ...]
    touchpoints: tuple[str, ...]
    """Touchpoint ids in file order (the order matchers are tried in)."""
    stages: tuple[str, ...]
    """Stage ids in order."""
    stage_of: dict[str, int]
    """Touchpoint id -> index of its stage in `stages`."""
    transitions: frozenset[tuple[str, str]]
    """Designed moves within this journey (steps into other journeys are left out)."""
    entries: frozenset[str]
    ends: frozenset[str]
    matchers: dict[str, tuple[Matcher, ...]]
    """Touchpoint id -> what maps to it (the id itself when it declares no `events`)."""
    codes: tuple[str, ...]
    """Touchpoint ids, sorted. The engine carries a touchpoint as its index here: an
    integer goes through the sorts and group-bys faster than a string, and the order of
    the codes is the ids' own, so ties (variants of equal count) break as by name."""
    code_of: dict[str, int]
    """Touchpoint id -> its code (its index in `codes`)."""
    channel_of: dict[str, str]
    """Touchpoint id -> the id of its channel."""
    kpis: tuple[tuple[str, Kpi], ...] = ()
    """The KPIs that say how they are measured, each with the stage or touchpoint that
    holds it, in file order (stages first)."""
    outcomes: dict[str, str] = field(default_factory=dict)
    """Touchpoint id -> the outcome of its end (`end: converted`), for the ends that name one."""

    @classmethod
    def from_journey(cls, journey: Journey) -> JourneyDesign:
        stages = tuple(s.id for s in journey.stages)
        index = {s: i for i, s in enumerate(stages)}
        tps = journey.touchpoints
        ids = {t.id for t in tps}
        return cls(
            id=journey.id,
            title=journey.title,
            personas=tuple(journey.personas),
            touchpoints=tuple(t.id for t in tps),
            stages=stages,
            stage_of={t.id: index.get(t.stage, len(stages)) for t in tps},
            transitions=frozenset(
                (t.id, s.to)
                for t in tps
                for s in t.transitions
                if (s.journey is None or s.journey == journey.id) and s.to in ids
            ),
            entries=frozenset(t.id for t in journey.entries()),
            ends=frozenset(t.id for t in tps if t.end),
            outcomes={t.id: t.end for t in tps if isinstance(t.end, str)},
            matchers={t.id: _matchers(t.id, t.events) for t in tps},
            codes=tuple(sorted(ids)),
            code_of={tp: i for i, tp in enumerate(sorted(ids))},
            channel_of={t.id: t.channel for t in tps},
            kpis=tuple(
                (owner, kpi)
                for owner, kpis in [
                    *((s.id, s.kpis) for s in journey.stages),
                    *((t.id, t.kpis) for t in tps),
                ]
                for kpi in kpis
                if kpi.measure is not None
            ),
        )

    def event_names(self) -> list[str]:
        """Every event name some touchpoint listens to (for "did you mean")."""
        return sorted({m.name for ms in self.matchers.values() for m in ms})


Names = dict[str, tuple[str, ...]]
"""journey id -> its touchpoint ids by code (JourneyDesign.codes)."""


def named(found: list[dict[str, Any]], names: Names, *columns: str) -> list[dict[str, Any]]:
    """Rows from the engine (each with its `journey`), the touchpoint codes in `columns`
    replaced by the ids; a null stays null."""
    for r in found:
        ids = names[r["journey"]]
        for column in columns:
            if r[column] is not None:
                r[column] = ids[int(r[column])]
    return found


def _matchers(tp_id: str, events: list[str | EventMatcher] | None) -> tuple[Matcher, ...]:
    if events is None:
        return (Matcher(tp_id),)
    out: list[Matcher] = []
    for e in events:
        if isinstance(e, str):
            out.append(Matcher(e))
        else:
            where = tuple(
                (col, tuple(_text(v) for v in (vals if isinstance(vals, list) else [vals])))
                for col, vals in sorted(e.where.items())
            )
            out.append(Matcher(e.name, where))
    return tuple(out)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
