"""The typed context the report templates render: plain data, no model objects.

Records are NamedTuples: the report defines many, and a frozen dataclass costs ten
times as much to create at import (~0.7 ms each, on every `journeykit report`).

Every string here is user text or derived from it; the templates escape all of it
(autoescape is on). The one exception is `JourneyPage.flow_svg`, Graphviz's own SVG, in
which Graphviz has escaped every label (`ReportContext.images` are files, not markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from journeykit.report.observed import ObservedSection


class PersonaRef(NamedTuple):
    """A persona named on a journey page."""

    id: str
    name: str


class ChannelPref(NamedTuple):
    """How a persona stands towards one channel, on the persona card."""

    channel: str
    color: str
    preference: str
    """preferred, accepted or opted-out."""
    consent: str | None
    note: str | None


class PersonaCard(NamedTuple):
    """A persona on the index page: facts, goals, channels and journeys."""

    id: str
    name: str
    description: str | None
    facts: list[tuple[str, str]]
    """(label, value): buyer, market, role, demographics, purchase behaviour."""
    goals: list[str]
    frustrations: list[str]
    judged_by: list[str]
    information_sources: list[str]
    social_media: list[str]
    channels: list[ChannelPref]
    journeys: list[tuple[str, str]]
    """(file name of the journey page, title)."""


class Item(NamedTuple):
    """A pain point, an opportunity or a KPI line inside a stage column."""

    text: str
    note: str | None
    level: str
    """A CSS modifier: high/medium/low for pains, met/missed/unknown for KPIs."""
    personas: str
    """Space-separated persona ids it applies to (for the persona filter)."""


class TouchpointItem(NamedTuple):
    """A touchpoint card inside a stage column."""

    id: str
    name: str
    channel: str
    color: str
    kind: str
    evidence: str | None
    """fact, assumption, or None when nothing is recorded."""
    evidence_sources: list[str]
    emotion: int | None
    emotion_label: str | None
    description: str | None
    content: str | None
    owner: str | None
    timing: str | None
    personas: str


class StageColumn(NamedTuple):
    """One stage of a journey map: its touchpoints, pains, opportunities and KPIs."""

    id: str
    name: str
    phase: str | None
    intent: str | None
    goal: str | None
    questions: list[str]
    touchpoints: list[TouchpointItem]
    channels: list[tuple[str, str]]
    """(name, colour)."""
    pains: list[Item]
    opportunities: list[Item]
    kpis: list[Item]
    owners: list[str]


class KpiRow(NamedTuple):
    """A line of a journey page's KPI table."""

    name: str
    where: str
    category: str
    actual: str
    target: str
    status: str
    """met, missed or unknown."""
    ratio: int
    """How far actual has come towards target, 0-100, for the bar (`measurement.progress`)."""
    direction: str
    source: str | None
    personas: str


class FindingRow(NamedTuple):
    """A validation or lint finding shown on a journey page."""

    severity: str
    code: str
    name: str
    message: str
    line: int
    hint: str | None


class GapRow(NamedTuple):
    """One gap of the gap analysis, most important first."""

    kind: str
    message: str
    importance: str
    line: int
    personas: str


class CoverageCell(NamedTuple):
    """How many touchpoints reach a persona in one stage and channel."""

    reached: int
    """How many touchpoints (not `count`: a tuple has that method)."""
    level: str
    """CSS modifier: heat-0 .. heat-5, or opted-out."""
    touchpoints: str
    """Names, for the tooltip."""


class CoverageBlock(NamedTuple):
    """The stage-by-channel coverage of one persona."""

    persona: str
    name: str
    channels: list[tuple[str, str]]
    """(channel name, preference symbol)."""
    rows: list[tuple[str, list[CoverageCell], int]]
    """(stage name, cells, total)."""


class MatrixEntry(NamedTuple):
    """A channel's policy for one persona in the channel matrix."""

    name: str
    symbol: str
    personas: str


class MatrixView(NamedTuple):
    """The channel matrix: stages by channels."""

    channels: list[tuple[str, str]]
    """(name, colour)."""
    rows: list[tuple[str, list[list[MatrixEntry]], str, str]]
    """(stage name, entries per channel, messaging channels, example messages)."""


class ChartPoint(NamedTuple):
    """A touchpoint on the emotion curve."""

    x: float
    y: float
    score: int
    color: str
    name: str
    label: str | None
    label_y: float
    """Labels alternate above and below their points, so neighbours do not collide."""
    personas: str
    touchpoint: str
    """Id of the touchpoint the point stands for."""


class ChartBand(NamedTuple):
    """A stage's band behind the emotion curve."""

    x: float
    width: float
    name: str


class EmotionChart(NamedTuple):
    """The emotion curve of a journey, laid out in SVG units."""

    width: int
    height: int
    top: float
    bottom: float
    left: float
    ticks: list[tuple[float, str]]
    """(y, label) of the score axis."""
    bands: list[ChartBand]
    points: list[ChartPoint]
    curves: list[tuple[str, str]]
    """(key, SVG points): 'persona' or '*' on the main path; 'persona>END' to END."""
    variants: tuple[tuple[str, str], ...] = ()
    """(end id, 'to Renews (converted)'); `variants_left_out` more ends not offered."""
    variants_left_out: int = 0


@dataclass(slots=True)
class JourneyPage:
    """Everything one journey's page shows.

    A card (`report.build.journey_card`) fills only what the index and the persona cards
    show: the fields before `stages`.
    """

    file: str
    id: str
    title: str
    description: str | None
    meta: list[tuple[str, str]]
    tags: list[str]
    personas: list[PersonaRef]
    counts: dict[str, int]
    source: str = ""
    stages: list[StageColumn] = field(default_factory=list)
    chart: EmotionChart | None = None
    matrix: MatrixView = field(default_factory=lambda: MatrixView([], []))
    coverage: list[CoverageBlock] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    gaps: list[tuple[str, str, str]] = field(default_factory=list)
    """(persona id, persona name, stage name) with no touchpoint."""
    ranked_gaps: list[GapRow] = field(default_factory=list)
    """The gap analysis of the journey (`journeykit gaps`), most important first."""
    touchpoint_personas: dict[str, list[str]] = field(default_factory=dict)
    """touchpoint id -> persona ids, for the filter on the flow diagram."""
    flow_svg: str | None = None
    flow_note: str | None = None
    map_image: str | None = None
    """File name of the map as an SVG file beside the page, when Graphviz drew it."""
    flow_image: str | None = None
    """File name of the flow diagram as an SVG file beside the page."""
    map_note: str | None = None
    """Why the map's SVG file is missing, when Graphviz failed on it."""
    map_svg: str | None = None
    """The map's SVG (escaped by Graphviz, as `flow_svg`), inline for print only."""
    map_portrait: bool = False
    """Whether the map picture prints on a portrait page (it is taller than wide)."""
    map_png: str | None = None
    flow_png: str | None = None
    """File names of the map and the flow as PNG files beside the page (for slides)."""
    png_notes: dict[str, str] = field(default_factory=dict)
    """View -> why its PNG file is missing (too large for a PNG, a timeout)."""
    observed: ObservedSection | None = None
    """With `--events`: the journey as measured against the log (report.observed)."""

    @property
    def finding_groups(self) -> list[tuple[str, str, list[FindingRow]]]:
        """(severity, heading such as `errors (1)`, its findings): errors, then warnings,
        then info, so that the one compliance error is not the 22nd row."""
        groups = []
        for severity, many in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
            rows = [f for f in self.findings if f.severity == severity]
            if rows:
                groups.append((severity, f"{many} ({len(rows)})", rows))
        return groups


@dataclass(slots=True)
class ReportContext:
    """Everything the index page shows, and the journey pages."""

    title: str
    """The workspace's: `[render.theme] title`, else the folder's name."""
    version: str
    journeys: list[JourneyPage]
    personas: list[PersonaCard]
    policy: MatrixView
    totals: dict[str, int] = field(default_factory=dict)
    images: dict[str, str | bytes] = field(default_factory=dict)
    """Pictures written beside the pages: file name -> Graphviz's SVG text or PNG bytes."""
    logo: str | None = None
    """`[render.theme] logo` as a `data:` URI, for the index page's header."""
