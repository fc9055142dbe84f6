"""KPIs only at the first and the last stage: first-touch / last-touch measurement.

Measuring only where the journey starts (the ad click) and where it ends (the sale) is
the "easy data" trap: most of the journey happens between them, and that is where
customers drop out. Journeys with fewer than three stages are not judged.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: aware
    name: Awareness
    kpis: [{id: ad-ctr, name: Ad click-through, category: user, target: 2}]
  - {id: consider, name: Consideration}
  - id: buy
    name: Purchase
    kpis: [{id: orders, name: Orders, category: sales, target: 500}]
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [browse]}
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
  - id: aware
    name: Awareness
    kpis: [{id: ad-ctr, name: Ad click-through, category: user, target: 2}]
  - id: consider
    name: Consideration
    kpis: [{id: add-to-cart, name: Add-to-cart rate, category: user, target: 9}]
  - id: buy
    name: Purchase
    kpis: [{id: orders, name: Orders, category: sales, target: 500}]
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [browse]}
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import measured_stages
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    stages = [s.id for s in ctx.model.stages]
    if len(stages) < 3:
        return
    measured = measured_stages(ctx.model)
    if measured and measured <= {stages[0], stages[-1]}:
        yield ctx.finding(
            f"journey {ctx.model.id!r} is measured only at its first and last stage",
            ctx.journey.locate("stages", key=True),
            "add KPIs for the stages in between (multi-touch measurement)",
        )


RULE = JourneyRule(
    code="JK603",
    name="first-last-touch-only",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
