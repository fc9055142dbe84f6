"""A touchpoint on an advertising or search channel has no KPI of its own.

Paid placements (display and video ads, sponsored posts on ad networks, search ads) cost
money per view or click, and the budget moves to whatever shows results: an ad measured
only by the stage's conversion rate cannot be told from the rest of the stage. Give it
numbers of its own: click-through, cost per click, cost per lead, return on ad spend.
Every touchpoint on an advertising channel is judged; on a search channel only the
brand's messages (search ads): a search the customer makes (`kind: action`) may land on
organic results. Context moments (`context: true`: a rival's ad) are left alone.

Fails (two files):

```yaml
# channels.yaml
version: 1
channels:
  - {id: web, name: Web shop, kind: web, presence: online, outbound: false}
  - {id: display-ads, name: Display ads, kind: advertising, presence: online,
     outbound: true}
---
# web-order.journey.yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: banner, name: Spring sale banner, stage: aware, channel: display-ads,
     kind: message, next: [shop]}
  - {id: shop, name: Browses the sale, stage: aware, channel: web, kind: action, end: true}
```

Passes (two files):

```yaml
# channels.yaml
version: 1
channels:
  - {id: web, name: Web shop, kind: web, presence: online, outbound: false}
  - {id: display-ads, name: Display ads, kind: advertising, presence: online,
     outbound: true}
---
# web-order.journey.yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - id: banner
    name: Spring sale banner
    stage: aware
    channel: display-ads
    kind: message
    next: [shop]
    kpis:
      - {id: banner-ctr, name: Banner click-through, category: user, unit: "%", target: 0.8}
  - {id: shop, name: Browses the sale, stage: aware, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import ChannelKind, TouchpointKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, tp in enumerate(ctx.model.touchpoints):
        if tp.context or tp.kpis:
            continue
        channel = ctx.project.channels.get(tp.channel)
        if channel is None or not _paid(channel.item.kind, tp.kind):
            continue
        yield ctx.finding(
            f"touchpoint {tp.id!r} on {channel.item.kind.value} channel {tp.channel!r} "
            "has no KPI of its own",
            ctx.journey.locate("touchpoints", ti),
            "add `kpis:` to the touchpoint: click-through, cost per click or lead, "
            "return on ad spend",
            action="agree with whoever buys the media which number decides the placement's budget",
        )


def _paid(channel: ChannelKind, kind: TouchpointKind) -> bool:
    if channel is ChannelKind.advertising:
        return True
    return channel is ChannelKind.search and kind is TouchpointKind.message


RULE = JourneyRule(
    code="JK607",
    name="unmeasured-paid-touchpoint",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
