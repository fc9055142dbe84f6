"""A designed touchpoint no customer reached in the measured period.

Run by `journeykit lint --events LOG`. A touchpoint on the map that no event maps to is
either not happening (the campaign never went out, the page was taken down), not
tracked (nothing in the log says it happened), or mapped to the wrong event names: each
is worth knowing before the map is used to decide anything. A journey no event maps to
at all is not judged (`measure` warns about it).

Fails (the log never shows the SMS):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay, sms]}
  - {id: sms, name: Reminder SMS, stage: buy, channel: sms, kind: message, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
```

Passes:

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

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.findings import Finding, Severity


def check(ctx: ObservedContext) -> Iterator[Finding]:
    m = ctx.metrics
    if m.instances == 0:
        return
    index = {t.id: i for i, t in enumerate(ctx.model.touchpoints)}
    for tp in m.never_observed:
        yield ctx.finding(
            f"touchpoint {tp!r}: no customer reached it in the measured period "
            f"({m.instances:,} journey instances)",
            ctx.journey.locate("touchpoints", index[tp], "id"),
            "check that it still happens, that the log tracks it, and its `events` names",
            action="ask its owner whether it still runs; if it does, find where customers "
            "go instead",
        )


RULE = ObservedRule(
    code="JK306",
    name="unobserved-touchpoint",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
