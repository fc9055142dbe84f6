"""After the customer commits to the purchase, no message tells them what happens next.

The minutes after paying, signing or booking are when the customer is least sure: did it
go through, when does the parcel come, who calls us about the set-up? A confirmation, a
welcome and the date of the delivery or the kick-off answer that before the customer
has to ask; silence sends them to the help line or makes them cancel.

The rule reads `phase`. A commitment is a customer action or event (`kind: action` or
`event`) in a purchase-phase stage (a stage whose phase plays `purchase`, with the
workspace's own `[journeys] phases`). From it, the rule follows the journey through `next`
(in the order the touchpoints are listed when the journey has no transitions at all)
within the commitment's stage and the next stage. A message of the brand on the way
(`kind: message`, whatever its purpose) answers it; so does a step into another journey
(`{to: ..., journey: ...}`): the follow-up is mapped there. The rule fires when some way
on reaches the end of the journey, or a stage beyond the next one, with no message
before it. It names the last commitment on such a way (the signature, not the security
review before it), once per journey, at the stage of the first one. Not judged:

- a step that only leads back to an earlier stage (the customer postpones and returns
  to comparing): that is not a commitment but a drop-out, for JK502 and JK504;
- a purchase stage with messages only (an order confirmation with no checkout drawn):
  the brand speaks there and no commitment is mapped to follow up;
- journeys without a purchase-phase stage, context moments (`context: true`: they are
  neither a commitment nor a message of the brand) and day-in-the-life maps
  (`map_type: day-in-the-life`).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
  - {id: after, name: Delivery, phase: post-purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [parcel]}
  - {id: parcel, name: Parcel arrives, stage: after, channel: store, kind: event, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
  - {id: after, name: Delivery, phase: post-purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [confirm]}
  - {id: confirm, name: Order confirmation SMS, stage: buy, channel: sms, kind: message,
     purpose: transactional, next: [parcel]}
  - {id: parcel, name: Parcel arrives, stage: after, channel: store, kind: event, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.aftercare import leaves, stage_order
from journeykit.analysis.flow import walked
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey, MapType, Part, Touchpoint, TouchpointKind
from journeykit.words import listed

_COMMITS = (TouchpointKind.action, TouchpointKind.event)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is MapType.day_in_the_life:
        return
    buying = {sid for sid, part in ctx.parts().items() if part is Part.purchase}
    commitments = [
        t for t in model.touchpoints if t.stage in buying and t.kind in _COMMITS and not t.context
    ]
    if not commitments:
        return
    walk = _Walk(model, walked(model, ctx.successors()), {c.id for c in commitments})
    silent = [c for c in commitments if walk.silent(c)]
    if not silent:
        return
    yield ctx.finding(
        f"nothing tells the customer what happens next after {_names(silent)}: a way on "
        f"from {'it' if len(silent) == 1 else 'each'} has no message of the brand in that "
        "stage or the next",
        ctx.journey.locate("stages", walk.order[silent[0].stage]),
        "add a message (`kind: message`, e.g. `purpose: transactional`) to the `next` of "
        "the commitment, in its stage or the next",
        action="tell the customer what happens next: a confirmation, and when the delivery "
        "or the onboarding comes",
    )


class _Walk:
    """The ways on from a commitment within its stage and the next."""

    def __init__(self, journey: Journey, graph: dict[str, list[str]], commitments: set[str]):
        self.journey = journey
        self.graph = graph
        self.commitments = commitments
        self.order = stage_order(journey)
        self.by_id = {t.id: t for t in journey.touchpoints}

    def stage_of(self, touchpoint: Touchpoint) -> int:
        return self.order.get(touchpoint.stage, len(self.order))

    def silent(self, commitment: Touchpoint) -> bool:
        """Whether a way on from `commitment` ends, or goes past the next stage, before
        any message. Other commitments on the way are judged themselves: the way stops
        there, so only the last commitment is named."""
        first = self.stage_of(commitment)
        seen = {commitment.id}
        stack = [commitment]
        while stack:
            tp = stack.pop()
            if leaves(self.journey, tp):
                continue  # handed over: the follow-up is mapped in the other journey
            nexts = [self.by_id[n] for n in self.graph.get(tp.id, []) if n in self.by_id]
            if not nexts:
                return True
            for after in nexts:
                at = self.stage_of(after)
                if at > first + 1:
                    return True
                if at < first or after.id in seen or after.id in self.commitments:
                    continue
                if after.kind is TouchpointKind.message and not after.context:
                    continue
                seen.add(after.id)
                stack.append(after)
        return False


def _names(touchpoints: list[Touchpoint]) -> str:
    return listed([repr(t.id) for t in touchpoints], "and")


RULE = JourneyRule(
    code="JK412",
    name="silent-after-purchase",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
