"""A day-in-the-life map shows only the brand's moments.

A day-in-the-life map follows the customer through their whole day (the morning scroll,
the commute, the workday, the evening TV) to show where the brand fits into it and where
it has no place. Drawn with nothing but the brand's own touchpoints it is a journey map
under another name, and it hides the competing moments the team should design around.
Mark the moments that are not the brand's with `context: true`: they are drawn like any
other touchpoint, and the rules about owners, KPIs, channels and consent leave them
alone. Only journeys with `map_type: day-in-the-life` are judged.

Fails:

```yaml
version: 1
id: weekday
title: A weekday with the app
map_type: day-in-the-life
personas: [busy-parent]
stages:
  - {id: morning, name: Morning}
  - {id: evening, name: Evening}
touchpoints:
  - {id: push, name: Offer push, stage: morning, channel: app, kind: message, next: [order]}
  - {id: order, name: Orders dinner, stage: evening, channel: app, kind: action, end: true}
```

Passes:

```yaml
version: 1
id: weekday
title: A weekday with the app
map_type: day-in-the-life
personas: [busy-parent]
stages:
  - {id: morning, name: Morning}
  - {id: evening, name: Evening}
touchpoints:
  - {id: tram, name: Tram to work, stage: morning, channel: store, kind: action,
     context: true, next: [push]}
  - {id: push, name: Offer push, stage: morning, channel: app, kind: message, next: [order]}
  - {id: order, name: Orders dinner, stage: evening, channel: app, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import MapType


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is not MapType.day_in_the_life or not model.touchpoints:
        return
    if any(t.context for t in model.touchpoints):
        return
    yield ctx.finding(
        f"day-in-the-life map {model.id!r} shows only the brand's own touchpoints: no "
        "moment of the customer's day is marked `context: true`",
        ctx.journey.locate("map_type"),
        "add the moments of the day that are not the brand's with `context: true`, or "
        "use `map_type: current-state`",
        action="map the customer's whole day (commute, work, evening) and where the brand "
        "competes for their attention",
    )


RULE = JourneyRule(
    code="JK311",
    name="day-without-context",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
