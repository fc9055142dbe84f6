"""A touchpoint leads nowhere and is not marked as an end.

Without a `next` transition the customer is left standing: this is where they drop out.
Say what comes next (even in another journey), or set `end:` where the journey may
rightly end: `true`, or the outcome (`converted`, `churned`, `abandoned`, `handed-off`,
or one of the workspace's `[journeys] outcomes`), so gaps and measure can count it.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [abandoned]}
  - {id: abandoned, name: Cart abandoned, stage: buy, channel: web, kind: event}
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
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [abandoned]}
  - {id: abandoned, name: Cart abandoned, stage: buy, channel: web, kind: event, next: [nudge]}
  - {id: nudge, name: Cart reminder, stage: buy, channel: sms, kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.flow import dead_ends
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint, TouchpointKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    index = {id(t): i for i, t in enumerate(ctx.model.touchpoints)}
    for tp in dead_ends(ctx.model):
        yield ctx.finding(
            f"touchpoint {tp.id!r} is a dead end: nothing follows it",
            ctx.journey.locate("touchpoints", index[id(tp)]),
            "add `next`, or `end:` with the outcome (converted, churned, abandoned, "
            "handed-off) or `true` if the journey may end here",
            action=_action(tp),
        )


def _action(tp: Touchpoint) -> str:
    """What to map next: a bad moment needs its resolution, a message its answer."""
    low = tp.emotion is not None and tp.emotion.score < 0
    if tp.pain_points or low:
        return (
            "map what happens after this bad moment: who resolves it, how the customer "
            "hears back, and a recovery message"
        )
    if tp.kind is TouchpointKind.message:
        return "map what the customer does with the message, and how the brand answers"
    if tp.kind is TouchpointKind.event:
        return "map how the brand reacts to the event, or what the customer sees of it"
    return "map where the customer goes next and how the brand meets them there"


RULE = JourneyRule(
    code="JK304",
    name="dead-end",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
