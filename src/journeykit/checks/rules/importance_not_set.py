"""A journey of five or more touchpoints leaves every one at the default importance.

Importance (low, medium, high, critical) tells the team what to fix first: the gap
report ranks by it, so a checkout that loses orders comes before a survey nobody
answers. When no touchpoint says, every gap weighs the same and the list is in file
order. Mark the moments that make or break the journey; one touchpoint with
`importance:` written, even `medium`, shows the journey has been ranked. Context
moments (`context: true`) are not the brand's to fix, so they are neither counted nor
does their `importance` rank anything.

Options: `min-touchpoints` (default 5): smaller journeys are not judged.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: browse, name: Browse, stage: buy, channel: web, kind: action, next: [cart]}
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [confirm]}
  - {id: confirm, name: Order SMS, stage: buy, channel: sms, kind: message, next: [pickup]}
  - {id: pickup, name: Pick-up, stage: buy, channel: store, kind: action, end: true}
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
  - {id: browse, name: Browse, stage: buy, channel: web, kind: action, next: [cart]}
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [confirm],
     importance: critical}
  - {id: confirm, name: Order SMS, stage: buy, channel: sms, kind: message, next: [pickup]}
  - {id: pickup, name: Pick-up, stage: buy, channel: store, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    brand = [t for t in ctx.model.touchpoints if not t.context]
    if len(brand) < ctx.int_option("min-touchpoints"):
        return
    if any("importance" in t.model_fields_set for t in brand):
        return
    yield ctx.finding(
        f"none of the {len(brand)} touchpoints sets `importance`, so nothing says which "
        "gap to fix first",
        ctx.journey.locate("touchpoints", key=True),
        "add `importance: high` or `critical` to the touchpoints that make or break the "
        "journey (and `low` to the minor ones)",
        action="rank the moments with the team by what they cost the customer and the "
        "business when they go wrong",
    )


RULE = JourneyRule(
    code="JK706",
    name="importance-not-set",
    severity=Severity.INFO,
    doc=__doc__ or "",
    options={"min-touchpoints": 5},
    check=check,
)
