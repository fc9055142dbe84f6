"""The customer moves between digital and offline channels and nothing carries their booking over.

She reserves a jacket on the web and walks into the store, and the staff know nothing of
the reservation; he buys a bike at the till and the web account has never heard of it.
Most cross-channel disconnects happen at this hand-off between a digital channel
(presence online or mobile) and an offline one. The rule follows the journey's `next`
transitions (file order when the journey has none) and reports a customer action
(`kind: action`) on the other side of the hand-off when what the customer made before it
(a reservation, a booking or appointment, an order, a cart, a purchase, a quote, an
application, a support ticket) has not been carried over on the way: by a message from
the company (any `kind: message` between them: a confirmation, a "ready for pickup"
notice), or by data the touchpoints say is shared.

The format has no field for either, so the rule reads the name, description and content
of the touchpoints on the way (both ends included) and the labels and conditions of the
transitions. Made: reserve(s, d), reservation, book(s, ed, ing), appointment, orders,
ordered, order (but not "the order" or "your order", which is an order arriving),
checkout, cart, basket, buys, bought, pays, paid for, purchase(d), quote, applies,
application form, ticket, support case. Carried: confirm(s, ed, ation), share(d),
synced, visible, ready, notice, notified, notification, linked, looks up, on file,
receipt, recognised, "staff see", and a booking, order, pickup, reservation, reference
or QR code or number.

A move with nothing to carry is left alone: a customer who searches the web and then
walks into a shop has made nothing the shop could know. Events (a cart left behind, a
POS transaction) can make something, but the customer does not move at an event: the
parcel arriving at the store is no hand-off. Context moments (`context: true`) and
unknown channels are passed through. The keywords are English: in journeys written in
other languages only messages bridge, and only what is made in English words is judged.

Fails:

```yaml
version: 1
id: table-booking
title: Table booking
personas: [busy-parent]
stages:
  - {id: book, name: Booking}
  - {id: visit, name: Visit}
touchpoints:
  - {id: reserve, name: Reserves a table online, stage: book, channel: web, kind: action,
     next: [arrive]}
  - {id: arrive, name: Arrives at the restaurant, stage: visit, channel: store,
     kind: action, end: true}
```

Passes:

```yaml
version: 1
id: table-booking
title: Table booking
personas: [busy-parent]
stages:
  - {id: book, name: Booking}
  - {id: visit, name: Visit}
touchpoints:
  - {id: reserve, name: Reserves a table online, stage: book, channel: web, kind: action,
     next: [confirm]}
  - {id: confirm, name: Table confirmation SMS, stage: book, channel: sms, kind: message,
     next: [arrive]}
  - {id: arrive, name: Arrives at the restaurant, stage: visit, channel: store,
     kind: action, end: true}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from journeykit.analysis.flow import walked
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey, Presence, Touchpoint, TouchpointKind

_MADE: tuple[tuple[str, str], ...] = (
    ("reservation", r"reserv(?:e|es|ed|ing|ations?)"),
    ("booking", r"book(?:s|ed|ings?)?|appointments?"),
    ("order", r"orders|ordered|ordering|pre-?orders?|checkouts?|order"),
    ("cart", r"carts?|baskets?"),
    ("purchase", r"buys|bought|pays|paid for|purchases?|purchased"),
    ("quote", r"quotes?|quotations?"),
    ("application", r"applies|application form"),
    ("case", r"tickets?|support cases?|opens? a case"),
)
_MADE_RE = [(noun, re.compile(rf"\b(?:{words})\b", re.I)) for noun, words in _MADE]
# "Collects the order" is the order arriving, not being made.
_ARRIVED = re.compile(r"\b(?:the|your|their|her|his|my)\s+order\b", re.I)
_CARRIED = re.compile(
    r"\b(?:confirm(?:s|ed|ation)?|shared?|shares|sync(?:s|ed|hroni[sz]ed)?|visible|ready"
    r"|notice|notifi(?:ed|cation)|linked|looks? up|looked up|on file|receipts?"
    r"|recogni[sz](?:e|es|ed)|staff (?:can )?sees?"
    r"|(?:qr|pickup|booking|reservation|order|reference) (?:code|number))\b",
    re.I,
)
_OFFLINE = "offline"


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    tps = model.touchpoints
    family = [_family(ctx, t) for t in tps]
    carries = [_carries(t) for t in tps]
    makes = [_made(t) is not None for t in tps]
    edges = _edges(model, ctx.successors())
    seen: set[tuple[int, str | None]] = set()
    stack: list[tuple[int, int | None]] = [(i, None) for i in reversed(range(len(tps)))]
    found: dict[tuple[int, int], None] = {}
    while stack:
        node, carried = stack.pop()
        # One state per touchpoint and side of what is carried: each hand-off is
        # reported once, naming the first thing found that reaches it.
        key = (node, None if carried is None else family[carried])
        if key in seen:
            continue
        seen.add(key)
        tp = tps[node]
        side = family[node]
        action = tp.kind is TouchpointKind.action
        if side is not None and carried is not None and action and side != family[carried]:
            if not carries[node]:
                found[(node, carried)] = None
            carried = None
        if side is not None:
            if tp.kind is TouchpointKind.message or carries[node]:
                carried = None
            elif makes[node]:
                carried = node  # the newest thing made is the one to carry over
        for nxt, label in edges[node]:
            stack.append((nxt, None if _CARRIED.search(label) else carried))
    for node, made in sorted(found):
        yield _finding(ctx, node, made)


def _family(ctx: JourneyContext, tp: Touchpoint) -> str | None:
    """'digital' (online, mobile) or 'offline'; None for what the rule passes through."""
    channel = ctx.project.channels.get(tp.channel)
    if tp.context or channel is None:
        return None
    return _OFFLINE if channel.item.presence is Presence.offline else "digital"


def _edges(model: Journey, graph: dict[str, list[str]]) -> dict[int, list[tuple[int, str]]]:
    """Index -> (next index, the transition's label and condition)."""
    tps = model.touchpoints
    graph = walked(model, graph)
    index = {t.id: i for i, t in enumerate(tps)}
    out: dict[int, list[tuple[int, str]]] = {i: [] for i in range(len(tps))}
    for i, tp in enumerate(tps):
        texts = {s.to: f"{s.label or ''} {s.condition or ''}" for s in tp.transitions}
        out[i] = [(index[to], texts.get(to, "")) for to in graph.get(tp.id, [])]
    return out


def _text(tp: Touchpoint) -> str:
    return " ".join(x for x in (tp.name, tp.description, tp.content) if x)


def _carries(tp: Touchpoint) -> bool:
    return _CARRIED.search(_text(tp)) is not None


def _made(tp: Touchpoint) -> str | None:
    """What the touchpoint makes that the other side needs to know of, if anything."""
    text = _ARRIVED.sub(" ", _text(tp))
    return next((noun for noun, pattern in _MADE_RE if pattern.search(text)), None)


def _finding(ctx: JourneyContext, node: int, made: int) -> Finding:
    tps = ctx.model.touchpoints
    a, b = tps[made], tps[node]
    noun = _made(a) or "booking"
    to = ctx.project.channels[b.channel].item
    here = ctx.project.channels[a.channel].item
    if to.presence is Presence.offline:
        shared = f"how the staff at {to.name} see the {noun}"
        action = f"confirm the {noun} by SMS or e-mail and show it to the staff at {to.name}"
    else:
        shared = f"how the {noun} reaches the customer's account"
        action = (
            f"send the customer a record of the {noun} (a receipt, a confirmation e-mail) "
            f"and show it in their account on {to.name}"
        )
    return ctx.finding(
        f"the customer moves from {a.channel!r} ({here.presence}) at {a.id!r} to "
        f"{b.channel!r} ({to.presence}) at {b.id!r} with nothing carrying the {noun} over",
        ctx.journey.locate("touchpoints", node, "channel"),
        "add a confirmation message between them (`kind: message`), or say in the "
        f"description of {b.id!r} {shared}",
        action=action,
    )


RULE = JourneyRule(
    code="JK408",
    name="channel-hand-off",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
