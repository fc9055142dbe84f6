"""Many customers drop out at a touchpoint the map records no pain point for.

Run by `journeykit lint --events LOG`. A drop-out is a journey instance that stops at a
touchpoint that is not a designed end. Where many of them gather, something is wrong,
and the map that says nothing about it there is the map nobody will fix it from.
Reported when at least `min-instances` (default 10) instances visit the touchpoint and
at least `share` (default 0.3) of them stop there.

Fails (two of the three carts are left, and the cart has no pain point):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

```toml
[lint.rules.JK504]
min-instances = 3
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
c3,cart,2024-05-01T11:00:00Z
```

Passes (the map knows why they leave):

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
    pain_points: [{id: shipping-cost, description: Shipping costs appear only at the end}]
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
c3,cart,2024-05-01T11:00:00Z
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.findings import Finding, Severity


def check(ctx: ObservedContext) -> Iterator[Finding]:
    share, least = ctx.float_option("share"), ctx.int_option("min-instances")
    stopped: dict[str, int] = {}
    for d in ctx.metrics.drop_outs:
        stopped[d.touchpoint] = stopped.get(d.touchpoint, 0) + d.instances
    visited = {t.touchpoint: t.instances for t in ctx.metrics.touchpoints}
    for i, tp in enumerate(ctx.model.touchpoints):
        left, came = stopped.get(tp.id, 0), visited.get(tp.id, 0)
        if tp.pain_points or came < least or left < share * came:
            continue
        yield ctx.finding(
            f"{left / came:.0%} of the journey instances at {tp.id!r} stop there "
            f"({left:,} of {came:,}), and the map records no pain point for it",
            ctx.journey.locate("touchpoints", i, "id"),
            "find out why they leave (support tickets, session recordings, a survey) "
            "and record it under `pain_points`",
            action="talk to customers who left here before you redesign the step",
        )


RULE = ObservedRule(
    code="JK504",
    name="silent-drop-out",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    options={"share": 0.3, "min-instances": 10},
)
