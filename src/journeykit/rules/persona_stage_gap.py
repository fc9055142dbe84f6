"""A persona meets nothing in a stage on a channel they prefer or accept.

The stage has touchpoints, but none that applies to this persona happens on a channel in
their preferences: they are left without contact, or reached only where they do not
want to be. Personas without channel preferences are not judged; stages without any
touchpoint are JK301's.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent, style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: offer, name: Welcome offer, stage: aware, channel: whatsapp, kind: message,
     end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent, style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: offer, name: Welcome offer, stage: aware, channel: whatsapp, kind: message,
     personas: [busy-parent], end: true}
  - {id: letter, name: Welcome letter, stage: aware, channel: email, kind: message,
     personas: [style-enthusiast], end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import applies_to, reachable_channels
from journeykit.findings import Finding, Severity
from journeykit.rules.base import JourneyContext, JourneyRule


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    for si, stage in enumerate(model.stages):
        here = [t for t in model.touchpoints if t.stage == stage.id]
        if not here:
            continue
        for persona_id in model.personas:
            persona = ctx.project.personas.get(persona_id)
            if persona is None or not persona.item.channels:
                continue
            channels = reachable_channels(persona.item)
            if any(applies_to(t, persona_id) and t.channel in channels for t in here):
                continue
            yield ctx.finding(
                f"persona {persona_id!r} has no touchpoint in stage {stage.id!r} on a "
                "channel they prefer or accept",
                ctx.journey.locate("stages", si),
                f"their channels: {', '.join(sorted(channels)) or 'none'}",
            )


RULE = JourneyRule(
    code="JK401",
    name="persona-stage-gap",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
