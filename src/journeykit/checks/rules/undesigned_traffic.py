"""An undesigned transition carries a large share of a touchpoint's traffic.

Run by `journeykit lint --events LOG`. When customers leave a touchpoint for somewhere
the map draws no step to, and many of them do, the design misses what customers do: the
detour is the journey. Reported when the jump's moves are more than `share` (default
0.2) of all the moves out of its source touchpoint, and at least `min-moves` (default
10) moves leave that touchpoint (a handful of moves says little).

Fails (half the moves out of the cart go straight to the phone line):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
  - {id: call, name: Calls the shop, stage: buy, channel: phone, kind: action, end: true}
```

```toml
[lint.rules.JK307]
min-moves = 2
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
c2,call,2024-05-01T10:10:00Z
```

Passes (one move in five is not more than the share):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
  - {id: call, name: Calls the shop, stage: buy, channel: phone, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
c2,pay,2024-05-01T10:10:00Z
c3,cart,2024-05-01T10:00:00Z
c3,pay,2024-05-01T10:10:00Z
c4,cart,2024-05-01T10:00:00Z
c4,pay,2024-05-01T10:10:00Z
c5,cart,2024-05-01T10:00:00Z
c5,call,2024-05-01T10:10:00Z
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.findings import Finding, Severity


def check(ctx: ObservedContext) -> Iterator[Finding]:
    share, least = ctx.float_option("share"), ctx.int_option("min-moves")
    out_of: dict[str, int] = {}
    for t in ctx.metrics.transitions:
        out_of[t.source] = out_of.get(t.source, 0) + t.count
    index = {t.id: i for i, t in enumerate(ctx.model.touchpoints)}
    for jump in ctx.metrics.jumps:
        total = out_of[jump.source]
        if jump.source not in index or total < least or jump.count <= share * total:
            continue
        yield ctx.finding(
            f"{jump.count / total:.0%} of the moves out of {jump.source!r} go to "
            f"{jump.target!r}, which the design has no step to ({jump.count:,} of {total:,}, "
            f"{jump.instances:,} journey instances)",
            ctx.journey.locate("touchpoints", index[jump.source], "id"),
            f"draw the step (`next: [{jump.target}]`) or design the detour out",
            action="find out why customers take the detour: the designed path may not "
            "answer what they need at that point",
        )


RULE = ObservedRule(
    code="JK307",
    name="undesigned-traffic",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    options={"share": 0.2, "min-moves": 10},
)
