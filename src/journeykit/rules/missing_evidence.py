"""A touchpoint has neither evidence nor a source.

Without `evidence` nobody can tell a researched fact from a guess; a `fact` without
`sources` cannot be checked. Record what the touchpoint rests on: interviews, surveys,
analytics, support-ticket exports, or mark it an assumption.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
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
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true,
     evidence: {kind: fact, sources: [GA4 checkout funnel, March 2025]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.findings import Finding, Severity
from journeykit.model import EvidenceKind
from journeykit.rules.base import JourneyContext, JourneyRule


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, tp in enumerate(ctx.model.touchpoints):
        if tp.evidence is None:
            yield ctx.finding(
                f"touchpoint {tp.id!r} has no evidence",
                ctx.journey.locate("touchpoints", ti),
                "add `evidence: {kind: fact, sources: [...]}` or `{kind: assumption}`",
            )
        elif tp.evidence.kind is EvidenceKind.fact and not tp.evidence.sources:
            yield ctx.finding(
                f"touchpoint {tp.id!r} is marked a fact but names no source",
                ctx.journey.locate("touchpoints", ti, "evidence"),
                "list the interviews, surveys or reports under `sources`",
            )


RULE = JourneyRule(
    code="JK702",
    name="missing-evidence",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
