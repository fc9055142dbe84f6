"""Two items of a kind have different ids but the same name.

Two personas called "Busy parent", two channels called "SMS", two journeys with one
title or two stages of a journey with one name: readers of the rendered map cannot tell
them apart, and the ids usually mean one was copied and forgotten. Names are compared
ignoring case and spacing.

Fails (`personas.yaml`):

```yaml
version: 1
personas:
  - {id: busy-parent, name: Busy parent, buyer: consumer, market: b2c}
  - {id: busy-parent-2, name: Busy  Parent, buyer: consumer, market: b2c}
```

Passes:

```yaml
version: 1
personas:
  - {id: busy-parent, name: Busy parent, buyer: consumer, market: b2c}
  - {id: working-parent, name: Working parent, buyer: customer, market: b2c}
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Location, Severity


def check(ctx: ProjectContext) -> Iterator[Finding]:
    project = ctx.project
    yield from _same_names(
        ctx,
        "persona",
        ((p.item.name, partial(p.locate, "name")) for p in project.personas.values()),
    )
    yield from _same_names(
        ctx,
        "channel",
        ((c.item.name, partial(c.locate, "name")) for c in project.channels.values()),
    )
    yield from _same_names(
        ctx,
        "journey",
        ((j.item.title, partial(j.locate, "title")) for j in project.journeys.values()),
    )
    for journey in project.journeys.values():
        stages = journey.item.stages
        yield from _same_names(
            ctx,
            "stage",
            ((s.name, partial(journey.locate, "stages", i, "name")) for i, s in enumerate(stages)),
        )


def _same_names(
    ctx: ProjectContext, kind: str, items: Iterable[tuple[str, Callable[[], Location]]]
) -> Iterator[Finding]:
    """Items are (name, where): locations are looked up for duplicates only, since that
    can mean reading a file's node tree."""
    seen: dict[str, Callable[[], Location]] = {}
    for name, where in items:
        key = " ".join(name.casefold().split())
        first = seen.setdefault(key, where)
        if first is not where:
            earlier = first()
            yield ctx.finding(
                f"{kind} name {name!r} is already used at {earlier.file}:{earlier.line}",
                where(),
                "give each its own name, or merge them if they are the same",
            )


RULE = ProjectRule(
    code="JK803",
    name="duplicate-name",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
