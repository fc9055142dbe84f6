"""A journey file (`*.journey.yaml`): stages, touchpoints and the transitions between them."""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import Field

from journeykit.model.common import Emotion, Evidence, Id, Importance, Kpi, Strict, Text


class MapType(enum.StrEnum):
    current_state = "current-state"
    future_state = "future-state"
    day_in_the_life = "day-in-the-life"
    persona_based = "persona-based"


class Status(enum.StrEnum):
    draft = "draft"
    review = "review"
    approved = "approved"
    archived = "archived"


class Phase(enum.StrEnum):
    """Where a stage sits in the purchase cycle, whatever the stage is called.

    Rules use it: "the journey stops at the purchase" looks for post-purchase and loyalty.
    """

    awareness = "awareness"
    consideration = "consideration"
    purchase = "purchase"
    post_purchase = "post-purchase"
    loyalty = "loyalty"


class Stage(Strict):
    """One column of the map: a step of the customer's journey with its own intent."""

    id: Id
    name: Text
    phase: Phase | None = None
    """awareness, consideration, purchase, post-purchase or loyalty."""
    intent: Text | None = None
    """What the customer wants to achieve in this stage."""
    goal: Text | None = None
    """What the company wants to achieve in this stage."""
    questions: list[Text] = Field(default_factory=list)
    """Questions the customer asks in this stage."""
    content: list[Text] = Field(default_factory=list)
    """Content that fits the stage's intent."""
    kpis: list[Kpi] = Field(default_factory=list)


class TouchpointKind(enum.StrEnum):
    message = "message"
    """The company sends it (an SMS, an e-mail, a push notification)."""
    action = "action"
    """The customer does it (browses, visits the store, calls)."""
    event = "event"
    """Something happens that can trigger a message (an abandoned cart, a delivery)."""


class PainPoint(Strict):
    id: Id
    description: Text
    severity: Literal["low", "medium", "high"] = "medium"


class Opportunity(Strict):
    id: Id
    description: Text
    addresses: list[Id] = Field(default_factory=list)
    """Ids of the pain points (in this journey) this opportunity addresses."""
    owner: str | None = Field(default=None, max_length=200)


class Transition(Strict):
    """A step from one touchpoint to the next. Back-steps and loops are allowed."""

    to: Id
    """Id of the next touchpoint."""
    journey: Id | None = None
    """Id of another journey when the step leaves this one."""
    label: str | None = Field(default=None, max_length=200)
    """What happens, e.g. 'compares again', 'no reply in 24 h'."""
    condition: str | None = Field(default=None, max_length=500)


class Touchpoint(Strict):
    """A point where the customer meets the company."""

    id: Id
    name: Text
    stage: Id
    """Id of the stage the touchpoint belongs to."""
    channel: Id
    """Id of a channel in the channel catalog."""
    kind: TouchpointKind
    """message (the company sends it), action (the customer does it) or event."""
    description: Text | None = None
    owner: str | None = Field(default=None, max_length=200)
    """The team that owns the touchpoint."""
    trigger: str | None = Field(default=None, max_length=500)
    """What sets it off, e.g. 'cart idle for 1 hour'."""
    timing: str | None = Field(default=None, max_length=200)
    """When it happens, e.g. 'within 1 hour', 'day 3 after delivery'."""
    content: Text | None = None
    """Example content: the message text or what the customer sees."""
    emotion: Emotion | None = None
    pain_points: list[PainPoint] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    evidence: Evidence | None = None
    personas: list[Id] = Field(default_factory=list)
    """The personas it applies to; empty means every persona of the journey."""
    importance: Importance = Importance.medium
    entry: bool = False
    """The journey can start here. Without any entry, the first touchpoint is the entry."""
    end: bool = False
    """The journey may end here without it being a dead end."""
    opt_in: list[Id] = Field(default_factory=list)
    """Channels on which the customer gives consent to messaging at this touchpoint."""
    next: list[Id | Transition] = Field(default_factory=list)
    """The touchpoints that can follow: an id, or a transition with a label."""

    @property
    def transitions(self) -> list[Transition]:
        return [Transition(to=t) if isinstance(t, str) else t for t in self.next]


class Journey(Strict):
    """One customer journey, from first awareness to loyalty."""

    version: Literal[1]
    """Format version of the file; this release reads version 1."""
    id: Id
    title: Text
    description: Text | None = None
    map_type: MapType = MapType.current_state
    """current-state, future-state, day-in-the-life or persona-based."""
    personas: list[Id] = Field(min_length=1)
    """Ids of the personas this journey is for."""
    owner: str | None = Field(default=None, max_length=200)
    status: Status = Status.draft
    tags: list[str] = Field(default_factory=list)
    stages: list[Stage] = Field(min_length=1)
    """The stages in order."""
    touchpoints: list[Touchpoint] = Field(default_factory=list)

    def entries(self) -> list[Touchpoint]:
        marked = [t for t in self.touchpoints if t.entry]
        return marked or self.touchpoints[:1]
