"""A touchpoint has neither evidence nor a source.

Without `evidence` nobody can tell a researched fact from a guess; a `fact` without
`sources` cannot be checked, and an `assumption` without `sources` does not say whose
guess it is or where it came from (a workshop, a store manager's experience), so nobody
knows how to verify it. Record what the touchpoint rests on: interviews, surveys,
analytics, support-ticket exports.

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
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [sms],
     evidence: {kind: fact, sources: [GA4 checkout funnel, March 2025]}}
  - {id: sms, name: Order SMS, stage: buy, channel: sms, kind: message, end: true,
     evidence: {kind: assumption, sources: [Customer service workshop, May 2025]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import EvidenceKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, tp in enumerate(ctx.model.touchpoints):
        if tp.evidence is None:
            yield ctx.finding(
                f"touchpoint {tp.id!r} has no evidence",
                ctx.journey.locate("touchpoints", ti),
                "add `evidence: {kind: fact, sources: [...]}` or `{kind: assumption}`",
                action="say what the touchpoint rests on, so reviewers know what to trust",
            )
        elif not tp.evidence.sources:
            what = (
                "is marked a fact"
                if tp.evidence.kind is EvidenceKind.fact
                else ("rests on an assumption")
            )
            yield ctx.finding(
                f"touchpoint {tp.id!r} {what} but names no source",
                ctx.journey.locate("touchpoints", ti, "evidence"),
                "list the interviews, surveys, workshops or reports under `sources`",
                action="name the research, so the next team can check it",
            )


RULE = JourneyRule(
    code="JK702",
    name="missing-evidence",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
