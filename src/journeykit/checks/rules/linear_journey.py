"""The journey is a straight line: no branch and no loop anywhere.

Real customers go back and forth between stages, compare again, leave and come back.
A journey in which every touchpoint has at most one way onward and nothing leads back
has probably been drawn as a funnel rather than mapped. Journeys with fewer touchpoints
than `min-touchpoints` are not judged, nor day-in-the-life maps: a day follows the clock.

Options: `min-touchpoints` (default 3).

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
  - {id: browse, name: Browse, stage: buy, channel: web, kind: action, next: [cart]}
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay, browse]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.flow import has_branch, has_loop
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import MapType


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if len(model.touchpoints) < ctx.int_option("min-touchpoints"):
        return
    if model.map_type is MapType.day_in_the_life:
        return
    graph = ctx.successors()
    if has_branch(graph) or has_loop(graph) or len(model.entries()) > 1:
        return
    yield ctx.finding(
        f"journey {model.id!r} is linear: no touchpoint branches or leads back",
        ctx.journey.locate("touchpoints", key=True),
        "map where customers go back, compare again or take another route",
        action="interview or observe customers for the loops the straight line hides: "
        "comparing again, asking a friend, coming back after a reminder",
    )


RULE = JourneyRule(
    code="JK305",
    name="linear-journey",
    severity=Severity.INFO,
    doc=__doc__ or "",
    options={"min-touchpoints": 3},
    check=check,
)
