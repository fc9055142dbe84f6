"""A journey file (`*.journey.yaml`): stages, touchpoints and the transitions between them."""

from __future__ import annotations

import enum
from typing import Annotated, Literal

from pydantic import Field

from journeykit.model.common import Emotion, Evidence, Id, Importance, Kpi, Strict, Text
from journeykit.model.outcomes import Outcome
from journeykit.model.phases import PhaseName


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


class Stage(Strict):
    """One column of the map: a step of the customer's journey with its own intent."""

    id: Id
    name: Text = Field(description="The stage as shown on the map, e.g. 'Consideration'.")
    phase: PhaseName | None = Field(
        default=None,
        description=(
            "Where the stage sits in the lifecycle: awareness, consideration, purchase,"
            " post-purchase or loyalty, or one of the workspace's `[journeys] phases`."
        ),
    )
    intent: Text | None = Field(
        default=None, description="What the customer wants to achieve in this stage."
    )
    goal: Text | None = Field(
        default=None, description="What the company wants to achieve in this stage."
    )
    questions: list[Text] = Field(
        default_factory=list, description="Questions the customer asks in this stage."
    )
    content: list[Text] = Field(
        default_factory=list, description="Content that fits the stage's intent."
    )
    kpis: list[Kpi] = Field(
        default_factory=list, description="How the stage as a whole is measured."
    )


class TouchpointKind(enum.StrEnum):
    message = "message"
    """The company sends it (an SMS, an e-mail, a push notification)."""
    action = "action"
    """The customer does it (browses, visits the store, calls)."""
    event = "event"
    """Something happens that can trigger a message (an abandoned cart, a delivery)."""


class Purpose(enum.StrEnum):
    """Why the company reaches out: what consent a message needs and what it answers."""

    transactional = "transactional"
    """Part of a purchase or contract the customer made: a confirmation, a bill, a
    delivery notice."""
    marketing = "marketing"
    """An offer, a newsletter, an upsell: needs the customer's consent on most channels."""
    recovery = "recovery"
    """Puts a bad moment right: support, help, an apology, a fix, a refund."""
    feedback = "feedback"
    """Asks the customer's opinion: a review request, a survey, an NPS question."""


class PainPoint(Strict):
    id: Id
    description: Text = Field(
        description="What goes wrong for the customer, in their words where possible."
    )
    severity: Literal["low", "medium", "high"] = Field(
        default="medium", description="How much it hurts: low, medium or high."
    )


class Opportunity(Strict):
    id: Id
    description: Text = Field(description="What the company could do better here.")
    addresses: list[Id] = Field(
        default_factory=list,
        description="Ids of the pain points (in this journey) this opportunity addresses.",
    )
    owner: str | None = Field(
        default=None, max_length=200, description="The team that would take the opportunity on."
    )


class Transition(Strict):
    """A step from one touchpoint to the next. Back-steps and loops are allowed."""

    to: Id = Field(description="Id of the next touchpoint.")
    journey: Id | None = Field(
        default=None, description="Id of another journey when the step leaves this one."
    )
    label: str | None = Field(
        default=None,
        max_length=200,
        description="What happens, e.g. 'compares again', 'no reply in 24 h'.",
    )
    condition: str | None = Field(
        default=None,
        max_length=500,
        description="When this step is taken, e.g. 'cart value over 50 EUR'.",
    )


Scalar = str | int | float | bool


class EventMatcher(Strict):
    """An event of the log that maps to the touchpoint: its name, and property conditions."""

    name: str = Field(min_length=1, max_length=200, description="The event's name in the log.")
    where: dict[str, Scalar | list[Scalar]] = Field(
        default_factory=dict,
        description=(
            "Column -> value (or a list: any of them) the event must also have; compared as text."
        ),
    )


class Touchpoint(Strict):
    """A point where the customer meets the company."""

    id: Id
    name: Text = Field(description="The touchpoint as shown on the map, e.g. 'Abandoned-cart SMS'.")
    stage: Id = Field(description="Id of the stage the touchpoint belongs to.")
    channel: Id = Field(description="Id of a channel in the channel catalog.")
    kind: TouchpointKind = Field(
        description="message (the company sends it), action (the customer does it) or event."
    )
    description: Text | None = Field(
        default=None, description="What happens at the touchpoint, in a sentence or two."
    )
    purpose: Purpose | None = Field(
        default=None,
        description=(
            "Why the company reaches out: transactional, marketing, recovery (support, an"
            " apology, a fix) or feedback (a review request, a survey)."
        ),
    )
    context: bool = Field(
        default=False,
        description=(
            "A moment of the customer's day that is not the brand's (the tram, a competitor's"
            " shop, TV): the owner, KPI, channel and policy rules leave it alone."
        ),
    )
    owner: str | None = Field(
        default=None, max_length=200, description="The team that owns the touchpoint."
    )
    trigger: str | None = Field(
        default=None, max_length=500, description="What sets it off, e.g. 'cart idle for 1 hour'."
    )
    timing: str | None = Field(
        default=None,
        max_length=200,
        description="When it happens, e.g. 'within 1 hour', 'day 3 after delivery'.",
    )
    content: Text | None = Field(
        default=None, description="Example content: the message text or what the customer sees."
    )
    doing: Text | None = Field(
        default=None, description="What the customer does here, e.g. 'compares delivery costs'."
    )
    thinking: Text | None = Field(
        default=None, description="What the customer thinks here, e.g. 'is this the total?'."
    )
    feeling: Text | None = Field(
        default=None,
        description="How the customer feels, in words (beside the `emotion` score).",
    )
    quotes: list[Text] = Field(
        default_factory=list, description="What customers said here, word for word (research)."
    )
    lanes: dict[str, Text] = Field(
        default_factory=dict,
        description=(
            "Text for the workspace's own map lanes, by lane key: the keys `[map] lanes`"
            " of journeykit.toml declares, e.g. {systems: 'CRM, POS'}."
        ),
    )
    emotion: Emotion | None = Field(
        default=None, description="How the customer feels here, on the -2..+2 scale."
    )
    pain_points: list[PainPoint] = Field(
        default_factory=list, description="What frustrates or confuses the customer here."
    )
    opportunities: list[Opportunity] = Field(
        default_factory=list, description="Improvements, each naming the pain points it addresses."
    )
    kpis: list[Kpi] = Field(
        default_factory=list, description="How the touchpoint is measured, with target and actual."
    )
    evidence: Evidence | None = Field(
        default=None,
        description=(
            "Whether the touchpoint is backed by research (fact) or a guess (assumption)."
        ),
    )
    personas: list[Id] = Field(
        default_factory=list,
        description="The personas it applies to; empty means every persona of the journey.",
    )
    importance: Importance = Field(
        default=Importance.medium,
        description="low, medium, high or critical; orders the gaps to fix first.",
    )
    entry: bool = Field(
        default=False,
        description=(
            "The journey can start here. Without any entry, the first touchpoint is the entry."
        ),
    )
    end: bool | Outcome = Field(
        default=False,
        description="The journey may end here (not a dead end): true, or how, e.g. 'churned'.",
    )
    opt_in: list[Id] = Field(
        default_factory=list,
        description=(
            "Channels on which the customer gives consent to messaging at this touchpoint."
        ),
    )
    next: list[Id | Transition] = Field(
        default_factory=list,
        description="The touchpoints that can follow: an id, or a transition with a label.",
    )
    events: list[Annotated[str, Field(min_length=1, max_length=200)] | EventMatcher] | None = Field(
        default=None,
        description=(
            "Events of the log that map here (`journeykit measure`): a name, or a name "
            "with `where` conditions; without it, an event equal to the id maps here."
        ),
    )

    @property
    def transitions(self) -> list[Transition]:
        return [Transition(to=t) if isinstance(t, str) else t for t in self.next]


class Journey(Strict):
    """One customer journey, from first awareness to loyalty."""

    version: Literal[1] = Field(
        description="Format version of the file; this release reads version 1."
    )
    id: Id
    title: Text = Field(description="The journey's title as shown on maps and reports.")
    description: Text | None = Field(
        default=None, description="What the journey covers and why it is mapped."
    )
    map_type: MapType = Field(
        default=MapType.current_state,
        description="current-state, future-state, day-in-the-life or persona-based.",
    )
    personas: list[Id] = Field(min_length=1, description="Ids of the personas this journey is for.")
    owner: str | None = Field(
        default=None, max_length=200, description="The team or person responsible for the journey."
    )
    status: Status = Field(default=Status.draft, description="draft, review, approved or archived.")
    tags: list[str] = Field(
        default_factory=list, description="Free labels for filtering, e.g. 'q3-campaign'."
    )
    stages: list[Stage] = Field(min_length=1, description="The stages in order.")
    touchpoints: list[Touchpoint] = Field(
        default_factory=list,
        description="Every touchpoint of the journey, in any order; `stage` places each one.",
    )

    def entries(self) -> list[Touchpoint]:
        marked = [t for t in self.touchpoints if t.entry]
        return marked or self.touchpoints[:1]
