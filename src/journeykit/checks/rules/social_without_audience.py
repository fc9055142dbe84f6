"""A touchpoint on a social channel is for a persona who uses no social media.

Some customer groups use no social networks at all, and a persona whose catalog entry
says so (`social_media: []`) will never see the post, the ad or the community answer
meant for them. Target the touchpoint at the personas who are there, or reach this
group on a channel they use. A persona whose `social_media` is simply not filled in is
not judged, and one who opted out of the channel in their `channels` preferences is
JK402's. Context moments (`context: true`) are left alone.

Fails (two files):

```yaml
# personas.yaml
version: 1
personas:
  - id: home-maker
    name: Tiina, the home-furnishing planner
    buyer: customer
    market: b2c
    social_media: []
    channels:
      - {channel: email, preference: preferred, consent: opt-in}
      - {channel: store, preference: preferred}
---
# spring-sale.journey.yaml
version: 1
id: spring-sale
title: Spring sale
personas: [home-maker]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: sale-post, name: Spring sale post, stage: aware, channel: social, kind: message,
     end: true}
```

Passes (two files):

```yaml
# personas.yaml
version: 1
personas:
  - id: home-maker
    name: Tiina, the home-furnishing planner
    buyer: customer
    market: b2c
    social_media: []
    channels:
      - {channel: email, preference: preferred, consent: opt-in}
      - {channel: store, preference: preferred}
---
# spring-sale.journey.yaml
version: 1
id: spring-sale
title: Spring sale
personas: [home-maker]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: sale-letter, name: Spring sale letter, stage: aware, channel: email,
     kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import opted_out_channels, targeted_personas
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import ChannelKind, Persona


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    absent = {p for p, x in ctx.project.personas.items() if _no_social_media(x.item)}
    if not absent:
        return
    for ti, tp in enumerate(model.touchpoints):
        channel = ctx.project.channels.get(tp.channel)
        if tp.context or channel is None or channel.item.kind is not ChannelKind.social:
            continue
        for persona_id in dict.fromkeys(targeted_personas(model, tp)):
            if persona_id not in absent:
                continue
            if tp.channel in opted_out_channels(ctx.project.personas[persona_id].item):
                continue  # JK402's
            yield ctx.finding(
                f"touchpoint {tp.id!r} is on social channel {tp.channel!r}, but persona "
                f"{persona_id!r} uses no social media",
                ctx.journey.locate("touchpoints", ti, "channel"),
                f"leave {persona_id!r} out of the touchpoint's `personas`, or fill in their "
                "`social_media` if they do use it",
                action=f"reach {persona_id!r} on a channel they use, or check with research "
                "whether they are on social media after all",
            )


def _no_social_media(persona: Persona) -> bool:
    """The persona said they use none, rather than leaving the field out."""
    return "social_media" in persona.model_fields_set and not persona.social_media


RULE = JourneyRule(
    code="JK411",
    name="social-without-audience",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
