"""Too many messages to one persona in one stage, or on one channel.

Repetitive messages are the first complaint about omnichannel marketing: every team adds
"just one" reminder. The rule counts the messages (`kind: message`) that reach each
persona: more than `max-per-stage` in one stage, or more than `max-per-channel` on one
channel over the whole journey, is reported (once per stage or channel, naming the
personas).

Options: `max-per-stage` (default 3), `max-per-channel` (default 5).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: r1, name: Cart reminder, stage: buy, channel: sms, kind: message, next: [r2]}
  - {id: r2, name: Second reminder, stage: buy, channel: whatsapp, kind: message, next: [r3]}
  - {id: r3, name: Discount offer, stage: buy, channel: email, kind: message, next: [r4]}
  - {id: r4, name: Last chance, stage: buy, channel: sms, kind: message, end: true}
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
  - {id: r1, name: Cart reminder, stage: buy, channel: sms, kind: message, next: [r3]}
  - {id: r3, name: Discount offer, stage: buy, channel: email, kind: message, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import applies_to
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint, TouchpointKind
from journeykit.rules.base import JourneyContext, JourneyRule


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    messages = [(i, t) for i, t in enumerate(model.touchpoints) if t.kind is TouchpointKind.message]
    per_stage = ctx.int_option("max-per-stage")
    for si, stage in enumerate(model.stages):
        over = _over(model.personas, [m for m in messages if m[1].stage == stage.id], per_stage)
        if over:
            count, personas, _ = over
            yield ctx.finding(
                f"stage {stage.id!r} sends {count} messages to {', '.join(personas)} "
                f"(at most {per_stage})",
                ctx.journey.locate("stages", si),
                "merge messages or target them at fewer personas",
            )
    per_channel = ctx.int_option("max-per-channel")
    for channel in dict.fromkeys(t.channel for _, t in messages):
        over = _over(model.personas, [m for m in messages if m[1].channel == channel], per_channel)
        if over:
            count, personas, at = over
            yield ctx.finding(
                f"{count} messages on {channel!r} reach {', '.join(personas)} "
                f"(at most {per_channel}); this is one too many",
                ctx.journey.locate("touchpoints", at, "channel"),
                "merge messages or spread them over channels the persona accepts",
            )


def _over(
    personas: list[str], messages: list[tuple[int, Touchpoint]], limit: int
) -> tuple[int, list[str], int] | None:
    """(highest count, personas above the limit, index of the first message too many)."""
    worst: tuple[int, list[str], int] | None = None
    for persona in personas:
        mine = [i for i, t in messages if applies_to(t, persona)]
        if len(mine) <= limit:
            continue
        if worst is None:
            worst = (len(mine), [persona], mine[limit])
        else:
            worst = (max(worst[0], len(mine)), [*worst[1], persona], worst[2])
    return worst


RULE = JourneyRule(
    code="JK405",
    name="message-overload",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"max-per-stage": 3, "max-per-channel": 5},
    check=check,
)
