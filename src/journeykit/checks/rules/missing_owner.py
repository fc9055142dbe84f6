"""A touchpoint has no owning team.

A touchpoint nobody owns is one nobody fixes: when customers complain about it, the
marketing, e-commerce and customer-service teams each assume it is someone else's.
With `journey-owner-counts = true` the journey's `owner` covers touchpoints without one.
Context moments (`context: true`: the tram, TV, a competitor's shop) are not the brand's
to own, so they are left alone.

Options: `journey-owner-counts` (default false).

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
  - {id: buy, name: Purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true,
     owner: E-commerce team}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    if ctx.bool_option("journey-owner-counts") and ctx.model.owner:
        return
    for ti, tp in enumerate(ctx.model.touchpoints):
        if not tp.owner and not tp.context:
            yield ctx.finding(
                f"touchpoint {tp.id!r} has no owner",
                ctx.journey.locate("touchpoints", ti),
                "add `owner:` with the team responsible for it",
            )


RULE = JourneyRule(
    code="JK703",
    name="missing-owner",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"journey-owner-counts": False},
    check=check,
)
