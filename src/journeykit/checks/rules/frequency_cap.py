"""A persona gets more marketing messages a week than the cap, counted across all journeys.

Each journey looks reasonable on its own; the customer gets them all, on one phone. A
frequency cap ("at most 3 marketing messages a week") works only when someone adds up
the teams' messages. The rule adds up, per persona, what the design sends in a week:

- The recurring load: each message whose `timing` (or else `trigger`) says a schedule
  counts what it says a week: "daily" 7, "every Monday" or "Tuesdays" 1, "weekly" 1,
  "every other week" 0.5, "monthly" or "first Monday of the month" 0.25, "twice a week"
  2. In one journey only the messages on one path add up (a weekly SMS and a weekly
  WhatsApp on two branches are alternatives); the journeys add up with each other.
- The busiest week of one-off messages ("Immediately", "Day 3 after delivery"): each
  counts once. One-offs with the same `trigger` are one series, placed by the days their
  timing gives ("days 1, 4 and 9"; day 0 when none), and the busiest 7 days of any one
  series count: different moments (a cart left, a birthday) seldom share a week.

The persona is reported once when the recurring load plus the busiest week exceeds
`max-per-week`, with the messages that add most.

What counts: the brand's messages (`kind: message`, not `context: true`) whose `purpose`
is in `purposes`; one without a `purpose` counts as marketing unless
`count-without-purpose = false`. Ads and posts (channels of kind social, search or
advertising) and channels the company cannot send on do not count, nor archived
journeys, nor future-state maps where current-state maps exist (they redesign them).

Options: `max-per-week` (default 3), `purposes` (default `["marketing"]`),
`count-without-purpose` (default true).

Fails (two files):

```yaml
# newsletter.journey.yaml
version: 1
id: newsletter
title: Newsletter
personas: [busy-parent]
stages:
  - {id: loyal, name: Loyalty}
touchpoints:
  - {id: news, name: Newsletter, stage: loyal, channel: email, kind: message,
     purpose: marketing, timing: every Monday, next: [tips]}
  - {id: tips, name: Weekly tips, stage: loyal, channel: app, kind: message,
     purpose: marketing, timing: weekly, end: true}
---
# offers.journey.yaml
version: 1
id: offers
title: Offers
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: deals, name: Thursday deals, stage: aware, channel: sms, kind: message,
     purpose: marketing, timing: Thursdays at 17.00, next: [weekend]}
  - {id: weekend, name: Weekend offer, stage: aware, channel: whatsapp, kind: message,
     purpose: marketing, timing: every Friday, end: true}
```

Passes (two files):

```yaml
# newsletter.journey.yaml
version: 1
id: newsletter
title: Newsletter
personas: [busy-parent]
stages:
  - {id: loyal, name: Loyalty}
touchpoints:
  - {id: news, name: Newsletter, stage: loyal, channel: email, kind: message,
     purpose: marketing, timing: every Monday, next: [tips]}
  - {id: tips, name: Monthly tips, stage: loyal, channel: app, kind: message,
     purpose: marketing, timing: monthly, end: true}
---
# offers.journey.yaml
version: 1
id: offers
title: Offers
personas: [busy-parent]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: deals, name: Thursday deals, stage: aware, channel: sms, kind: message,
     purpose: marketing, timing: Thursdays at 17.00, next: [receipt]}
  - {id: receipt, name: Weekly statement, stage: aware, channel: email, kind: message,
     purpose: transactional, timing: every Friday, end: true}
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from journeykit.analysis.cadence import Cadence, busiest_week, cadence
from journeykit.analysis.coverage import applies_to
from journeykit.analysis.flow import Acyclic, acyclic, walked
from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Location, Severity
from journeykit.model import (
    ChannelKind,
    Journey,
    MapType,
    Purpose,
    Status,
    Touchpoint,
    TouchpointKind,
)
from journeykit.workspace.project import Located, Project

_NOT_TO_A_PERSON = (ChannelKind.social, ChannelKind.search, ChannelKind.advertising)
"""Ads and posts: bought reach, capped by the ad platform, not messages to the persona."""
_LISTED = 5  # recurring messages a finding names


@dataclass(frozen=True, slots=True)
class _Send:
    journey: Located[Journey]
    index: int
    touchpoint: Touchpoint
    cadence: Cadence

    @property
    def name(self) -> str:
        return f"{self.touchpoint.id!r} ({self.journey.item.id})"


@dataclass(frozen=True, slots=True)
class _Plan:
    """One journey's counted messages and its graph with the loops cut."""

    journey: Journey
    sends: list[_Send]
    dag: Acyclic


@dataclass(frozen=True, slots=True)
class _Load:
    recurring: list[_Send]
    week: list[tuple[int, _Send]]
    """The busiest week of one-off messages: each send's day and message."""

    @property
    def total(self) -> float:
        return round(sum(s.cadence.per_week for s in self.recurring) + len(self.week), 2)


def check(ctx: ProjectContext) -> Iterator[Finding]:
    cap = ctx.int_option("max-per-week")
    counted = _counted(ctx)
    plans = [_plan(j, counted) for j in _sending(ctx.project)]
    personas = dict.fromkeys(p for plan in plans for p in plan.journey.personas)
    what = _what(ctx.list_option("purposes"))
    for persona in personas:
        load = _load(plans, persona)
        if load.total <= cap:
            continue
        journeys = {s.journey.item.id for s in [*load.recurring, *(s for _, s in load.week)]}
        yield ctx.finding(
            f"persona {persona!r} may get {_num(load.total)} {what} messages a week across "
            f"{len(journeys)} journey{'s' if len(journeys) > 1 else ''} (at most {cap}): "
            f"{_listed(load)}",
            _where(ctx.project, persona, load),
            _hint(load, persona),
            f"agree one contact calendar across the teams that message {persona}: at most "
            f"{cap} {what} messages a week, the ones they value most",
        )


def _counted(ctx: ProjectContext) -> Callable[[Touchpoint], bool]:
    purposes = set(ctx.list_option("purposes"))
    without = ctx.bool_option("count-without-purpose")
    channels = ctx.project.channels

    def test(tp: Touchpoint) -> bool:
        if tp.kind is not TouchpointKind.message or tp.context:
            return False
        purpose = tp.purpose or ("marketing" if without else None)
        if purpose not in purposes:
            return False
        channel = channels.get(tp.channel)
        return channel is None or (
            channel.item.outbound and channel.item.kind not in _NOT_TO_A_PERSON
        )

    return test


def _sending(project: Project) -> list[Located[Journey]]:
    """The journeys whose messages go out: not archived, and not the future-state maps
    of a workspace that maps its current state."""
    live = [j for j in project.journeys.values() if j.item.status is not Status.archived]
    if any(j.item.map_type is MapType.current_state for j in live):
        live = [j for j in live if j.item.map_type is not MapType.future_state]
    return live


def _plan(journey: Located[Journey], counted: Callable[[Touchpoint], bool]) -> _Plan:
    model = journey.item
    sends = [
        _Send(journey, i, tp, cadence(tp.timing, tp.trigger))
        for i, tp in enumerate(model.touchpoints)
        if counted(tp)
    ]
    dag = acyclic(walked(model), [t.id for t in model.touchpoints])
    return _Plan(model, sends, dag)


def _load(plans: list[_Plan], persona: str) -> _Load:
    recurring: list[_Send] = []
    week: list[tuple[int, _Send]] = []
    for plan in plans:
        if persona not in plan.journey.personas:
            continue
        mine = [s for s in plan.sends if applies_to(s.touchpoint, persona)]
        recurring += _recurring(plan.dag, [s for s in mine if s.cadence.recurring])
        for series in _series(mine):
            busiest = _busiest(plan.dag, series)
            if len(busiest) > len(week):
                week = busiest
    return _Load(recurring, week)


def _recurring(dag: Acyclic, sends: list[_Send]) -> list[_Send]:
    """The recurring messages on the path with the most of them a week."""
    rate = {s.touchpoint.id: round(s.cadence.per_week * 100) for s in sends}
    path = set(dag.heaviest_path(lambda t: rate.get(t, 0)))
    return [s for s in sends if s.touchpoint.id in path]


def _series(sends: list[_Send]) -> list[list[_Send]]:
    """The one-offs grouped by their trigger; one without a trigger is alone."""
    groups: dict[str, list[_Send]] = {}
    for s in sends:
        if not s.cadence.recurring:
            trigger = " ".join((s.touchpoint.trigger or "").lower().split())
            groups.setdefault(trigger or f"\0{s.touchpoint.id}", []).append(s)
    return list(groups.values())


def _busiest(dag: Acyclic, series: list[_Send]) -> list[tuple[int, _Send]]:
    """The most sends of one series on one path within 7 days in a row."""
    count = {s.touchpoint.id: len(s.cadence.days) for s in series}
    path = set(dag.heaviest_path(lambda t: count.get(t, 0))) if len(series) > 1 else set(count)
    sends = [(d, s) for s in series if s.touchpoint.id in path for d in s.cadence.days]
    days = busiest_week([d for d, _ in sends])
    if not days:
        return []
    return [(d, s) for d, s in sorted(sends, key=lambda p: p[0]) if days[0] <= d <= days[-1]]


def _listed(load: _Load) -> str:
    ranked = sorted(load.recurring, key=lambda s: -s.cadence.per_week)
    parts = [f"{s.name} {_num(s.cadence.per_week)} a week" for s in ranked[:_LISTED]]
    if len(ranked) > _LISTED:
        parts.append(f"{len(ranked) - _LISTED} more recurring")
    if load.week:
        names = ", ".join(dict.fromkeys(s.name for _, s in load.week))
        n = len(load.week)
        parts.append(f"{n} one-off message{'s' if n > 1 else ''} in one week from {names}")
    return ", ".join(parts)


def _hint(load: _Load, persona: str) -> str:
    top = sorted(load.recurring, key=lambda s: -s.cadence.per_week)[:2] or [load.week[0][1]]
    hint = (
        f"send {' and '.join(s.name for s in top)} less often, merge messages of the "
        f"journeys, or limit their `personas` so fewer reach {persona}"
    )
    sends = [*load.recurring, *(s for _, s in load.week)]
    if any(s.touchpoint.purpose is None for s in sends):
        hint += "; declare `purpose: transactional` on service messages, which do not count"
    return hint


def _where(project: Project, persona: str, load: _Load) -> Location:
    found = project.personas.get(persona)
    if found is not None:
        return found.locate("id")
    first = (load.recurring or [s for _, s in load.week])[0]
    return first.journey.locate("touchpoints", first.index)


def _what(purposes: list[str]) -> str:
    return "marketing" if purposes == ["marketing"] else " or ".join(purposes)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


RULE = ProjectRule(
    code="JK416",
    name="frequency-cap",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"max-per-week": 3, "purposes": ["marketing"], "count-without-purpose": True},
    choices={"purposes": tuple(p.value for p in Purpose)},
    check=check,
)
