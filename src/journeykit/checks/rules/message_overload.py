"""Too many messages to one persona in one stage, or on one channel.

Repetitive messages are the first complaint about omnichannel marketing: every team adds
"just one" reminder. The rule follows the journey's paths and counts the messages
(`kind: message`) that reach each persona on one pass: more than `max-per-stage` in one
stage, or more than `max-per-channel` on one channel over the whole journey, is reported
once per stage or channel, naming the personas. Alternatives (an SMS or a WhatsApp
reminder, whichever the customer opted into) lie on different paths and do not add up;
a loop is walked once. A journey without any `next` counts every message. Context
touchpoints (`context: true`, a TV ad of someone else's) are not the company's messages
and do not count.

Each finding names the message that adds least, the first one to cut: among the
messages on the overloaded path, marketing before one whose purpose is not given,
before feedback, before recovery, and transactional last (the delivery notice the
customer waits for is the last to blame); among equals the lower `importance`, then the
later one on the path. A purpose not given is read from the message's words (an offer,
a survey, an apology, a receipt), as JK502 does. The stage finding sits on the stage;
the channel finding sits on the message to cut.

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
from dataclasses import dataclass

from journeykit.analysis.coverage import applies_to
from journeykit.analysis.flow import Acyclic, acyclic, walked
from journeykit.analysis.purposes import RANK, inferred_purpose
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Touchpoint, TouchpointKind


@dataclass(frozen=True, slots=True)
class _Over:
    count: int
    """The highest count on one path."""
    personas: list[str]
    """The personas with a path above the limit."""
    path: list[Touchpoint]
    """The counted messages on the worst path, in path order."""

    def least(self) -> Touchpoint:
        """The message that adds least: by purpose, then importance, then the later."""
        ranked = sorted(
            enumerate(self.path),
            key=lambda p: (RANK[inferred_purpose(p[1])], p[1].importance.weight, -p[0]),
        )
        return ranked[0][1]


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    graph = walked(model, ctx.successors())
    index = {t.id: i for i, t in enumerate(model.touchpoints)}
    dag = acyclic(graph, [t.id for t in model.touchpoints])
    messages = [t for t in model.touchpoints if t.kind is TouchpointKind.message and not t.context]
    reached = {p: [t for t in messages if applies_to(t, p)] for p in model.personas}
    per_stage = ctx.int_option("max-per-stage")
    for si, stage in enumerate(model.stages):
        over = _over(dag, reached, _where("stage", stage.id), per_stage)
        if over:
            cut = over.least()
            yield ctx.finding(
                f"stage {stage.id!r} sends {over.count} messages to {', '.join(over.personas)} "
                f"on one path (at most {per_stage}); {_blame(cut)}",
                ctx.journey.locate("stages", si),
                f"drop or merge {cut.id!r}, or target it at fewer personas",
                _ACTION,
            )
    per_channel = ctx.int_option("max-per-channel")
    for channel in dict.fromkeys(t.channel for t in messages):
        over = _over(dag, reached, _where("channel", channel), per_channel)
        if over:
            cut = over.least()
            yield ctx.finding(
                f"{over.count} messages on {channel!r} reach {', '.join(over.personas)} on one "
                f"path (at most {per_channel}); {_blame(cut)}",
                ctx.journey.locate("touchpoints", index[cut.id], "channel"),
                f"drop or merge {cut.id!r}, or move it to another channel the persona accepts",
                _ACTION,
            )


_ACTION = "cut the message that adds least first; keep the ones customers wait for"


def _blame(cut: Touchpoint) -> str:
    purpose = inferred_purpose(cut)
    what = f"{purpose} message" if purpose else "message with no purpose given"
    return f"the {what} {cut.id!r} adds least"


def _where(key: str, value: str) -> Callable[[Touchpoint], bool]:
    def test(touchpoint: Touchpoint) -> bool:
        return bool(getattr(touchpoint, key) == value)

    return test


def _over(
    dag: Acyclic,
    reached: dict[str, list[Touchpoint]],
    counted: Callable[[Touchpoint], bool],
    limit: int,
) -> _Over | None:
    """The personas over the limit, and the worst path's counted messages.

    `reached` holds each persona's messages; no path of a persona with `limit` or fewer
    counted messages in all can go over, so only the others are walked.
    """
    worst: _Over | None = None
    for persona, messages in reached.items():
        mine = {t.id: t for t in messages if counted(t)}
        if len(mine) <= limit:
            continue
        path = [mine[t] for t in dag.heaviest_path(mine.__contains__) if t in mine]
        if len(path) <= limit:
            continue
        if worst is None:
            worst = _Over(len(path), [persona], path)
        elif len(path) > worst.count:
            worst = _Over(len(path), [*worst.personas, persona], path)
        else:
            worst.personas.append(persona)
    return worst


RULE = JourneyRule(
    code="JK405",
    name="message-overload",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"max-per-stage": 3, "max-per-channel": 5},
    check=check,
)
