"""A KPI has no target.

A measure without a target cannot say whether the stage works. Set the value the team
aims for; `direction: lower-is-better` for measures such as cost per lead.

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
    for placed in journey_kpis(ctx.model):
        if placed.kpi.target is None:
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
