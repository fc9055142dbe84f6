"""An opportunity has no owner.

An improvement idea without an owner stays an idea. Name the team or person who will
take it forward.

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
    opportunities:
      - {id: wallets, description: Offer mobile wallets at checkout}
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
    opportunities:
      - {id: wallets, description: Offer mobile wallets at checkout, owner: Payments team}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, tp in enumerate(ctx.model.touchpoints):
        for oi, opportunity in enumerate(tp.opportunities):
            if not opportunity.owner:
                yield ctx.finding(
                    f"opportunity {opportunity.id!r} at {tp.id!r} has no owner",
                    ctx.journey.locate("touchpoints", ti, "opportunities", oi),
                    "add `owner:` with who takes it forward",
                    action="agree which team takes the improvement forward",
                )


RULE = JourneyRule(
    code="JK704",
    name="opportunity-without-owner",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
