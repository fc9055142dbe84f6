"""A stage has no touchpoint.

An empty column in the map is a gap in the path: the customer passes through the stage
and meets nothing from the company, so nothing helps them on and nothing is measured.
Add the touchpoints that happen there, or drop the stage if the journey skips it.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: awareness, name: Awareness}
  - {id: purchase, name: Purchase}
touchpoints:
  - {id: ad, name: Social ad, stage: awareness, channel: social, kind: message, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: awareness, name: Awareness}
  - {id: purchase, name: Purchase}
touchpoints:
  - {id: ad, name: Social ad, stage: awareness, channel: social, kind: message, next: [buy]}
  - {id: buy, name: Checkout, stage: purchase, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    used = {t.stage for t in ctx.model.touchpoints}
    for i, stage in enumerate(ctx.model.stages):
        if stage.id not in used:
            yield ctx.finding(
                f"stage {stage.id!r} has no touchpoint",
                ctx.journey.locate("stages", i),
                "add what the customer meets in this stage, or remove the stage",
                action="map what the customer needs in this stage and where the brand can "
                "meet them with it",
            )


RULE = JourneyRule(
    code="JK301",
    name="stage-without-touchpoints",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
