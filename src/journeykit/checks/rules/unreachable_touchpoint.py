"""A touchpoint no entry reaches.

Following `next` from the journey's entries (touchpoints with `entry: true`, else the
first touchpoint, and any touchpoint another journey leads into) never arrives here: the
map does not say how the customer gets to it. Add a transition to it, or mark it as an
entry.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
  - {id: reminder, name: Cart reminder, stage: buy, channel: sms, kind: message, next: [pay]}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay, reminder]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
  - {id: reminder, name: Cart reminder, stage: buy, channel: sms, kind: message, next: [pay]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.flow import unreachable
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    index = {id(t): i for i, t in enumerate(ctx.model.touchpoints)}
    for tp in unreachable(ctx.project, ctx.journey):
        yield ctx.finding(
            f"touchpoint {tp.id!r} is not reached from any entry",
            ctx.journey.locate("touchpoints", index[id(tp)]),
            "add it to the `next` of the touchpoint before it, or set `entry: true`",
            action="decide what brings the customer here (a trigger, a link, a message), "
            "or retire the touchpoint",
        )


RULE = JourneyRule(
    code="JK303",
    name="unreachable-touchpoint",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
