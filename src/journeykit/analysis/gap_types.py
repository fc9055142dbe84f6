"""What the gap report holds: the gaps, the pain by stage and channel, per journey."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.analysis.coverage import CoverageMatrix
from journeykit.analysis.dropouts import DropOut
from journeykit.analysis.risk import Tier
from journeykit.findings import Location, Severity
from journeykit.model import Importance


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing missing from a journey, ranked by the importance of where it is."""

    kind: str
    """coverage, empty-stage, stops-at-purchase, dead-end, unreachable, unaddressed-pain,
    low-point or unmeasured-stage."""
    journey: str
    message: str
    importance: Importance
    location: Location
    stage: str | None = None
    touchpoint: str | None = None
    persona: str | None = None
    weight: int = 1
    """Second sort key after importance: how much the kind of gap hurts."""


@dataclass(frozen=True, slots=True)
class FixItem:
    """One row of Fix first: a lint finding (with the gap that says the same, if any), or
    the findings of one rule in one journey merged, `count` of them."""

    tier: Tier
    severity: Severity
    code: str
    rule: str
    """The rule's kebab-case name."""
    kind: str
    """The gap's kind when the report computed it too, else the rule's name."""
    journey: str | None
    """None for a finding outside the journeys (the catalogs)."""
    importance: Importance
    """The highest importance among the places."""
    message: str
    location: Location
    """The first place: the most important one."""
    subjects: tuple[str, ...]
    """What each place is about: a touchpoint, a stage, a KPI, "persona in stage"..."""
    locations: tuple[Location, ...]
    hint: str | None = None
    persona: str | None = None

    @property
    def count(self) -> int:
        return len(self.locations)


@dataclass(frozen=True, slots=True)
class PainSpot:
    """A stage or channel and the pain its touchpoints carry."""

    id: str
    name: str
    pain_points: int
    score: int
    """Pain points weighted by severity (low 1, medium 2, high 3) plus negative emotion."""


@dataclass(frozen=True, slots=True)
class JourneyGaps:
    journey: str
    title: str
    file: str
    matrix: CoverageMatrix
    uncovered: list[tuple[str, str]]
    """(persona, stage): stages with touchpoints where the persona meets none on a channel
    they prefer or accept."""
    unpreferred: list[tuple[str, str]]
    """(persona, stage): reached there only on channels they accept, none they prefer."""
    pain_by_stage: list[PainSpot]
    pain_by_channel: list[PainSpot]
    dead_ends: list[DropOut]
    drop_outs: list[DropOut]
    """Every touchpoint at risk, dead ends included, with the reasons joined by '; '."""
    touchpoints: int
    assumptions: int
    no_evidence: int
    stage_names: dict[str, str] = field(default_factory=dict)

    @property
    def assumption_share(self) -> float:
        return self.assumptions / self.touchpoints if self.touchpoints else 0.0


@dataclass(frozen=True, slots=True)
class GapReport:
    root: str
    """The workspace the report is about."""
    persona: str | None
    journeys: list[JourneyGaps]
    top_gaps: list[Gap]
    """The first `top` gaps by importance alone: the gap analysis' own ranking (the HTML
    report's), not Fix first."""
    all_gaps: list[Gap] = field(default_factory=list)
    channel_names: dict[str, str] = field(default_factory=dict)
    """Channel id -> name, for the column headings of the coverage matrix."""
    fix_first: list[FixItem] = field(default_factory=list)
    """The first `top` of `all_fixes`."""
    all_fixes: list[FixItem] = field(default_factory=list)
    """The lint findings (and the gaps they match) by risk tier, merged per journey and
    rule; empty when the report was made without findings."""

    @property
    def to_fix(self) -> int:
        """Places to fix: the findings behind every row of Fix first."""
        return sum(item.count for item in self.all_fixes)

    @property
    def touchpoints(self) -> int:
        return sum(j.touchpoints for j in self.journeys)

    @property
    def assumptions(self) -> int:
        return sum(j.assumptions for j in self.journeys)

    @property
    def assumption_share(self) -> float:
        return self.assumptions / self.touchpoints if self.touchpoints else 0.0
