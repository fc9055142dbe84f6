"""A message set off by an event says neither what triggers it nor when it goes out.

A message right after an event (a cart left idle, a payment declined, a parcel
delivered) is a triggered message, and its worth is in the timing: the cart reminder
works within the hour and annoys three days later, the "how is your new bike?" message
belongs to the second week, not the delivery day. When the map does not write the
timing down, whoever builds the automation picks one, and the customer gets the
reminder when it no longer matters. The rule reports a message that follows an `event`
touchpoint on the journey (one whose `next` leads to it; the one listed just before it
when the journey has no transitions at all) and has neither `trigger` (what sets it
off, e.g. "cart idle for 1 hour") nor `timing` (when it goes out, e.g. "within 1 hour").
Either is enough. Messages after an action (the customer clicked, the brand answers)
and events with no message after them are not judged; nor are context moments
(`context: true`: the tram is late, a match on TV): a message after one is not the
brand reacting to something it sees, and a context message is not the brand's.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [abandoned]}
  - {id: abandoned, name: Cart abandoned, stage: buy, channel: web, kind: event,
     next: [nudge]}
  - {id: nudge, name: Cart reminder, stage: buy, channel: sms, kind: message,
     purpose: marketing, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [abandoned]}
  - {id: abandoned, name: Cart abandoned, stage: buy, channel: web, kind: event,
     next: [nudge]}
  - {id: nudge, name: Cart reminder, stage: buy, channel: sms, kind: message,
     purpose: marketing, trigger: cart idle for 1 hour, timing: within 1 hour, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.flow import walked
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey, Touchpoint, TouchpointKind
from journeykit.words import listed


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    before = _predecessors(model, ctx.successors())
    for ti, tp in enumerate(model.touchpoints):
        if tp.kind is not TouchpointKind.message or tp.context or tp.trigger or tp.timing:
            continue
        events = list(
            dict.fromkeys(
                p.id for p in before[tp.id] if p.kind is TouchpointKind.event and not p.context
            )
        )
        if not events:
            continue
        named = listed([repr(e) for e in events], "and")
        yield ctx.finding(
            f"message {tp.id!r} follows event{'s' if len(events) > 1 else ''} {named} but "
            "says neither what sets it off (`trigger`) nor when it goes out (`timing`)",
            ctx.journey.locate("touchpoints", ti),
            "add `trigger:` (e.g. 'cart idle for 1 hour') or `timing:` (e.g. 'within 1 hour')",
            action="agree how soon after the event the message must reach the customer, "
            "while it still matters to them",
        )


def _predecessors(journey: Journey, graph: dict[str, list[str]]) -> dict[str, list[Touchpoint]]:
    """Touchpoint id -> the touchpoints that lead to it: through `next`, or the one listed
    just before it when the journey has no transitions at all."""
    tps = journey.touchpoints
    before: dict[str, list[Touchpoint]] = {t.id: [] for t in tps}
    steps = walked(journey, graph)
    for tp in tps:
        for nxt in steps.get(tp.id, []):
            before[nxt].append(tp)
    return before


RULE = JourneyRule(
    code="JK410",
    name="untimed-message",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
