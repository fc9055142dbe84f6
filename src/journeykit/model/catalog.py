"""Shared catalog files: the personas and the channels journeys refer to by id."""

from __future__ import annotations

import enum
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator

from journeykit.model.common import Id, Strict, Text

HEX_COLOR = r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"


def _hex_color(value: str) -> str:
    if re.fullmatch(HEX_COLOR, value) is None:
        shown = repr(value) if len(value) <= 20 else repr(value[:17] + "...")
        raise ValueError(f"{shown} is not a CSS hex colour like '#1f77b4' or '#f80'")
    return value


def _never_null(schema: dict[str, Any]) -> None:
    """The schema of an optional colour: a string when given (null is an error)."""
    schema.pop("anyOf", None)
    schema.update(type="string", pattern=HEX_COLOR)


HexColor = Annotated[
    str, AfterValidator(_hex_color), Field(json_schema_extra={"pattern": HEX_COLOR})
]


class BuyerKind(enum.StrEnum):
    """Kinds of buyer differ in what they need from the journey."""

    client = "client"
    """A long-term relationship: advice, ongoing service."""
    customer = "customer"
    """A one-off purchase."""
    consumer = "consumer"
    """Cheap, repeated purchases with little research."""


class Market(enum.StrEnum):
    b2b = "b2b"
    b2c = "b2c"


class Preference(enum.StrEnum):
    preferred = "preferred"
    accepted = "accepted"
    opted_out = "opted-out"


class ConsentBasis(enum.StrEnum):
    """The legal basis for sending marketing messages on a channel."""

    opt_in = "opt-in"
    soft_opt_in = "soft-opt-in"
    contract = "contract"
    legitimate_interest = "legitimate-interest"
    not_required = "not-required"


class ChannelPreference(Strict):
    """How a persona relates to one channel."""

    channel: Id = Field(description="Id of a channel in the channel catalog.")
    preference: Preference = Field(
        description="preferred, accepted, or opted-out (never send on it)."
    )
    consent: ConsentBasis | None = Field(
        default=None,
        description="The basis for messaging on this channel, where messaging needs one.",
    )
    note: Text | None = Field(
        default=None, description="Anything else about how the persona uses the channel."
    )


class Demographics(Strict):
    age: str | None = Field(
        default=None, max_length=40, description="An age range such as '30-45'."
    )
    location: str | None = Field(
        default=None, max_length=200, description="Where they live or work, e.g. 'Helsinki region'."
    )
    occupation: str | None = Field(default=None, max_length=200, description="Job or role in life.")
    household: str | None = Field(
        default=None, max_length=200, description="Household, e.g. 'two adults, two children'."
    )
    income: str | None = Field(default=None, max_length=100, description="Income band, in words.")
    company_size: str | None = Field(
        default=None,
        max_length=100,
        description="For B2B personas: the size of the buying organisation.",
    )
    notes: Text | None = Field(default=None, description="Anything else that sets the group apart.")


class PurchaseBehaviour(Strict):
    frequency: str | None = Field(
        default=None,
        max_length=200,
        description="How often they buy, e.g. 'weekly', 'once every few years'.",
    )
    research: Literal["low", "medium", "high"] | None = Field(
        default=None, description="How much research precedes a purchase."
    )
    decision_time: str | None = Field(
        default=None,
        max_length=200,
        description="Typical time from first contact to purchase, e.g. '1-3 months'.",
    )
    notes: Text | None = Field(default=None, description="Anything else about how they buy.")


class Persona(Strict):
    """A key customer group the journeys are designed for."""

    id: Id
    name: Text = Field(description="The persona's name as shown on maps, e.g. 'Busy parent'.")
    description: Text | None = Field(default=None, description="Who they are, in a few sentences.")
    buyer: BuyerKind = Field(description="client, customer or consumer.")
    market: Market = Field(description="b2b or b2c.")
    role: str | None = Field(
        default=None,
        max_length=200,
        description=(
            "In a B2B buying group: the decision role, e.g. 'economic buyer',"
            " 'technical evaluator'."
        ),
    )
    demographics: Demographics | None = Field(
        default=None, description="Age, location, occupation, household, income, company size."
    )
    goals: list[Text] = Field(default_factory=list, description="What they want to achieve.")
    frustrations: list[Text] = Field(default_factory=list, description="What gets in their way.")
    judged_by: list[Text] = Field(
        default_factory=list, description="How their work or success is judged (mostly B2B)."
    )
    purchase_behaviour: PurchaseBehaviour | None = Field(
        default=None, description="How often and how carefully they buy."
    )
    information_sources: list[Text] = Field(
        default_factory=list, description="The information sources they trust."
    )
    social_media: list[Text] = Field(
        default_factory=list, description="Where they are on social media; empty when they are not."
    )
    channels: list[ChannelPreference] = Field(
        default_factory=list,
        description=(
            "Channel preferences: preferred, accepted, opted out, with the consent basis."
        ),
    )


class PersonasFile(Strict):
    """A catalog file of personas (`personas.yaml` or `*.personas.yaml`)."""

    version: Literal[1] = Field(
        description="Format version of the file; this release reads version 1."
    )
    personas: list[Persona] = Field(description="The personas defined in this file.")


class ChannelKind(enum.StrEnum):
    messaging = "messaging"
    """SMS, RCS, WhatsApp, Viber."""
    email = "email"
    web = "web"
    app = "app"
    social = "social"
    search = "search"
    store = "store"
    phone = "phone"
    event = "event"
    print = "print"
    advertising = "advertising"
    other = "other"


class Presence(enum.StrEnum):
    online = "online"
    offline = "offline"
    mobile = "mobile"


class Channel(Strict):
    """A medium through which touchpoints happen."""

    id: Id
    name: Text = Field(description="The channel as shown on maps, e.g. 'WhatsApp'.")
    kind: ChannelKind = Field(
        description=(
            "messaging, email, web, app, social, search, store, phone, event,"
            " print,\n"
            "advertising or other."
        )
    )
    presence: Presence = Field(description="online, offline or mobile.")
    outbound: bool = Field(
        description="Whether the company can send messages on it (SMS: yes, a store visit: no)."
    )
    requires_consent: bool | None = Field(
        default=None,
        description=(
            "Whether marketing messages need an opt-in; defaults to yes for messaging and e-mail."
        ),
    )
    description: Text | None = Field(default=None, description="What the channel is used for.")
    color: HexColor | None = Field(
        default=None,
        json_schema_extra=_never_null,
        description=(
            "The channel's colour in pictures and the report, a CSS hex colour such as"
            " '#25d366' or '#f80'; without it, a colour derived from the channel's id."
        ),
    )

    @field_validator("color", mode="before")
    @classmethod
    def _color_given(cls, value: object) -> object:
        # Unquoted, `color: #25d366` is YAML for an empty value and a comment.
        if value is None:
            raise ValueError('color is empty: quote the colour, as in color: "#25d366"')
        return value

    @property
    def needs_consent(self) -> bool:
        if self.requires_consent is not None:
            return self.requires_consent
        return self.kind in (ChannelKind.messaging, ChannelKind.email)


class ChannelsFile(Strict):
    """A catalog file of channels (`channels.yaml` or `*.channels.yaml`)."""

    version: Literal[1] = Field(
        description="Format version of the file; this release reads version 1."
    )
    channels: list[Channel] = Field(description="The channels defined in this file.")
