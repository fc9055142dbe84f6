"""Too much of the journey rests on assumptions.

Educated guesses save time, but a map that is mostly guesswork cannot carry decisions.
The rule reports a journey in which the touchpoints with `evidence: {kind: assumption}`
make up more than `max-share` of all its touchpoints.

Options: `max-share` (default 0.5).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay],
     evidence: {kind: assumption}}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true,
     evidence: {kind: assumption}}
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
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [pay],
     evidence: {kind: fact, sources: [GA4 funnel report]}}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true,
     evidence: {kind: assumption}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import EvidenceKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    touchpoints = ctx.model.touchpoints
    if not touchpoints:
        return
    guessed = sum(
        1 for t in touchpoints if t.evidence and t.evidence.kind is EvidenceKind.assumption
    )
    share, limit = guessed / len(touchpoints), ctx.float_option("max-share")
    if share > limit:
        yield ctx.finding(
            f"{guessed} of {len(touchpoints)} touchpoints ({share:.0%}) rest on assumptions "
            f"(at most {limit:.0%})",
            ctx.journey.locate("touchpoints", key=True),
            "verify the most important ones with research and mark them `kind: fact`",
            action="plan customer research (interviews, analytics, support logs) for the "
            "most important assumptions before building on them",
        )


RULE = JourneyRule(
    code="JK701",
    name="assumption-share",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"max-share": 0.5},
    check=check,
)
