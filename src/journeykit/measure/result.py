"""What `journeykit measure` finds: frozen dataclasses, and one stable JSON form.

Counts are exact integers; every rate is computed here from two counts (so each engine
gives the same digits) and is null when its denominator is zero. Lists are sorted as
docs/measure.md says, so the JSON of a measurement is the same on every engine.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

FORMAT = "journeykit-measure/1"


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded to 6 places; None when the denominator is 0."""
    return round(numerator / denominator, 6) if denominator else None


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int
    rate: float | None

    @classmethod
    def of(cls, numerator: int, denominator: int) -> Ratio:
        return cls(numerator, denominator, rate(numerator, denominator))


@dataclass(frozen=True, slots=True)
class Timing:
    """Whole seconds; quantiles are nearest-rank (docs/measure.md): None when count is 0."""

    count: int
    median_seconds: int | None
    p90_seconds: int | None


@dataclass(frozen=True, slots=True)
class TouchpointStat:
    touchpoint: str
    stage: str | None
    customers: int
    instances: int
    visits: int
    events: int
    revisits: int


@dataclass(frozen=True, slots=True)
class TransitionStat:
    source: str
    target: str
    designed: bool
    back_step: bool
    count: int
    instances: int
    time: Timing


@dataclass(frozen=True, slots=True)
class PlaceCount:
    touchpoint: str
    designed: bool
    """An entry: a designed entry; an exit: a designed end."""
    instances: int
    share: float | None
    outcome: str | None = None
    """An exit at an end with an outcome (`end: converted`): the outcome."""


@dataclass(frozen=True, slots=True)
class DropOut:
    touchpoint: str
    previous: str | None
    """Where the instance came from before its last touchpoint (None: it had one visit)."""
    instances: int


@dataclass(frozen=True, slots=True)
class StageFunnel:
    stage: str
    entered: int
    moved_on: int
    ended: int
    dropped: int
    moved_on_rate: float | None
    dropped_rate: float | None


@dataclass(frozen=True, slots=True)
class EndTiming:
    touchpoint: str
    time: Timing
    outcome: str | None = None
    """The end's outcome (`end: converted`); None for `end: true`."""


@dataclass(frozen=True, slots=True)
class Variant:
    path: list[str]
    instances: int
    share: float | None


@dataclass(frozen=True, slots=True)
class EventCount:
    event: str
    rows: int
    hint: str | None


@dataclass(frozen=True, slots=True)
class Unmapped:
    rows: int
    of_rows: int
    share: float | None
    top: list[EventCount]


@dataclass(frozen=True, slots=True)
class ModelCredit:
    """One attribution model's credit: conversions per touchpoint, channel and stage."""

    touchpoints: dict[str, float]
    channels: dict[str, float]
    stages: dict[str, float]


@dataclass(frozen=True, slots=True)
class Disagreement:
    touchpoint: str
    spread: float
    """The highest model's credit minus the lowest's."""
    lowest: str
    highest: str


@dataclass(frozen=True, slots=True)
class Attribution:
    outcome: str
    outcome_kind: str
    """"touchpoint" or "stage"."""
    conversions: int
    """Instances that reached the outcome; each model's credits add up to it."""
    direct: int
    """Of those, the ones whose first visit was the outcome (credited to it)."""
    half_life_seconds: int
    position: list[int]
    models: dict[str, ModelCredit]
    disagreements: list[Disagreement]


@dataclass(frozen=True, slots=True)
class MeasuredKpi:
    """A KPI whose `measure` says how its actual comes from the log (kpis.py)."""

    kpi: str
    at: str
    """The stage or touchpoint that holds the KPI."""
    measure: str
    """conversion, reach, transition or time_to_end."""
    value: float | None
    """In the KPI's unit; None when there is nothing to measure it on."""
    numerator: int | None
    denominator: int | None
    """A share's counts (reach: the instances that reached it, of all)."""
    unit: str | None
    target: float | None
    typed_actual: float | None
    """The `actual` written in the file, to hold against `value`."""
    met: bool | None
    """`value` against `target` by the KPI's direction; None without either."""


@dataclass(frozen=True, slots=True)
class Metrics:
    segment: str | None
    customers: int
    instances: int
    events: int
    unmapped: Unmapped
    touchpoints: list[TouchpointStat]
    never_observed: list[str]
    transitions: list[TransitionStat]
    jumps: list[TransitionStat]
    unexplained_movement: Ratio
    fitness: Ratio
    entries: list[PlaceCount]
    exits: list[PlaceCount]
    drop_outs: list[DropOut]
    funnel: list[StageFunnel]
    time_to_end: list[EndTiming]
    variants: list[Variant]
    distinct_variants: int
    loops: Ratio
    """Instances that come back to a touchpoint they visited before, of all instances."""
    back_steps: Ratio
    """Moves to an earlier stage, of all moves."""
    attribution: Attribution | None = None
    """With `--outcome`: who gets the credit for it (attribution.py)."""
    kpis: tuple[MeasuredKpi, ...] = ()
    """The journey's KPIs that say how they are measured, in file order."""


@dataclass(frozen=True, slots=True)
class JourneyMeasure:
    journey: str
    title: str
    all: Metrics
    segments: list[Metrics]


@dataclass(frozen=True, slots=True)
class LogSummary:
    source: str
    rows: int
    duplicates: int
    rows_in_period: int
    since: str | None
    until: str | None
    split_after_seconds: int | None
    first_event: str | None
    last_event: str | None
    unmapped: Unmapped | None = None
    """Rows in the period that map to no touchpoint of any journey of the workspace."""


@dataclass(frozen=True, slots=True)
class Measurement:
    log: LogSummary
    journeys: list[JourneyMeasure]
    warnings: list[str]

    def to_data(self) -> dict[str, Any]:
        return {"format": FORMAT, **dataclasses.asdict(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_data(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_data(cls, data: Any) -> Measurement:
        """A measurement back from its JSON (a committed snapshot); ValueError names the
        first key that does not fit."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a measurement snapshot (format {FORMAT})")
        found = _built(cls, {k: v for k, v in data.items() if k != "format"}, "")
        assert isinstance(found, Measurement)
        return found


def _built(kind: Any, value: Any, where: str) -> Any:
    """`value` (parsed JSON) as `kind`: a dataclass of this module, a list, tuple or
    dict of them, an optional, or a plain value."""
    import types
    import typing

    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        kind = next(a for a in args if a is not type(None))
        return _built(kind, value, where)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        if not isinstance(value, dict):
            raise ValueError(f"{where or 'the snapshot'}: expected an object")
        hints = typing.get_type_hints(kind)
        fields = {}
        for f in dataclasses.fields(kind):
            if f.name in value:
                fields[f.name] = _built(hints[f.name], value[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING:
                raise ValueError(f"{where or 'the snapshot'}: no key {f.name!r}")
        return kind(**fields)
    if origin in (list, tuple) and isinstance(value, list):
        item = args[0]
        built = [_built(item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return built if origin is list else tuple(built)
    if origin is dict and isinstance(value, dict):
        return {k: _built(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(kind, type) and isinstance(value, kind):
        return value
    raise ValueError(
        f"{where or 'the snapshot'}: {value!r} is not a {getattr(kind, '__name__', kind)}"
    )
