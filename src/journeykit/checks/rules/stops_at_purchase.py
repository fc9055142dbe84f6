"""The journey stops at the purchase: no post-purchase or loyalty touchpoint.

A journey does not end at the checkout. Delivery notices, satisfaction surveys, repeat
purchases and advocacy are where churn is won or lost. The rule reads `phase` of the
stages: it reports a journey that has a purchase-phase stage but no touchpoint in a
post-purchase or loyalty stage. Journeys whose stages carry no phase are not judged.
With the workspace's own phases (`[journeys] phases`), it reads the part each plays
(`[journeys] plays`): a stage playing `purchase`, then one playing `post-purchase` or
`loyalty` (a SaaS's signup, then its onboarding, usage or renewal).
Context moments (`context: true`: the tram, TV, a competitor's shop) are left alone: one
after the purchase is not the brand following up. A day-in-the-life map
(`map_type: day-in-the-life`) follows the customer's day, not a purchase, so it is not
judged either.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: consider, name: Consideration, phase: consideration}
  - {id: buy, name: Purchase, phase: purchase}
touchpoints:
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
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
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [shipped]}
  - {id: shipped, name: Dispatch notice, stage: after, channel: sms, kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.aftercare import stops_at_purchase
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model.phases import AFTER_PURCHASE, a_or_an


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if not stops_at_purchase(model, ctx.phases):
        return
    after = ctx.phases.shown(*AFTER_PURCHASE)
    yield ctx.finding(
        f"journey {model.id!r} stops at the purchase: no touchpoint in "
        f"{a_or_an(after)} {after} stage",
        ctx.journey.locate("stages", key=True),
        f"map delivery, follow-up and repeat-purchase touchpoints (phase {after})",
    )


RULE = JourneyRule(
    code="JK302",
    name="stops-at-purchase",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
