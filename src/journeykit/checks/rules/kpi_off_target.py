"""A KPI's latest actual value misses its target.

Not a mistake in the map but a fact worth seeing next to the gaps: the stage does not
yet perform as planned. `direction` decides whether higher or lower is better.

Off by default (most KPIs of a live journey miss some target): it runs only when a
`select` is given that matches it, e.g. `--select JK604` or `select = ["JK"]`.

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
      - {id: checkout-conversion, name: Checkouts that end in an order, category: sales,
         unit: "%", target: 65, actual: 58}
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
      - {id: cost-per-order, name: Marketing cost per order, category: sales, unit: EUR,
         target: 9, actual: 7.5, direction: lower-is-better}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import journey_kpis, meets_target
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for placed in journey_kpis(ctx.model):
        kpi = placed.kpi
        if meets_target(kpi) is False:
            unit = f" {kpi.unit}" if kpi.unit else ""
            # With `lint --events` the actual may be the log's (measure.actuals): say so.
            measured = kpi.source is not None and _measured(kpi.source)
            yield ctx.finding(
                f"KPI {kpi.id!r} is off target: {kpi.actual:g}{unit} against {kpi.target:g}{unit}"
                + (f" ({kpi.source})" if measured else ""),
                ctx.journey.locate(*placed.path, "actual"),
                action="look at the touchpoints that feed this KPI for the pain points "
                "behind the gap",
            )


def _measured(source: str) -> bool:
    from journeykit.measure.actuals import MEASURED  # only here: measure is not lint's

    return source.startswith(MEASURED)


RULE = JourneyRule(
    code="JK604",
    name="kpi-off-target",
    severity=Severity.INFO,
    doc=__doc__ or "",
    default_enabled=False,
    check=check,
)
