"""Every KPI of a journey measures the same layer.

Digital metrics come in layers: user response (click-through, time on site, sign-ups),
traffic (referrals, page views, unique visitors) and sales (converted leads, cost per
lead, return on spend), with experience scores (CSAT, NPS) beside them. Each stage reads
best through its own: awareness by traffic, consideration by user response, purchase by
sales. A journey whose three or more KPIs are all sales figures shows where customers
were lost, never why. KPIs on context moments (`context: true`) are not counted.

Options: `min-kpis` (default 3): journeys with fewer KPIs are not judged.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: consider
    name: Consideration
    kpis: [{id: leads, name: Converted leads, category: sales, unit: "%", target: 5}]
  - id: buy
    name: Purchase
    kpis:
      - {id: orders, name: Checkouts that end in an order, category: sales, unit: "%",
         target: 65}
      - {id: cost-per-order, name: Cost per order, category: sales, unit: EUR, target: 4,
         direction: lower-is-better}
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
  - id: consider
    name: Consideration
    kpis: [{id: ctr, name: Click-through to product pages, category: user, unit: "%",
            target: 3}]
  - id: buy
    name: Purchase
    kpis:
      - {id: orders, name: Checkouts that end in an order, category: sales, unit: "%",
         target: 65}
      - {id: cost-per-order, name: Cost per order, category: sales, unit: EUR, target: 4,
         direction: lower-is-better}
touchpoints:
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import journey_kpis
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity

_OTHERS = {
    "user": "traffic (referrals, unique visitors) and sales (conversions, cost per lead)",
    "traffic": "user response (click-through, sign-ups) and sales (conversions, cost per lead)",
    "sales": "traffic (referrals, unique visitors) and user response (click-through, sign-ups)",
    "experience": "traffic, user response and sales",
}


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    context = {("touchpoints", ti) for ti, t in enumerate(model.touchpoints) if t.context}
    placed = [p for p in journey_kpis(model) if p.path[:2] not in context]
    categories = {p.kpi.category for p in placed}
    if len(placed) < ctx.int_option("min-kpis") or len(categories) != 1:
        return
    layer = categories.pop().value
    yield ctx.finding(
        f"all {len(placed)} KPIs of journey {model.id!r} measure one layer, {layer}",
        ctx.journey.locate(*placed[0].path),
        f"give the stages KPIs of other categories: {_OTHERS[layer]}",
        action=f"ask what the {layer} figures cannot explain, and which measure of each "
        "stage would show it",
    )


RULE = JourneyRule(
    code="JK606",
    name="one-metric-layer",
    severity=Severity.INFO,
    doc=__doc__ or "",
    options={"min-kpis": 3},
    check=check,
)
