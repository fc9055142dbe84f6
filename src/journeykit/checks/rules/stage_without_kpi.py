"""A stage has no KPI.

What is not measured is not managed: every stage needs at least one measure of how it
performs (conversion rate, time on page, click-through, CSAT, support-ticket themes).
KPIs on the stage itself and on its touchpoints both count.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
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

from journeykit.analysis.measurement import measured_stages
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    measured = measured_stages(ctx.model)
    for si, stage in enumerate(ctx.model.stages):
        if stage.id not in measured:
            yield ctx.finding(
                f"stage {stage.id!r} has no KPI",
                ctx.journey.locate("stages", si),
                "add `kpis:` to the stage or to one of its touchpoints",
            )


RULE = JourneyRule(
    code="JK601",
    name="stage-without-kpi",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
