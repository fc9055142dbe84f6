"""A member of a B2B buying group meets no touchpoint, or none where the deal is decided.

In a B2B purchase the people who sign off are rarely the people who did the research: the
CFO approves the budget, procurement runs the supplier process, legal reads the contract.
A journey that reaches the champion all the way and never the economic buyer loses deals
it never knew were at risk. The rule judges journeys with a buying group: at least one
persona with `market: b2b`, and two or more personas with a `role` (or one B2B persona
with a role). Each persona of the journey with a `role` must meet at least one
touchpoint (one without `personas`, or one that lists them), and, unless their role
only advises, at least one in the decision stage: the stages whose `phase` is in
`decision-phases` (by default the phases that play `purchase`: purchase itself, or the
workspace's own under `[journeys] plays`), or the stages playing consideration when the
journey has none of those. Context moments (`context: true`) do not count as meeting the brand.

Roles that advise rather than decide (words of `advisory-roles` in the `role`: the end
user, the champion, the technical evaluator, influencers, gatekeepers) must meet the
journey somewhere, not necessarily in the decision stage. A journey without phases gets
the first check only; a decision stage with no touchpoint at all is JK301's. B2C
journeys and B2B personas without a role are not judged.

Options: `decision-phases` (default []: the phases playing purchase), `advisory-roles`
(default ["user", "champion", "evaluator", "influencer", "gatekeeper", "initiator",
"coach"]).

Fails (two files):

```yaml
# personas.yaml
version: 1
personas:
  - {id: cfo, name: "Kari, the CFO", buyer: client, market: b2b, role: economic buyer,
     channels: [{channel: email, preference: preferred, consent: opt-in}]}
  - {id: ap-lead, name: "Liisa, the AP lead", buyer: client, market: b2b,
     role: end-user champion,
     channels: [{channel: email, preference: preferred, consent: opt-in}]}
---
# software.journey.yaml
version: 1
id: software-purchase
title: Software purchase
personas: [ap-lead, cfo]
stages:
  - {id: evaluate, name: Evaluation, phase: consideration}
  - {id: decide, name: Decision, phase: purchase}
touchpoints:
  - {id: demo, name: Product demo, stage: evaluate, channel: web, kind: action,
     next: [contract]}
  - {id: contract, name: Contract sent for signature, stage: decide, channel: email,
     kind: message, personas: [ap-lead], end: true}
```

Passes (two files):

```yaml
# personas.yaml
version: 1
personas:
  - {id: cfo, name: "Kari, the CFO", buyer: client, market: b2b, role: economic buyer,
     channels: [{channel: email, preference: preferred, consent: opt-in}]}
  - {id: ap-lead, name: "Liisa, the AP lead", buyer: client, market: b2b,
     role: end-user champion,
     channels: [{channel: email, preference: preferred, consent: opt-in}]}
---
# software.journey.yaml
version: 1
id: software-purchase
title: Software purchase
personas: [ap-lead, cfo]
stages:
  - {id: evaluate, name: Evaluation, phase: consideration}
  - {id: decide, name: Decision, phase: purchase}
touchpoints:
  - {id: demo, name: Product demo, stage: evaluate, channel: web, kind: action,
     next: [contract]}
  - {id: contract, name: Business case and contract, stage: decide, channel: email,
     kind: message, personas: [ap-lead, cfo], end: true}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from journeykit.analysis.coverage import applies_to
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity
from journeykit.model import Market, Part, Stage
from journeykit.words import listed

_ADVISORY = ["user", "champion", "evaluator", "influencer", "gatekeeper", "initiator", "coach"]


def check(ctx: JourneyContext) -> Iterator[Finding]:
    model = ctx.model
    roles = _roles(ctx)
    if not roles:
        return
    brand = [t for t in model.touchpoints if not t.context]
    if not brand:
        return  # JK301 reports the empty stages
    decision = _decision_stages(ctx, ctx.list_option("decision-phases"))
    decided_in = {s.id for s in decision}
    judged = [s for s in decision if any(t.stage == s.id for t in brand)]
    advisory = _words(ctx.list_option("advisory-roles"))
    for index, persona in enumerate(model.personas):
        role = roles.pop(persona, None)  # popped: a persona listed twice is judged once
        if role is None:
            continue
        met = [t for t in brand if applies_to(t, persona)]
        who = f"buying-group member {persona!r} ({role})"
        advises = advisory is not None and advisory.search(role) is not None
        if not met:
            where = f"in stage {judged[0].id!r}" if judged and not advises else "where they help"
            yield ctx.finding(
                f"{who} meets no touchpoint in the journey",
                ctx.journey.locate("personas", index),
                f"add a touchpoint for them {where}, or list {persona!r} in an existing "
                "touchpoint's `personas`",
                action=_action(role, advises),
            )
        elif judged and not advises:
            if any(t.stage in decided_in for t in met):
                continue
            yield ctx.finding(
                f"{who} meets none in the {_stages(judged)}",
                ctx.journey.locate("personas", index),
                f"add a touchpoint for them in stage {judged[0].id!r}, or list {persona!r} "
                "in the `personas` of a touchpoint there",
                action=_action(role, advises),
            )


def _roles(ctx: JourneyContext) -> dict[str, str]:
    """Persona id -> role, for a journey with a buying group; empty otherwise."""
    roles: dict[str, str] = {}
    b2b = False
    b2b_role = False
    for pid in ctx.model.personas:
        located = ctx.project.personas.get(pid)
        if located is None:
            continue
        persona = located.item
        b2b = b2b or persona.market is Market.b2b
        if persona.role and persona.role.strip():
            roles[pid] = persona.role.strip()
            b2b_role = b2b_role or persona.market is Market.b2b
    if not b2b or not (len(roles) >= 2 or b2b_role):
        return {}
    return roles


def _decision_stages(ctx: JourneyContext, phases: list[str]) -> list[Stage]:
    """The stages in `phases` (default: those playing purchase), else those playing
    consideration."""
    model, parts = ctx.model, ctx.parts()
    wanted = {p.strip().lower() for p in phases} or set(ctx.phases.playing(Part.purchase))
    found = [s for s in model.stages if s.phase is not None and s.phase in wanted]
    return found or [s for s in model.stages if parts.get(s.id) is Part.consideration]


def _words(items: list[str]) -> re.Pattern[str] | None:
    words = [re.escape(w.strip()) for w in items if w.strip()]
    return re.compile(rf"\b(?:{'|'.join(words)})s?\b", re.I) if words else None


def _stages(stages: list[Stage]) -> str:
    phases = ", ".join(dict.fromkeys(str(s.phase) for s in stages))
    if len(stages) == 1:
        return f"decision stage {stages[0].id!r} ({phases})"
    return f"decision stages {listed([repr(s.id) for s in stages], 'and')} ({phases})"


def _action(role: str, advises: bool) -> str:
    if advises:
        return (
            f"give the {role} what they need to back the purchase: a demo, a trial, "
            "answers for their colleagues"
        )
    return (
        f"give the {role} what they need to approve: a business case, pricing, "
        "references, a call with your team"
    )


RULE = JourneyRule(
    code="JK407",
    name="decision-maker-absent",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"decision-phases": [], "advisory-roles": _ADVISORY},
    phase_options=("decision-phases",),
    check=check,
)
