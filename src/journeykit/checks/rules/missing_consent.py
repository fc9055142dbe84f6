"""A message on a channel that needs consent, without an opt-in before it.

Messaging and e-mail (and any channel with `requires_consent: true`) need the customer's
permission for marketing (GDPR and the ePrivacy rules). The rule is satisfied when every
targeted persona has a consent basis for the channel in the persona catalog (`consent:`
on their channel preference), or when a touchpoint earlier in the journey (one that leads
to this one through `next`; one listed before it when the journey has no transitions)
collects the opt-in (`opt_in: [channel]`).

The rule goes by the message's declared `purpose`, never a guess from its words: a
campaign called "Order update" would otherwise slip through.

- `transactional` (a bill, a delivery notice, an order confirmation) and `recovery`
  (support, an apology, a refund about something the customer bought) are service
  messages about an existing purchase or contract: they need no marketing consent and
  are not judged.
- `feedback` (a review request, a survey, an NPS question) is judged like marketing:
  regulators such as the UK ICO treat review requests and surveys that promote the
  brand as direct marketing, and legal teams usually play safe. Any recorded basis
  (`consent: soft-opt-in` included) or an earlier opt-in satisfies the rule.
- `marketing`, or no purpose given, needs the consent.

Context touchpoints (`context: true`) are not the company's messages and are skipped.
Sending without a basis is a legal risk, so the finding is an error by default; a team
that tracks consent elsewhere can lower it with `[lint.rules.JK403] severity =
"warning"` in `journeykit.toml`.

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

Passes (the order confirmation is a service message; the offer comes after the opt-in):

```yaml
version: 1
id: welcome
title: Welcome
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, next: [confirm]}
  - {id: confirm, name: Order confirmation, stage: buy, channel: whatsapp, kind: message,
     purpose: transactional, next: [club]}
  - {id: club, name: Join the club page, stage: buy, channel: web, kind: action,
     opt_in: [whatsapp], next: [offer]}
  - {id: offer, name: Member offer, stage: buy, channel: whatsapp, kind: message,
     purpose: marketing, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import applies_to, opted_out_channels, targeted_personas
from journeykit.analysis.flow import reach
from journeykit.analysis.purposes import needs_permission
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    after_opt_in = _AfterOptIn(model, ctx.successors())
    for ti, tp in enumerate(model.touchpoints):
        channel = ctx.project.channels.get(tp.channel)
        if not needs_permission(tp) or channel is None or not channel.item.needs_consent:
            continue
        lacking = [p for p in targeted_personas(model, tp) if not _has_basis(ctx, p, tp.channel)]
        if not lacking or any(tp.id in after_opt_in.get(tp.channel, p) for p in lacking):
            continue
        what = f"{tp.purpose} message" if tp.purpose else "message"
        yield ctx.finding(
            f"{what} {tp.id!r} on {tp.channel!r} has no opt-in before it "
            f"(no consent basis for {', '.join(lacking)})",
            ctx.journey.locate("touchpoints", ti, "channel"),
            f"collect it earlier with `opt_in: [{tp.channel}]`, record the persona's "
            "consent basis, or declare `purpose: transactional` if it is a service message",
            "ask for permission before you message: an opt-in at sign-up or checkout",
        )


class _AfterOptIn:
    """Touchpoints that come after an opt-in to a channel for a persona: reached through
    `next` from it, or listed after it when the journey has no transitions at all."""

    def __init__(self, journey: Journey, graph: dict[str, list[str]]) -> None:
        self.journey = journey
        self.graph = graph
        self.linked = any(self.graph.values())
        self.cache: dict[tuple[str, str], set[str]] = {}

    def get(self, channel: str, persona: str) -> set[str]:
        key = (channel, persona)
        if key not in self.cache:
            tps = self.journey.touchpoints
            sources = [
                i for i, t in enumerate(tps) if channel in t.opt_in and applies_to(t, persona)
            ]
            if self.linked:
                starts = [n for i in sources for n in self.graph[tps[i].id]]
                self.cache[key] = reach(self.graph, starts)
            else:
                self.cache[key] = {t.id for t in tps[min(sources) + 1 :]} if sources else set()
        return self.cache[key]


def _has_basis(ctx: JourneyContext, persona_id: str, channel: str) -> bool:
    persona = ctx.project.personas.get(persona_id)
    if persona is None:
        return True
    if channel in opted_out_channels(persona.item):
        return True  # JK402 reports it; a missing opt-in would only repeat it
    return any(p.channel == channel and p.consent is not None for p in persona.item.channels)


RULE = JourneyRule(
    code="JK403",
    name="missing-consent",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
