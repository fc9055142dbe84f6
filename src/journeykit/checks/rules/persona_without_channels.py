"""A persona some journey is for has no channel preferences.

Channel preferences are what the channel rules judge a journey by: without them nobody
can tell whether a stage reaches the persona on a channel they prefer (JK401, JK406), or
whether a message goes out on one they refused (JK402). A persona who opted out of SMS
can then be sent SMS without a word from the linter. List the channels the group
prefers, accepts and has opted out of, with the consent basis for messaging. Personas
no journey is for are JK801's.

Fails (`personas.yaml`, with a journey for busy-parent):

```yaml
version: 1
personas:
  - {id: busy-parent, name: "Sanna, the busy parent", buyer: consumer, market: b2c}
```

Passes:

```yaml
version: 1
personas:
  - id: busy-parent
    name: Sanna, the busy parent
    buyer: consumer
    market: b2c
    channels:
      - {channel: sms, preference: preferred, consent: opt-in}
      - {channel: web, preference: accepted}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Severity


def check(ctx: ProjectContext) -> Iterator[Finding]:
    targeted = {p for j in ctx.project.journeys.values() for p in j.item.personas}
    for persona_id, persona in ctx.project.personas.items():
        if persona_id in targeted and not persona.item.channels:
            yield ctx.finding(
                f"persona {persona_id!r} has no channel preferences, so no rule can tell "
                "whether their journeys reach them where they want to be",
                persona.locate("id"),
                "add `channels:` with the channels they prefer, accept and opted out of",
                action="ask the customer group (survey, CRM consent data) which channels "
                "they want to hear from you on and which they refused",
            )


RULE = ProjectRule(
    code="JK804",
    name="persona-without-channels",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
