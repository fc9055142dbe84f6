"""A stage has no KPI.

What is not measured is not managed: every stage needs at least one measure of how it
performs (conversion rate, time on page, click-through, CSAT, support-ticket themes).
KPIs on the stage itself and on its touchpoints both count. Context moments
(`context: true`: the tram, TV, a competitor's shop) are left alone: a stage made only
of them is the customer's time, not the brand's, and needs no KPI, and a KPI on one
measures the customer's day, not how the stage performs.

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

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    measured = _brand_measured(model)
    for si, stage in enumerate(model.stages):
        here = [t for t in model.touchpoints if t.stage == stage.id]
        if here and all(t.context for t in here):
            continue
        if stage.id not in measured:
            yield ctx.finding(
                f"stage {stage.id!r} has no KPI",
                ctx.journey.locate("stages", si),
                "add `kpis:` to the stage or to one of its touchpoints",
            )


def _brand_measured(journey: Journey) -> set[str]:
    """Stages with a KPI of their own or on one of the brand's touchpoints."""
    measured = {s.id for s in journey.stages if s.kpis}
    return measured | {t.stage for t in journey.touchpoints if t.kpis and not t.context}


RULE = JourneyRule(
    code="JK601",
    name="stage-without-kpi",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
