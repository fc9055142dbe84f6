"""A message does not say what it is for (`purpose`).

Every message the brand sends is one of four things: `transactional` (part of something
the customer bought: a confirmation, a bill, a delivery notice), `marketing` (an offer,
a newsletter, an upsell), `recovery` (puts a bad moment right: support, an apology, a
refund) or `feedback` (a review request, a survey). The purpose decides what the
message may do: the consent check (JK403) treats a message without one as marketing,
so a real delivery notice is reported for want of an opt-in, and the recovery check
(JK502) has to guess from the message's words whether it puts a low point right. A
message called "Order update" may be either. Write the purpose down; when the words
suggest one, the hint names it. Actions and events are the customer's doing or
something that happens, not something the brand sends, and context moments
(`context: true`: a friend's WhatsApp tip, a TV ad of a competitor) are not the brand's:
none of them is reported.

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [update]}
  - {id: update, name: Order update, stage: buy, channel: sms, kind: message, end: true}
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
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [update]}
  - {id: update, name: Order update, stage: buy, channel: sms, kind: message,
     purpose: transactional, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.purposes import inferred_purpose
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Purpose, Touchpoint, TouchpointKind

_ALL = ", ".join(p.value for p in Purpose)


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for ti, tp in enumerate(ctx.model.touchpoints):
        if tp.kind is not TouchpointKind.message or tp.context or tp.purpose is not None:
            continue
        yield ctx.finding(
            f"message {tp.id!r} does not say what it is for (`purpose`): consent is then "
            "judged as for marketing, and recovery guessed from its words",
            ctx.journey.locate("touchpoints", ti, "kind"),
            _hint(tp),
            action="decide what the message is for: one clear purpose per message",
        )


def _hint(tp: Touchpoint) -> str:
    guess = inferred_purpose(tp)
    if guess is None:
        return f"add `purpose: ...`, one of {_ALL}"
    others = ", ".join(p.value for p in Purpose if p is not guess)
    return f"add `purpose: {guess.value}` (what its words suggest), or one of {others}"


RULE = JourneyRule(
    code="JK409",
    name="message-without-purpose",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
