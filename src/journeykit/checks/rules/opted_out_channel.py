"""A message goes out on a channel a targeted persona has opted out of.

The persona said no to this channel (`preference: opted-out`). Sending anyway breaks
their trust and, for marketing, usually the law. Target the message at the other
personas only, or send it on a channel they accept. Context moments (`context: true`: a
friend's message, TV, a competitor's shop) are left alone: they are not a message from
the brand.

Opting out is from marketing, not from the service the customer pays for: the first bill
by e-mail, an order confirmation or a delivery notice (`purpose: transactional`) and
support answering the customer (`purpose: recovery`) still go out on the channel and are
not reported. Marketing and feedback messages (a review request or a survey promotes the
brand too, as JK403 explains) are reported, and so are messages without a `purpose`: the
rule goes by the declared purpose, never a guess from the words, and says when declaring
`purpose: transactional` would settle it.

Fails:

```yaml
version: 1
id: drop-alert
title: New collection drop
personas: [style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: drop-sms, name: Drop alert, stage: aware, channel: sms, kind: message, end: true}
```

Passes (the drop alert goes in the app; the opt-out does not stop the order SMS):

```yaml
version: 1
id: drop-alert
title: New collection drop
personas: [style-enthusiast]
stages:
  - {id: aware, name: Awareness}
  - {id: buy, name: Purchase}
touchpoints:
  - {id: drop-push, name: Drop alert, stage: aware, channel: app, kind: message,
     purpose: marketing, next: [order]}
  - {id: order, name: Order in the app, stage: buy, channel: app, kind: action,
     next: [confirm]}
  - {id: confirm, name: Order confirmation, stage: buy, channel: sms, kind: message,
     purpose: transactional, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import opted_out_channels, targeted_personas
from journeykit.analysis.purposes import needs_permission
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    refusals = {p: opted_out_channels(x.item) for p, x in ctx.project.personas.items()}
    for ti, tp in enumerate(model.touchpoints):
        if not needs_permission(tp):
            continue
        refused = [p for p in targeted_personas(model, tp) if tp.channel in refusals.get(p, ())]
        if refused:
            yield ctx.finding(
                _message(tp, refused),
                ctx.journey.locate("touchpoints", ti, "channel"),
                "limit `personas` to those who accept the channel, or use another channel",
            )


def _message(tp: Touchpoint, refused: list[str]) -> str:
    what = f"{tp.purpose} message" if tp.purpose else "message"
    text = f"{what} {tp.id!r} goes out on {tp.channel!r}, which {', '.join(refused)} opted out of"
    if tp.purpose is None:
        text += (
            "; it declares no `purpose`: if it is a service message (a bill, an order "
            "confirmation, a delivery notice), `purpose: transactional` exempts it, since "
            "opting out is from marketing"
        )
    return text


RULE = JourneyRule(
    code="JK402",
    name="opted-out-channel",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
