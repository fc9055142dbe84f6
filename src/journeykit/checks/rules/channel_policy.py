"""A touchpoint uses a channel the stage-to-channel policy does not allow.

Many teams decide which channels fit which stage: welcome offers by SMS or RCS, order
confirmations by SMS or WhatsApp, satisfaction surveys by e-mail. Write that policy in
the configuration, keyed by stage id or by phase (a stage id wins over its phase), and
this rule reports the touchpoints that break it. With the workspace's own `[journeys]
phases`, a phase without an entry of its own follows the entry of the part it plays
(`[journeys] plays`): `post-purchase` governs `onboarding` and `usage` until they get
their own. A key that names no stage id of any journey, no phase and no part is a
configuration error with its line (exit 2), so a misspelt phase is not a policy that
silently never applies. Only touchpoints of the kinds in
`kinds` are checked (messages by default: a store visit is not a channel choice), and
only on channels the policy names somewhere: a policy of messaging channels says nothing
about social media posts. Context moments (`context: true`: the tram, TV, a
competitor's shop) are left alone: the policy governs the brand's channel choices, not
the customer's day. Without a policy the rule reports nothing.

Options: `policy` (table: stage id or phase -> allowed channel ids; default empty),
`kinds` (default ["message"]).

```toml
[lint.rules.JK404.policy]
awareness = ["sms", "rcs", "viber", "whatsapp"]
consideration = ["email", "rcs", "viber"]
purchase = ["sms", "whatsapp", "viber"]
post-purchase = ["sms", "email", "whatsapp"]
loyalty = ["sms", "whatsapp", "viber", "email"]
```

Fails (with the policy above):

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
touchpoints:
  - {id: confirm, name: Order confirmation, stage: buy, channel: email, kind: message,
     end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
touchpoints:
  - {id: confirm, name: Order confirmation, stage: buy, channel: sms, kind: message,
     end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Part, TouchpointKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    policy = ctx.table_option("policy")
    if not policy:
        return
    kinds = set(ctx.list_option("kinds"))
    governed = {c for allowed in policy.values() for c in allowed}
    stages = {s.id: s for s in ctx.model.stages}
    for ti, tp in enumerate(ctx.model.touchpoints):
        stage = stages.get(tp.stage)
        if stage is None or tp.context or tp.kind.value not in kinds:
            continue
        if tp.channel not in governed:
            continue
        key = _key(policy, stage.id, stage.phase, ctx.parts().get(stage.id))
        if key is None:
            continue
        allowed = policy[key]
        if tp.channel not in allowed:
            yield ctx.finding(
                f"{tp.kind.value} {tp.id!r} uses {tp.channel!r}, which the channel policy "
                f"does not allow in stage {stage.id!r}",
                ctx.journey.locate("touchpoints", ti, "channel"),
                f"allowed for {key}: {', '.join(allowed) or 'nothing'}",
            )


def _key(
    policy: dict[str, list[str]], stage: str, phase: str | None, part: Part | None
) -> str | None:
    """The policy entry that governs a stage: its id, else its phase, else the part the
    phase plays."""
    for key in (stage, phase, part.value if part else None):
        if key is not None and key in policy:
            return key
    return None


RULE = JourneyRule(
    code="JK404",
    name="channel-policy",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"policy": {}, "kinds": ["message"]},
    choices={"kinds": tuple(k.value for k in TouchpointKind)},
    check=check,
)
