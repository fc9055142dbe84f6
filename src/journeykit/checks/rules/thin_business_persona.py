"""A B2B persona has no goals, frustrations, measures of success or trusted sources.

Business buyers are profiled by what they want to achieve, what gets in their way, how
their own work is judged and which sources they trust: the finance director judged by
days payable outstanding reads analyst reports, not the product tour. A B2B persona
with only a name and a role gives the team nothing to design content or messages for.
Fill in at least one of `goals`, `frustrations`, `judged_by` and
`information_sources`.

Fails (`personas.yaml`):

```yaml
version: 1
personas:
  - {id: busy-parent, name: "Sanna, the busy parent", buyer: consumer, market: b2c}
  - {id: ap-lead, name: "Mikko, the AP team lead", buyer: client, market: b2b,
     role: champion}
```

Passes:

```yaml
version: 1
personas:
  - {id: busy-parent, name: "Sanna, the busy parent", buyer: consumer, market: b2c}
  - id: ap-lead
    name: Mikko, the AP team lead
    buyer: client
    market: b2b
    role: champion
    goals: [Close the month in three days]
    judged_by: [Invoices paid on time, Overtime hours at month end]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Severity
from journeykit.model import Market, Persona


def check(ctx: ProjectContext) -> Iterator[Finding]:
    for persona_id, persona in ctx.project.personas.items():
        if persona.item.market is Market.b2b and _thin(persona.item):
            yield ctx.finding(
                f"B2B persona {persona_id!r} has no goals, frustrations, `judged_by` or "
                "information sources",
                persona.locate("id"),
                "add `goals`, `frustrations`, `judged_by` and `information_sources`",
                action="interview a few buyers in this role: what they must achieve, what "
                "slows them down, how their work is judged and whom they trust",
            )


def _thin(persona: Persona) -> bool:
    return not (
        persona.goals or persona.frustrations or persona.judged_by or persona.information_sources
    )


RULE = ProjectRule(
    code="JK805",
    name="thin-business-persona",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
