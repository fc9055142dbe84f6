"""A pain point no opportunity addresses.

Mapping friction is only half the work; the other half is deciding what to do about it.
A pain point counts as addressed when an opportunity in the journey lists its id in
`addresses`, or when an opportunity without `addresses` sits on the same touchpoint. A
pain at a moment that is not the brand's (`context: true`: the crowded tram) is the
customer's day, not a pain the brand owes an answer to.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - id: pay
    name: Checkout
    stage: buy
    channel: web
    kind: action
    end: true
    pain_points:
      - {id: hidden-fees, description: Delivery cost shows up only at the last step}
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
  - id: pay
    name: Checkout
    stage: buy
    channel: web
    kind: action
    end: true
    pain_points:
      - {id: hidden-fees, description: Delivery cost shows up only at the last step}
    opportunities:
      - {id: show-fees, description: Show delivery cost on the product page,
         addresses: [hidden-fees]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.emotions import unaddressed_pains
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, pi, pain in unaddressed_pains(ctx.model):
        tp = ctx.model.touchpoints[ti]
        if tp.context:
            continue
        yield ctx.finding(
            f"pain point {pain.id!r} ({pain.severity}) at {tp.id!r} has no opportunity "
            "addressing it",
            ctx.journey.locate("touchpoints", ti, "pain_points", pi),
            f"add an opportunity with `addresses: [{pain.id}]`",
            action="decide with the owning team how to remove or soften this pain",
        )


RULE = JourneyRule(
    code="JK501",
    name="unaddressed-pain-point",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
