"""A message goes out on a channel a targeted persona has opted out of.

The persona said no to this channel (`preference: opted-out`). Sending anyway breaks
their trust and, for marketing, usually the law. Target the message at the other
personas only, or send it on a channel they accept. Context moments (`context: true`: a
friend's message, TV, a competitor's shop) are left alone: they are not a message from
the brand.

Fails:

```yaml
version: 1
id: drop-alert
title: New collection drop
personas: [style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: drop-sms, name: Drop alert, stage: aware, channel: sms, kind: message, end: true}
```

Passes:

```yaml
version: 1
id: drop-alert
title: New collection drop
personas: [style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: drop-push, name: Drop alert, stage: aware, channel: app, kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import opted_out_channels, targeted_personas
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import TouchpointKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    refusals = {p: opted_out_channels(x.item) for p, x in ctx.project.personas.items()}
    for ti, tp in enumerate(model.touchpoints):
        if tp.kind is not TouchpointKind.message or tp.context:
            continue
        refused = [p for p in targeted_personas(model, tp) if tp.channel in refusals.get(p, ())]
        if refused:
            yield ctx.finding(
                f"message {tp.id!r} goes out on {tp.channel!r}, which "
                f"{', '.join(refused)} opted out of",
                ctx.journey.locate("touchpoints", ti, "channel"),
                "limit `personas` to those who accept the channel, or use another channel",
            )


RULE = JourneyRule(
    code="JK402",
    name="opted-out-channel",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
