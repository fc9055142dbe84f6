"""Too many messages to one persona in one stage, or on one channel.

Repetitive messages are the first complaint about omnichannel marketing: every team adds
"just one" reminder. The rule follows the journey's paths and counts the messages
(`kind: message`) that reach each persona on one pass: more than `max-per-stage` in one
stage, or more than `max-per-channel` on one channel over the whole journey, is reported
once per stage or channel, naming the personas. Alternatives (an SMS or a WhatsApp
reminder, whichever the customer opted into) lie on different paths and do not add up;
a loop is walked once. A journey without any `next` counts every message.

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

from collections.abc import Callable, Iterator
from itertools import pairwise

from journeykit.analysis.coverage import applies_to
from journeykit.analysis.flow import Acyclic, acyclic
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint, TouchpointKind


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    graph = ctx.successors()
    if not any(graph.values()):
        ids = list(graph)
        graph = {a: [b] for a, b in pairwise(ids)}
    index = {t.id: i for i, t in enumerate(model.touchpoints)}
    dag = acyclic(graph, [t.id for t in model.touchpoints])
    messages = [t for t in model.touchpoints if t.kind is TouchpointKind.message]
    reached = {p: [t for t in messages if applies_to(t, p)] for p in model.personas}
    per_stage = ctx.int_option("max-per-stage")
    for si, stage in enumerate(model.stages):
        over = _over(dag, reached, _where("stage", stage.id), per_stage)
        if over:
            count, personas, _ = over
            yield ctx.finding(
                f"stage {stage.id!r} sends {count} messages to {', '.join(personas)} "
                f"on one path (at most {per_stage})",
                ctx.journey.locate("stages", si),
                "merge messages or target them at fewer personas",
            )
    per_channel = ctx.int_option("max-per-channel")
    for channel in dict.fromkeys(t.channel for t in model.touchpoints):
        over = _over(dag, reached, _where("channel", channel), per_channel)
        if over:
            count, personas, at = over
            yield ctx.finding(
                f"{count} messages on {channel!r} reach {', '.join(personas)} on one path "
                f"(at most {per_channel}); this is the first one too many",
                ctx.journey.locate("touchpoints", index[at], "channel"),
                "merge messages or spread them over channels the persona accepts",
            )


def _where(key: str, value: str) -> Callable[[Touchpoint], bool]:
    def test(touchpoint: Touchpoint) -> bool:
        return bool(getattr(touchpoint, key) == value)

    return test


def _over(
    dag: Acyclic,
    reached: dict[str, list[Touchpoint]],
    counted: Callable[[Touchpoint], bool],
    limit: int,
) -> tuple[int, list[str], str] | None:
    """(highest count, personas above the limit, id of the first message too many).

    `reached` holds each persona's messages; no path of a persona with `limit` or fewer
    counted messages in all can go over, so only the others are walked.
    """
    worst: tuple[int, list[str], str] | None = None
    for persona, messages in reached.items():
        ids = {t.id for t in messages if counted(t)}
        if len(ids) <= limit:
            continue
        path = dag.heaviest_path(ids.__contains__)
        mine = [t for t in path if t in ids]
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
