"""A persona is reached in a stage only on channels they accept, none they prefer.

Accepted channels work, but a stage where the customer never hears from the company on
a channel they prefer is where messages go unread: the busy parent who prefers SMS and
WhatsApp but is offered only the web shop and a campaign letter while comparing
products. Personas without a preferred channel, and personas the stage does not reach at
all (JK401's), are not judged. Context moments (`context: true`: the tram, TV, a
competitor's shop) are left alone: they are not the brand reaching the persona, so a
preferred channel there does not count either.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: consider, name: Consideration}
touchpoints:
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [letter]}
  - {id: letter, name: Campaign letter, stage: consider, channel: email, kind: message,
     end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: consider, name: Consideration}
touchpoints:
  - {id: browse, name: Browse, stage: consider, channel: web, kind: action, next: [back]}
  - {id: back, name: Back-in-stock SMS, stage: consider, channel: sms, kind: message,
     end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import preferred_channels
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for gap in ctx.stage_gaps():
        if gap.kind != "no-preferred":
            continue
        preferred = preferred_channels(ctx.project.personas[gap.persona].item)
        yield ctx.finding(
            f"persona {gap.persona!r} is reached in stage {gap.stage!r} only on channels "
            f"they accept ({', '.join(sorted(gap.channels))}), none they prefer",
            ctx.journey.locate("stages", gap.stage_index),
            f"they prefer: {', '.join(sorted(preferred))}",
        )


RULE = JourneyRule(
    code="JK406",
    name="no-preferred-channel",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
