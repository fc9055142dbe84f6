"""A message on a channel that needs consent, without an opt-in before it.

Messaging and e-mail (and any channel with `requires_consent: true`) need the customer's
permission. The rule is satisfied when every targeted persona has a consent basis for
the channel in the persona catalog (`consent:` on their channel preference), or when a
touchpoint earlier in the journey (one that leads to this one through `next`) collects
the opt-in (`opt_in: [channel]`).

Fails:

```yaml
version: 1
id: welcome
title: Welcome
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: visit, name: Landing page, stage: aware, channel: web, kind: action, next: [hello]}
  - {id: hello, name: Welcome WhatsApp, stage: aware, channel: whatsapp, kind: message,
     end: true}
```

Passes:

```yaml
version: 1
id: welcome
title: Welcome
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: visit, name: Landing page, stage: aware, channel: web, kind: action,
     opt_in: [whatsapp], next: [hello]}
  - {id: hello, name: Welcome WhatsApp, stage: aware, channel: whatsapp, kind: message,
     end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import opted_out_channels, targeted_personas
from journeykit.analysis.flow import ancestors, successors
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint, TouchpointKind
from journeykit.rules.base import JourneyContext, JourneyRule


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    graph = successors(model)
    linked = any(graph.values())
    by_id = {t.id: t for t in model.touchpoints}
    for ti, tp in enumerate(model.touchpoints):
        channel = ctx.project.channels.get(tp.channel)
        if tp.kind is not TouchpointKind.message or channel is None:
            continue
        if not channel.item.needs_consent:
            continue
        lacking = [p for p in targeted_personas(model, tp) if not _has_basis(ctx, p, tp.channel)]
        if not lacking:
            continue
        if linked:
            earlier = [by_id[i] for i in ancestors(graph, tp.id)]
        else:
            earlier = list(model.touchpoints[:ti])
        if any(tp.channel in t.opt_in for t in earlier if _reaches(t, lacking)):
            continue
        yield ctx.finding(
            f"message {tp.id!r} on {tp.channel!r} has no opt-in before it "
            f"(no consent basis for {', '.join(lacking)})",
            ctx.journey.locate("touchpoints", ti, "channel"),
            f"collect it earlier with `opt_in: [{tp.channel}]`, or record the persona's "
            "consent basis",
        )


def _has_basis(ctx: JourneyContext, persona_id: str, channel: str) -> bool:
    persona = ctx.project.personas.get(persona_id)
    if persona is None:
        return True
    if channel in opted_out_channels(persona.item):
        return True  # JK402 reports it; a missing opt-in would only repeat it
    return any(p.channel == channel and p.consent is not None for p in persona.item.channels)


def _reaches(touchpoint: Touchpoint, personas: list[str]) -> bool:
    return not touchpoint.personas or any(p in touchpoint.personas for p in personas)


RULE = JourneyRule(
    code="JK403",
    name="missing-consent",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
