"""No touchpoint of a stage records how the customer feels.

The emotion curve is how a map shows frustration and delight; a stage without any
`emotion` is a hole in it, and a journey without any has no curve at all (reported once,
at the journey). Stages without touchpoints are JK301's.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
  - {id: after, name: Delivery}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [parcel],
     emotion: {score: 1}}
  - {id: parcel, name: Parcel arrives, stage: after, channel: store, kind: event, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
  - {id: after, name: Delivery}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [parcel],
     emotion: {score: 1}}
  - {id: parcel, name: Parcel arrives, stage: after, channel: store, kind: event, end: true,
     emotion: {score: 2, label: relieved}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if not model.touchpoints:
        return
    if all(t.emotion is None for t in model.touchpoints):
        yield ctx.finding(
            f"journey {model.id!r} records no emotion at any touchpoint",
            ctx.journey.locate("touchpoints", key=True),
            "add `emotion: {score: -2..2}` where you know how customers feel",
            action="ask customers how each moment felt (interviews, a survey, reviews) "
            "before you decide where to improve",
        )
        return
    for si, stage in enumerate(model.stages):
        here = [t for t in model.touchpoints if t.stage == stage.id]
        if here and all(t.emotion is None for t in here):
            yield ctx.finding(
                f"no touchpoint in stage {stage.id!r} records an emotion",
                ctx.journey.locate("stages", si),
                "add `emotion: {score: -2..2}` to its touchpoints: the emotion curve has "
                "a hole here",
                action="find out how customers feel in this stage: interviews, reviews, "
                "support tickets",
            )


RULE = JourneyRule(
    code="JK503",
    name="stage-without-emotion",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
