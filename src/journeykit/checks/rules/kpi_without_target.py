"""A KPI has no target.

A measure without a target cannot say whether the stage works. Set the value the team
aims for; `direction: lower-is-better` for measures such as cost per lead. A KPI on a
context moment (`context: true`: the tram, TV, a competitor's shop) describes the
customer's day, which the brand does not steer, so it is left alone.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: buy
    name: Purchase
    kpis:
      - {id: checkout-conversion, name: Checkouts that end in an order, category: sales}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: buy
    name: Purchase
    kpis:
      - {id: checkout-conversion, name: Checkouts that end in an order, category: sales,
         unit: "%", target: 65}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import journey_kpis
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    context = {("touchpoints", ti) for ti, t in enumerate(model.touchpoints) if t.context}
    for placed in journey_kpis(model):
        if placed.kpi.target is None and placed.path[:2] not in context:
            yield ctx.finding(
                f"KPI {placed.kpi.id!r} has no target",
                ctx.journey.locate(*placed.path),
                "add `target:` (and `direction: lower-is-better` where lower wins)",
            )


RULE = JourneyRule(
    code="JK602",
    name="kpi-without-target",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
