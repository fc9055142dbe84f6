"""A touchpoint's evidence says something the measured reach does not.

Run by `journeykit lint --events LOG`. Two cases, both worth a new look at the evidence:
a touchpoint of `high` or `critical` importance, marked as resting on fact, that fewer
than `low-reach` (default 0.05) of the journey instances reach (the fact may be out of
date, or the touchpoint matters less than claimed); and a touchpoint resting on an
assumption that at least `confirmed-reach` (default 0.2) of them reach: the log now
backs it, so say so and cite it.

Fails (an assumption half the customers confirm):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay, sms]}
  - id: sms
    name: Reminder SMS
    stage: buy
    channel: sms
    kind: message
    next: [pay]
    evidence: {kind: assumption, note: We think reminders bring people back}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,sms,2024-05-01T10:00:00Z
c1,pay,2024-05-01T10:10:00Z
c2,cart,2024-05-01T10:00:00Z
c2,pay,2024-05-01T10:10:00Z
```

Passes (the evidence is already fact):

```yaml
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay, sms]}
  - id: sms
    name: Reminder SMS
    stage: buy
    channel: sms
    kind: message
    next: [pay]
    evidence: {kind: fact, sources: [event log 2024-05]}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
```

with these events:

```csv
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,sms,2024-05-01T10:00:00Z
c1,pay,2024-05-01T10:10:00Z
c2,cart,2024-05-01T10:00:00Z
c2,pay,2024-05-01T10:10:00Z
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ObservedContext, ObservedRule
from journeykit.findings import Finding, Severity
from journeykit.model import EvidenceKind, Importance

_WEIGHTY = (Importance.high, Importance.critical)


def check(ctx: ObservedContext) -> Iterator[Finding]:
    low, confirmed = ctx.float_option("low-reach"), ctx.float_option("confirmed-reach")
    m = ctx.metrics
    if m.instances == 0:
        return
    reached = {t.touchpoint: t.instances for t in m.touchpoints}
    for i, tp in enumerate(ctx.model.touchpoints):
        if tp.evidence is None:
            continue
        n = reached.get(tp.id, 0)
        share = n / m.instances
        at = ctx.journey.locate("touchpoints", i, "evidence", "kind")
        of = f"{share:.0%} of the journey instances ({n:,} of {m.instances:,})"
        if tp.evidence.kind is EvidenceKind.fact and tp.importance in _WEIGHTY and share < low:
            yield ctx.finding(
                f"touchpoint {tp.id!r} is of {tp.importance.value} importance on evidence "
                f"of fact, but only {of} reach it",
                at,
                "check the fact's sources against the log, or lower its importance",
                action="revisit the research behind it with what customers actually do",
            )
        elif tp.evidence.kind is EvidenceKind.assumption and share >= confirmed:
            yield ctx.finding(
                f"touchpoint {tp.id!r} rests on an assumption, and {of} reach it: "
                "the log backs it now",
                at,
                "change its evidence to `kind: fact` and cite the event log in `sources`",
            )


RULE = ObservedRule(
    code="JK705",
    name="evidence-against-data",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
    options={"low-reach": 0.05, "confirmed-reach": 0.2},
)
