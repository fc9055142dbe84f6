"""A loyalty stage keeps customers with promotions only: every message is an offer.

Discounts buy the next purchase, not loyalty: customers who only ever hear "20% off"
learn to wait for the next one, and leave for whoever offers 25%. What makes regulars
feel like regulars is something only they get: an early look at new products, an
invitation to test something or to a members' evening, a customer newsletter worth
reading, a meeting with their account manager.

The rule looks at each loyalty-phase stage (with the workspace's own `[journeys]
phases`, each stage whose phase plays `loyalty`) with at least two brand messages (`kind:
message`, not `context: true`); one offer alone is not a pattern. It fires when every
one of them is a promotion. A message is a promotion when it has `purpose: marketing`,
or no purpose and words of an offer, a discount, a sale, "% off" (or "-20%"), a coupon,
a voucher, a promo, a campaign, or bonus, double or extra points (in its name,
description or content). `purpose: marketing` says the message needs consent, not that
it is a promotion, so a message that speaks of something new or of meeting the customer
is never one, whatever its purpose: new products, arrivals or collections, early access,
a first look or a preview, an invitation, an event, a newsletter, a test, a beta or a
pilot, a meeting, an account manager, a business review, a workshop, a webinar, a
community, tips, a guide, a case study or joint PR. A message with another declared
purpose (a points statement marked transactional, a survey) is not a promotion, nor one
the rule cannot place (no purpose and none of these words). Day-in-the-life maps
(`map_type: day-in-the-life`) are not judged. One finding per stage.

Fails:

```yaml
version: 1
id: club
title: Club
personas: [busy-parent]
stages:
  - {id: loyal, name: Loyalty, phase: loyalty}
touchpoints:
  - {id: coupon, name: 10% off coupon, stage: loyal, channel: email, kind: message,
     purpose: marketing, next: [sale]}
  - {id: sale, name: Weekend sale, stage: loyal, channel: sms, kind: message,
     purpose: marketing, end: true}
```

Passes:

```yaml
version: 1
id: club
title: Club
personas: [busy-parent]
stages:
  - {id: loyal, name: Loyalty, phase: loyalty}
touchpoints:
  - {id: coupon, name: 10% off coupon, stage: loyal, channel: email, kind: message,
     purpose: marketing, next: [preview]}
  - {id: preview, name: Members' early access to the new collection, stage: loyal,
     channel: sms, kind: message, purpose: marketing, end: true}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from journeykit.analysis.aftercare import says
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import MapType, Part, Purpose, Touchpoint, TouchpointKind

_PROMOTION = re.compile(
    r"\b(offers?|discount\w*|sales?|coupons?|vouchers?|promo\w*|campaigns?|"
    r"(?:bonus|double|extra) points|\d+ ?% off)\b|(?<![\w-])-\d+ ?%",
    re.IGNORECASE,
)
_RELATIONSHIP = re.compile(
    r"\b(new (?:in|arrivals?|products?|collections?|range|models?|season)|early access|"
    r"first looks?|early looks?|sneak (?:peek|preview)s?|previews?|invit\w*|events?|"
    r"newsletters?|tests?|testing|beta|pilot|meetings?|account manager|business review|"
    r"workshops?|webinars?|community|tips?|guides?|case stud(?:y|ies)|joint pr)\b",
    re.IGNORECASE,
)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is MapType.day_in_the_life:
        return
    parts = ctx.parts()
    for si, stage in enumerate(model.stages):
        if parts.get(stage.id) is not Part.loyalty:
            continue
        messages = [
            t
            for t in model.touchpoints
            if t.stage == stage.id and t.kind is TouchpointKind.message and not t.context
        ]
        if len(messages) < 2 or not all(_promotion(t) for t in messages):
            continue
        yield ctx.finding(
            f"stage {stage.id!r} keeps customers with promotions only: all "
            f"{len(messages)} of its messages are offers or discounts",
            ctx.journey.locate("stages", si),
            "add a loyalty message that is not an offer: an early look at new products, "
            "an invitation to an event or to test something, a customer newsletter",
            action="give loyal customers something besides discounts: early looks at new "
            "products, invitations to test and to events, a newsletter, a meeting with "
            "their account manager",
        )


def _promotion(touchpoint: Touchpoint) -> bool:
    if says(_RELATIONSHIP, touchpoint):
        return False
    if touchpoint.purpose is not None:
        return touchpoint.purpose is Purpose.marketing
    return says(_PROMOTION, touchpoint)


RULE = JourneyRule(
    code="JK414",
    name="promotions-only-loyalty",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
