"""A persona is defined in the catalog and no journey is for it.

Either a journey is missing (a key customer group nobody has mapped) or the persona is
stale. Map its journey, add it to an existing journey's `personas`, or remove it.

Fails (`personas.yaml`, with journeys only for busy-parent):

```yaml
version: 1
personas:
  - {id: busy-parent, name: "Sanna, the busy parent", buyer: consumer, market: b2c}
  - {id: student, name: "Eero, the student", buyer: consumer, market: b2c}
```

Passes:

```yaml
version: 1
personas:
  - {id: busy-parent, name: "Sanna, the busy parent", buyer: consumer, market: b2c}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Severity


def check(ctx: ProjectContext) -> Iterator[Finding]:
    used = {p for j in ctx.project.journeys.values() for p in j.item.personas}
    for persona_id, persona in ctx.project.personas.items():
        if persona_id not in used:
            yield ctx.finding(
                f"persona {persona_id!r} is in no journey",
                persona.locate("id"),
                "map a journey for it, add it to a journey's `personas`, or remove it",
                action="decide whether this customer group still matters to the business",
            )


RULE = ProjectRule(
    code="JK801",
    name="unused-persona",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
