"""Nothing leads from loyalty back to a new need, into another journey or to a recommendation.

A customer journey is a ring, not a funnel: the loyal customer comes back with a new need
(a repair, an upgrade, the next product, a renewal) and brings others along by
recommending the brand. A map whose loyalty stage ends in points and newsletters has no
answer to "what brings them back?", and the next purchase is left to chance.

The rule looks at the brand's touchpoints in loyalty-phase stages (with the workspace's
own `[journeys] phases`, the stages whose phase plays `loyalty`; earlier means playing
awareness, consideration or purchase) and follows them
through `next` (in the order the touchpoints are listed when the journey has no
transitions at all), through other loyalty and post-purchase touchpoints. The ring is
closed when one of them leads back to a touchpoint of an earlier stage (awareness,
consideration or purchase phase: browsing again, a service booking, the renewal
negotiation), or goes on in another journey (`next: [{to: renewal-offer, journey:
renewal}]`), or is itself a referral: it speaks of referring, recommending (also
"recommended for you": the next thing the customer may need), inviting, telling or
bringing a friend, an ambassador programme, or a review (not a quarterly business
review) in its name, description or content. Context moments (`context: true`) are no
part of the way: a friend who recommends a rival does not bring the customer back to
the brand. Otherwise the rule fires, once per journey, at the first loyalty stage with
a brand touchpoint. It differs from JK305 (linear-journey), which asks whether the
journey branches or loops anywhere: a journey full of loops can still end its loyalty
stage in a dead straight line. Not judged: journeys without the brand's touchpoints in
a loyalty stage, and day-in-the-life maps (`map_type: day-in-the-life`).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: browse, name: Consideration, phase: consideration}
  - {id: loyal, name: Loyalty, phase: loyalty}
touchpoints:
  - {id: look, name: Browses the shop, stage: browse, channel: web, kind: action,
     next: [points]}
  - {id: points, name: Points balance, stage: loyal, channel: sms, kind: message, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: browse, name: Consideration, phase: consideration}
  - {id: loyal, name: Loyalty, phase: loyalty}
touchpoints:
  - {id: look, name: Browses the shop, stage: browse, channel: web, kind: action,
     next: [points]}
  - {id: points, name: Points balance, stage: loyal, channel: sms, kind: message,
     next: [{to: look, label: spends the points}]}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from journeykit.analysis.aftercare import REVIEW, leaves, says
from journeykit.analysis.flow import walked
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey, MapType, Part
from journeykit.model.phases import AFTER_PURCHASE, BEFORE_PURCHASE

_REFERRAL = re.compile(
    rf"\b(refer\w*|recommend\w*|(?:invite|invites|tell|tells|bring|brings) (?:a |your )?"
    rf"friends?|ambassadors?|{REVIEW})\b",
    re.IGNORECASE,
)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is MapType.day_in_the_life:
        return
    parts = ctx.parts()
    loyal = [t for t in model.touchpoints if parts.get(t.stage) is Part.loyalty and not t.context]
    graph = walked(model, ctx.successors())
    if not loyal or _comes_around(model, parts, graph, [t.id for t in loyal]):
        return
    stages = {t.stage for t in loyal}
    first = next(i for i, s in enumerate(model.stages) if s.id in stages)
    yield ctx.finding(
        f"journey {model.id!r} does not come full circle: nothing leads from loyalty back "
        "to a new need or to another journey, and nothing there asks for a recommendation",
        ctx.journey.locate("stages", first),
        "add `next` from a loyalty touchpoint back to an earlier stage (a repair, an "
        "upgrade, the next purchase) or into another journey (`{to: ..., journey: ...}`), "
        "or map a referral",
        action="plan what brings loyal customers back: a service or upgrade reminder, the "
        "next product they need, and an invitation to recommend you",
    )


def _comes_around(
    journey: Journey,
    parts: dict[str, Part | None],
    graph: dict[str, list[str]],
    starts: list[str],
) -> bool:
    """Whether the walk from the loyalty touchpoints, through the brand's loyalty and
    post-purchase touchpoints, reaches an earlier stage, another journey or a referral."""
    by_id = {t.id: t for t in journey.touchpoints}
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        tp = by_id[stack.pop()]
        if tp.id in seen:
            continue
        seen.add(tp.id)
        if leaves(journey, tp) or says(_REFERRAL, tp):
            return True
        for step in graph.get(tp.id, []):
            after = by_id.get(step)
            if after is None or after.context:
                continue  # a way back through a rival's shop is not the brand's
            part = parts.get(after.stage)
            if part in BEFORE_PURCHASE:
                return True
            if part in AFTER_PURCHASE:
                stack.append(step)
    return False


RULE = JourneyRule(
    code="JK415",
    name="no-way-back",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
