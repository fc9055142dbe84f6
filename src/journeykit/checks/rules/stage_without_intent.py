"""A stage says neither what the customer wants there (`intent`) nor what they ask (`questions`).

A map is drawn from the customer's side: in each stage they are trying to get something
done (find a bike that fits the commute, know when the parcel comes) and they have
questions on the way ("does it fit in the lift?", "can I return it in store?"). Written
down, the intent and the questions are what the content, the messages and the KPIs of
the stage are judged against; left out, the stage lists what the brand does and nobody
can tell whether it helps. Either `intent` or `questions` is enough. Stages without
touchpoints are JK301's, and a stage made only of context moments (`context: true`: the
tram, TV, a competitor's shop) is the customer's time, not the brand's, so neither is
reported.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: compare, name: Comparison}
touchpoints:
  - {id: reviews, name: Product reviews, stage: compare, channel: web, kind: action,
     end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - id: compare
    name: Comparison
    intent: Pick the stroller that folds small enough for the car boot.
    questions: ["Does it fit in a small car?", "Can I return it if it doesn't?"]
touchpoints:
  - {id: reviews, name: Product reviews, stage: compare, channel: web, kind: action,
     end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    brand_stages = {t.stage for t in model.touchpoints if not t.context}
    for si, stage in enumerate(model.stages):
        if stage.id not in brand_stages or stage.intent or stage.questions:
            continue
        yield ctx.finding(
            f"stage {stage.id!r} says neither what the customer wants there (`intent`) "
            "nor what they ask (`questions`)",
            ctx.journey.locate("stages", si),
            "add `intent:` in the customer's words, or `questions:` they ask in this stage",
            action="write down what the customer wants to get done here and the questions they ask",
        )


RULE = JourneyRule(
    code="JK310",
    name="stage-without-intent",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
