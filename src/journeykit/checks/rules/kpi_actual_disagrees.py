"""A KPI's typed `actual` disagrees with the value measured from the log.

Run by `journeykit lint --events LOG`, for the KPIs whose `measure` says how they come
from the log. A number typed into the map once ages: the dashboard it was read from
changed its definition, the campaign ended, or it never measured the same thing. When
the typed actual is more than `tolerance` (default 0.1, relative to the measured
value) away from what the log says, the map is telling the reviewer something that is
not so.

Fails (typed 70 %, measured 50 %):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - id: cart
    name: Cart
    stage: buy
    channel: web
    kind: action
    entry: true
    next: [pay]
    kpis:
      - id: cart-to-pay
        name: Carts that end in a checkout
        category: sales
        unit: "%"
        actual: 70
        measure: {conversion: {from: cart, to: pay}}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
```

Passes (typed 50 %):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - id: cart
    name: Cart
    stage: buy
    channel: web
    kind: action
    entry: true
    next: [pay]
    kpis:
      - id: cart-to-pay
        name: Carts that end in a checkout
        category: sales
        unit: "%"
        actual: 50
        measure: {conversion: {from: cart, to: pay}}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.measurement import journey_kpis
from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.findings import Finding, Severity
from journeykit.loader.locate import PathPart


def check(ctx: ObservedContext) -> Iterator[Finding]:
    tolerance = ctx.float_option("tolerance")
    where: dict[str, tuple[PathPart, ...]] = {}
    for placed in journey_kpis(ctx.model):
        where.setdefault(placed.kpi.id, (*placed.path, "actual"))
    for k in ctx.metrics.kpis:
        if k.typed_actual is None or k.value is None or k.kpi not in where:
            continue
        if abs(k.typed_actual - k.value) <= tolerance * abs(k.value):
            continue
        unit = f" {k.unit}" if k.unit else ""
        yield ctx.finding(
            f"KPI {k.kpi!r}: the file says {_shown(k.typed_actual)}{unit}, the log "
            f"{_shown(k.value)}{unit} ({k.measure} at {k.at!r})",
            ctx.journey.locate(*where[k.kpi]),
            "update `actual` from the log (or drop it: `journeykit measure` gives it), "
            "or check that `measure` counts what the KPI means",
            action="agree with the KPI's owner which figure the team steers by",
        )


def _shown(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


RULE = ObservedRule(
    code="JK605",
    name="kpi-actual-disagrees",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    options={"tolerance": 0.1},
)
