"""A low point of the emotion curve with no recovery after it, or an ask before the recovery.

The curve runs through the touchpoints that record an `emotion`, along the journey's
paths and persona by persona: the point before a touchpoint is the nearest one before it
on a path to it (through `next`) that applies to the same persona, never a touchpoint of
an alternative branch or of another persona; after a merge the largest drop counts. A
low point is a touchpoint below neutral where the curve falls by `drop` or more from the
point before (the finding names it), or where it reaches its minimum at `low` or below
(a customer who ends mildly indifferent, at -1, has not had a moment of truth). A
moment of truth like that needs the brand to put it right, and soon: a recovery
touchpoint in the same or the next stage, reached after it on the journey (through
`next`; in the order they are listed when the journey has no transitions at all), and
before any ask. Asking an angry customer for a review or making them an offer before
anyone has said sorry is how one-star reviews are made. A moment that passes by itself
is not reported either: when a step right after it (not an ask) records the customer at
neutral or better again, the rule looks no further down that path.

A recovery is a touchpoint with `purpose: recovery`. Without a declared purpose the
rule reads it from the touchpoint's kind and words (name, description, content): a
message or an action that speaks of support, help, an apology (apologise, sorry), a
fix, a refund, compensation, a replacement or resolving the problem; an event never
is, and a guessed recovery where the customer still feels below neutral (the help line
that keeps them on hold) does not count. An ask is `purpose: feedback` or `purpose:
marketing`, or a message that speaks of a review, a survey, "rate us", NPS, feedback,
an upsell, an offer or an upgrade. Context touchpoints (`context: true`) are neither,
and a low point at one (the tram is late) is not the brand's to recover: it is skipped.
An opportunity written down for the moment is mentioned, but a plan is not a recovery.

Options: `drop` (default 2), `low` (default -2).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent]
stages:
  - {id: buy, name: Purchase}
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [declined],
     emotion: {score: 1}}
  - {id: declined, name: Payment declined, stage: buy, channel: web, kind: event,
     emotion: {score: -2, label: frustrated}, next: [ask-review]}
  - {id: ask-review, name: Rate your visit, stage: buy, channel: email, kind: message,
     purpose: feedback, end: true}
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
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, next: [declined],
     emotion: {score: 1}}
  - {id: declined, name: Payment declined, stage: buy, channel: web, kind: event,
     emotion: {score: -2, label: frustrated}, next: [sorry]}
  - {id: sorry, name: Apology and a payment link, stage: buy, channel: sms, kind: message,
     purpose: recovery, next: [ask-review]}
  - {id: ask-review, name: Rate your visit, stage: buy, channel: email, kind: message,
     purpose: feedback, end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.emotions import LowPointAnswer, unrecovered_low_points
from journeykit.analysis.purposes import ask_noun
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity

_THEN = {
    "review request": "then ask for the review",
    "survey": "then send the survey",
    "feedback request": "then ask for feedback",
    "marketing message": "then make the offer",
}


def check(ctx: JourneyContext) -> Iterator[Finding]:
    for answer in unrecovered_low_points(
        ctx.model, ctx.int_option("drop"), ctx.successors(), ctx.int_option("low")
    ):
        low = answer.low
        tp = low.point.touchpoint
        if low.reason == "drop" and low.previous is not None:
            before = low.previous.touchpoint.id
            what = (
                f"after {before!r} the emotion drops from {_signed(low.previous.score)}"
                f" to {_signed(low.point.score)} at {tp.id!r}"
            )
        else:
            what = f"the emotion curve reaches its low of {_signed(low.point.score)} at {tp.id!r}"
        tail, hint, action = _follows(answer)
        yield ctx.finding(
            f"{what}; {tail}",
            ctx.journey.locate("touchpoints", low.point.index, "emotion"),
            hint,
            action,
        )


def _follows(answer: LowPointAnswer) -> tuple[str, str, str]:
    """(what follows the low point, the fix in the file, the CX action)."""
    if answer.ask is not None:
        noun = ask_noun(answer.ask)
        return (
            f"the {noun} {answer.ask.id!r} comes before any recovery",
            f"put a touchpoint with `purpose: recovery` before {answer.ask.id!r}",
            f"reach out first: an apology and a fix, {_THEN[noun]}",
        )
    hint = "add a touchpoint with `purpose: recovery` after it, in this or the next stage"
    action = "reach out when it goes wrong: support, an apology, a fix or a refund"
    if answer.opportunity is not None:
        said = answer.opportunity.description
        said = said if len(said) <= 60 else said[:57].rstrip() + "..."
        return (
            f"an opportunity is written down ({said!r}) but no touchpoint recovers the moment",
            hint,
            action,
        )
    return "no touchpoint in this or the next stage recovers the moment", hint, action


def _signed(score: int) -> str:
    """+2, 0, -1: the scale as the docs write it."""
    return f"{score:+d}" if score else "0"


RULE = JourneyRule(
    code="JK502",
    name="unattended-low-point",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"drop": 2, "low": -2},
    check=check,
)
