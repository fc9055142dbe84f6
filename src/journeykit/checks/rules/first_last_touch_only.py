"""A journey measured first-touch / last-touch only: the middle earns no credit.

Crediting every sale to the ad that brought the customer in (first-touch) or to the
page where they paid (last-touch) is the "easy data" trap: most of the journey happens
between them, and that is where customers drop out and where the reminders, the advice
and the comparison pages earn their keep. A budget set on single-touch numbers starves
the middle.

The rule judges the attribution the KPIs declare (`attribution:` on a KPI). When some
KPIs declare one and all of those are single-touch (`first-touch`, `last-touch`), the
journey fails, naming them; one multi-touch model (`linear`, `time-decay`,
`position-based`, `data-driven`) passes it. When no KPI declares an attribution, the
rule falls back to where the KPIs sit: a journey whose KPIs all sit at its first and its
last stage is measured first-touch / last-touch in effect. Journeys with fewer than
three stages have no middle to miss and are not judged.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: aware
    name: Awareness
    kpis: [{id: ad-ctr, name: Ad click-through, category: user, target: 2,
            attribution: first-touch}]
  - {id: consider, name: Consideration}
  - id: buy
    name: Purchase
    kpis:
      - {id: orders, name: Orders, category: sales, target: 500, attribution: last-touch}
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [browse]}
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

Passes (a position-based view credits the middle too):

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: aware
    name: Awareness
    kpis: [{id: ad-ctr, name: Ad click-through, category: user, target: 2,
            attribution: first-touch}]
  - {id: consider, name: Consideration}
  - id: buy
    name: Purchase
    kpis:
      - {id: orders, name: Orders, category: sales, target: 500, attribution: last-touch}
      - {id: orders-by-step, name: Orders by step, category: sales, target: 500,
         attribution: position-based}
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [browse]}
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import PlacedKpi, journey_kpis, measured_stages
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity

_ACTION = (
    "add a multi-touch view, e.g. linear or position-based, to see what the middle of the "
    "journey earns"
)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    stages = [s.id for s in ctx.model.stages]
    if len(stages) < 3:
        return
    declared = [p for p in journey_kpis(ctx.model) if p.kpi.attribution is not None]
    if declared:
        yield from _by_attribution(ctx, declared)
        return
    measured = measured_stages(ctx.model)
    if measured and measured <= {stages[0], stages[-1]}:
        yield ctx.finding(
            f"journey {ctx.model.id!r} is measured only at its first and last stage: "
            "first-touch / last-touch in effect",
            ctx.journey.locate("stages", key=True),
            "add KPIs for the stages in between, or declare a multi-touch `attribution:`",
            _ACTION,
        )


def _by_attribution(ctx: JourneyContext, declared: list[PlacedKpi]) -> Iterator[Finding]:
    """Fails when every declared attribution model is single-touch."""
    if any(p.kpi.attribution is not None and not p.kpi.attribution.single_touch for p in declared):
        return
    named = ", ".join(f"{p.kpi.id!r} ({p.kpi.attribution})" for p in declared)
    yield ctx.finding(
        f"journey {ctx.model.id!r} credits conversions single-touch only: {named}",
        ctx.journey.locate(*declared[0].path, "attribution"),
        "declare `attribution: linear` (or position-based, time-decay, data-driven) on a "
        "KPI, or add one that does",
        _ACTION,
    )


RULE = JourneyRule(
    code="JK603",
    name="first-last-touch-only",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
