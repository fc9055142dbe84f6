"""No stage of the journey says where it sits in the purchase cycle (`phase`).

Stage names are the team's own (`browse`, `evaluation`, `first-week`), so the tool reads
the purchase cycle from `phase`: awareness, consideration, purchase, post-purchase or
loyalty, or the workspace's own `[journeys] phases`. A journey whose stages carry no
phase at all is one the rules that read the cycle cannot judge: whether it stops at the
purchase, which channels a message may use in each phase, whether the buying group's
decision maker is there at the decision. Nor can it be compared with the other journeys
of the workspace, stage by stage. Tag each stage with the phase it belongs to; several
stages may share a phase. A one-stage journey has no cycle to place, a journey where
only some stages have a phase is another rule's business, and a day-in-the-life map
(`map_type: day-in-the-life`) follows the customer's day rather than a purchase, so none
of them is reported.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: browse, name: Browsing}
  - {id: buy, name: Checkout}
touchpoints:
  - {id: look, name: Product page, stage: browse, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Payment, stage: buy, channel: web, kind: action, next: [confirm]}
  - {id: confirm, name: Order confirmation, stage: buy, channel: sms, kind: message,
     purpose: transactional, end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: browse, name: Browsing, phase: consideration}
  - {id: buy, name: Checkout, phase: purchase}
touchpoints:
  - {id: look, name: Product page, stage: browse, channel: web, kind: action, next: [pay]}
  - {id: pay, name: Payment, stage: buy, channel: web, kind: action, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import MapType
from journeykit.words import listed


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    if model.map_type is MapType.day_in_the_life or len(model.stages) < 2:
        return
    if any(s.phase is not None for s in model.stages):
        return
    yield ctx.finding(
        f"none of the {len(model.stages)} stages of journey {model.id!r} says which phase "
        "of the purchase cycle it belongs to (`phase`)",
        ctx.journey.locate("stages", key=True),
        f"add `phase:` ({listed(ctx.phases.names)}) to every stage",
        action="agree where each stage sits in the purchase cycle, so the journey can be "
        "judged and compared with the others",
    )


RULE = JourneyRule(
    code="JK309",
    name="no-phases",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
