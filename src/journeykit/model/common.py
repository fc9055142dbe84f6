"""Building blocks shared by every journeykit file kind."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FORMAT_VERSION = 1
"""The one format version this release reads and writes."""

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=100,
        description="A stable identifier: letters, digits, '-', '_' and '.', "
        "starting with a letter or digit. Other files refer to the item by it.",
    ),
]
Text = Annotated[str, Field(max_length=10_000)]
DURATION_PATTERN = r"^[1-9][0-9]{0,5}[smhdw]$"
Duration = Annotated[
    str,
    Field(
        pattern=DURATION_PATTERN,
        description="A duration: a whole number and a unit, s, m, h, d or w: '7d', '36h'.",
    ),
]


class _FieldsSet(frozenset[str]):
    """The names set in a model, shared by every model with the same names.

    pydantic gives each instance a set of its own (216 bytes and up: 40 % of the models'
    memory for a big journey). Copies are plain sets, which `model_copy` may update.
    """

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: object) -> set[str]:
        return set(self)


_FIELDS_SETS: dict[frozenset[str], _FieldsSet] = {}


class Strict(BaseModel):
    """Base of every model: immutable, and unknown keys are errors, not silently dropped."""

    # Deferred: a validator is built when a model is first used on its own, not when its
    # class is made. Loading needs the three file models only, and each of those holds
    # its nested models' schemas anyway: 3 validators are built instead of 17.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        names = frozenset(self.__pydantic_fields_set__)
        shared = _FIELDS_SETS.get(names)
        if shared is None:
            shared = _FIELDS_SETS[names] = _FieldsSet(names)
        object.__setattr__(self, "__pydantic_fields_set__", shared)


class Importance(enum.StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def weight(self) -> int:
        return {"low": 1, "medium": 2, "high": 3, "critical": 4}[self.value]


class KpiCategory(enum.StrEnum):
    """The three layers of digital metrics, plus customer experience scores."""

    user = "user"
    traffic = "traffic"
    sales = "sales"
    experience = "experience"


class Direction(enum.StrEnum):
    higher_is_better = "higher-is-better"
    lower_is_better = "lower-is-better"


class KpiConversion(Strict):
    """The share of journey instances at `from` that reach `to` after it."""

    start: Id = Field(
        alias="from", description="Touchpoint or stage id: the instances that visit it count."
    )
    to: Id = Field(description="Touchpoint or stage id they should reach after `from`.")
    within: Duration | None = Field(
        default=None,
        description="Only a visit to `to` this soon after the first visit to `from` counts.",
    )


class KpiTransition(Strict):
    """The share of journey instances at `from` that move straight on to `to`."""

    start: Id = Field(alias="from", description="Touchpoint id the move starts at.")
    to: Id = Field(description="Touchpoint id the move goes to.")


class KpiTime(Strict):
    """The time from an instance's first event to its first arrival at a designed end."""

    end: Id = Field(description="Id of a touchpoint marked `end: true`.")
    quantile: Literal["median", "p90"] = Field(
        default="median", description="median or p90 (nearest rank)."
    )


class KpiMeasure(Strict):
    """How `journeykit measure` computes the KPI's actual from an event log: one key."""

    conversion: KpiConversion | None = Field(
        default=None, description="A share, in % when the unit is '%'."
    )
    reach: Id | None = Field(
        default=None, description="Touchpoint or stage id: the journey instances that reach it."
    )
    transition: KpiTransition | None = Field(
        default=None, description="A share, in % when the unit is '%'."
    )
    time_to_end: KpiTime | None = Field(
        default=None, description="In the unit: s, min, h or d (seconds without one)."
    )

    @model_validator(mode="after")
    def _one(self) -> KpiMeasure:
        given = [
            k for k in ("conversion", "reach", "transition", "time_to_end") if getattr(self, k)
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of conversion, reach, transition, time_to_end"
                + (f" (not {' and '.join(given)})" if given else "")
            )
        return self


class Attribution(enum.StrEnum):
    """How a KPI credits conversions to the touchpoints before them."""

    first_touch = "first-touch"
    last_touch = "last-touch"
    linear = "linear"
    time_decay = "time-decay"
    position_based = "position-based"
    data_driven = "data-driven"

    @property
    def single_touch(self) -> bool:
        """Whether all the credit goes to one touchpoint (first or last)."""
        return self in (Attribution.first_touch, Attribution.last_touch)


class Kpi(Strict):
    """A measure of how a stage or touchpoint performs."""

    id: Id
    name: Text = Field(description="What is measured, e.g. 'Cart recovery rate'.")
    category: KpiCategory = Field(
        description=(
            "user (click-through, time on site, subscriptions), traffic"
            " (referrals, page views,\n"
            "unique visitors), sales (converted leads, cost per lead, return on"
            " spend) or\n"
            "experience (CSAT, NPS, support-ticket themes)."
        )
    )
    unit: str | None = Field(
        default=None, max_length=40, description="Unit of target and actual, e.g. '%', 's', 'EUR'."
    )
    # Finite only: YAML's .nan and .inf (and numbers too big for a float) would reach every
    # ratio, bar and label as nan or inf.
    target: float | None = Field(
        default=None, allow_inf_nan=False, description="The value the team aims for."
    )
    actual: float | None = Field(
        default=None, allow_inf_nan=False, description="The latest measured value."
    )
    direction: Direction = Field(
        default=Direction.higher_is_better,
        description=(
            "Whether a higher or a lower value is better; decides whether actual meets target."
        ),
    )
    source: str | None = Field(
        default=None,
        max_length=500,
        description="Where the actual value comes from (analytics tool, report).",
    )
    measure: KpiMeasure | None = Field(
        default=None,
        description="How the actual is computed from an event log (`journeykit measure`).",
    )
    attribution: Attribution | None = Field(
        default=None,
        description=(
            "How conversions are credited to touchpoints, where the KPI credits them:"
            " first-touch, last-touch, linear, time-decay, position-based or data-driven."
        ),
    )


class EvidenceKind(enum.StrEnum):
    fact = "fact"
    assumption = "assumption"


class Evidence(Strict):
    """What a claim rests on: research (fact) or an educated guess (assumption)."""

    kind: EvidenceKind = Field(
        description=(
            "fact: backed by research or data; assumption: an educated guess to verify later."
        )
    )
    sources: list[Annotated[str, Field(max_length=1000)]] = Field(
        default_factory=list,
        description="Interviews, surveys, analytics reports, support-ticket exports, links.",
    )
    note: Text | None = Field(
        default=None, description="Anything a reader should know about how solid the evidence is."
    )


EMOTION_MIN = -2
EMOTION_MAX = 2


class Emotion(Strict):
    """How the customer feels at a touchpoint.

    The scale runs from -2 (very negative: angry, lost) through 0 (neutral) to +2
    (very positive: delighted). Mermaid's 1-5 journey scores map onto it one to one.
    """

    score: int = Field(
        ge=EMOTION_MIN,
        le=EMOTION_MAX,
        description="-2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.",
    )
    label: str | None = Field(
        default=None,
        max_length=100,
        description="A word for the feeling, e.g. 'frustrated', 'relieved'.",
    )
