"""Nobody asks the customer how it went after the purchase.

A survey after the delivery, a review request, an NPS question after onboarding: without
one, nobody hears what went wrong with the parcel, the fit or the set-up until it shows
up as returns, churn or a one-star review somewhere else, and nobody can act on it. Ask
once the customer has something to say, and make someone responsible for the answers.

The rule looks at the stages with phase post-purchase or loyalty (with the workspace's
own `[journeys] phases`, those whose phase plays one of them: onboarding, usage,
renewal). Something asks when a touchpoint there (of any kind: the survey e-mail, the
customer writing the review, the NPS answer coming in) has `purpose: feedback`, or
speaks of a survey, a review (not a quarterly business review), feedback, "rate us" or
"rate your ...", a rating, NPS or CSAT in its name, description or content (English
words; whatever its declared purpose, so an e-receipt with a one-question survey
counts). A KPI of those stages or their touchpoints measured by asking counts too (NPS,
CSAT, satisfaction, a survey, a rating or reviews in its name, unit or source): the
asking exists, even if the map does not draw it. Context moments (`context: true`) never
count. The finding sits on the first post-purchase stage (the first loyalty stage when
there is none). Not judged: a journey with no brand touchpoint after the purchase (JK302
reports that it stops at the purchase), and day-in-the-life maps (`map_type:
day-in-the-life`).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
  - {id: after, name: Delivery, phase: post-purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [shipped]}
  - {id: shipped, name: Dispatch notice, stage: after, channel: sms, kind: message,
     purpose: transactional, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
  - {id: after, name: Delivery, phase: post-purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [shipped]}
  - {id: shipped, name: Dispatch notice, stage: after, channel: sms, kind: message,
     purpose: transactional, next: [survey]}
  - {id: survey, name: How was your delivery?, stage: after, channel: email, kind: message,
     purpose: feedback, end: true}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from journeykit.analysis.aftercare import REVIEW, says
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Kpi, MapType, Part, Purpose, Touchpoint
from journeykit.model.phases import AFTER_PURCHASE, a_or_an

_ASKS = re.compile(
    rf"\b(surveys?|feedback|nps|csat|ratings?|rate (?:us|your|the|our|it|how)|{REVIEW})\b",
    re.IGNORECASE,
)
# "rate" alone is left out of KPIs: a return rate or a response rate asks nobody anything.
_ASKED = re.compile(rf"\b(surveys?|nps|csat|satisfaction|ratings?|{REVIEW})\b", re.IGNORECASE)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is MapType.day_in_the_life:
        return
    parts = ctx.parts()
    after = [(i, s) for i, s in enumerate(model.stages) if parts.get(s.id) in AFTER_PURCHASE]
    ids = {s.id for _, s in after}
    brand = [t for t in model.touchpoints if t.stage in ids and not t.context]
    if not brand or any(_asks(t) for t in brand):
        return
    kpis = [k for _, s in after for k in s.kpis] + [k for t in brand for k in t.kpis]
    if any(_measured_by_asking(k) for k in kpis):
        return
    first = next((i for i, s in after if parts.get(s.id) is Part.post_purchase), after[0][0])
    after_phases = ctx.phases.shown(*AFTER_PURCHASE)
    yield ctx.finding(
        f"journey {model.id!r} never asks the customer how it went: no survey, review "
        "request or feedback question after the purchase",
        ctx.journey.locate("stages", first),
        "add a touchpoint with `purpose: feedback` (a survey or a review request) to "
        f"{a_or_an(after_phases)} {after_phases} stage",
        action="ask customers how it went once they have used what they bought, and name "
        "who reads the answers and acts on them",
    )


def _asks(touchpoint: Touchpoint) -> bool:
    return touchpoint.purpose is Purpose.feedback or says(_ASKS, touchpoint)


def _measured_by_asking(kpi: Kpi) -> bool:
    text = " ".join(p for p in (kpi.name, kpi.unit, kpi.source) if p)
    return _ASKED.search(text) is not None


RULE = JourneyRule(
    code="JK413",
    name="no-feedback-after-purchase",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
