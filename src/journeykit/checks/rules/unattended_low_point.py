"""A low point of the emotion curve that nothing follows up.

The curve runs through the touchpoints that record an `emotion`, stage by stage. A low
point is a touchpoint below neutral where the curve falls by `drop` or more from the
point before, or where it reaches its minimum. Such a moment of truth needs an answer:
an opportunity at the touchpoint (or one addressing its pain points), a message from
the company right after it (a `next` touchpoint of kind message), or at least a next
step where the customer feels neutral or better again. A low point at the end of the
journey, with nothing after it, is a customer who leaves unhappy.

Options: `drop` (default 2).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [declined],
     emotion: {score: 1}}
  - {id: declined, name: Payment declined, stage: buy, channel: web, kind: event,
     emotion: {score: -2, label: frustrated}, end: true}
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
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [declined],
     emotion: {score: 1}}
  - {id: declined, name: Payment declined, stage: buy, channel: web, kind: event,
     emotion: {score: -2, label: frustrated}, next: [help]}
  - {id: help, name: Payment help SMS, stage: buy, channel: sms, kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.emotions import unattended_low_points
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for low in unattended_low_points(ctx.model, ctx.int_option("drop")):
        tp = low.point.touchpoint
        if low.reason == "drop" and low.previous is not None:
            what = f"the emotion drops from {low.previous.score:+d} to {low.point.score:+d}"
        else:
            what = f"the emotion curve reaches its low of {low.point.score:+d}"
        yield ctx.finding(
            f"{what} at {tp.id!r} and nothing follows it up",
            ctx.journey.locate("touchpoints", low.point.index, "emotion"),
            "add an opportunity there, or a message that reaches out right after it",
        )


RULE = JourneyRule(
    code="JK502",
    name="unattended-low-point",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"drop": 2},
    check=check,
)
