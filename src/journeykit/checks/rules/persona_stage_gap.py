"""A persona meets nothing in a stage on a channel they prefer or accept.

The stage has touchpoints, but none that applies to this persona happens on a channel in
their preferences: they are either reached only where they do not want to be, or not
reached at all. Personas without channel preferences are not judged; stages without any
touchpoint are JK301's. Context moments (`context: true`: the tram, TV, a competitor's
shop) are left alone: they neither create a gap nor fill one, so a stage of only context
moments is not judged, and a persona met there only by context moments is not met by the
brand.

Members of a B2B buying group (personas with a `role`) join the journey at different
stages: the procurement officer has no business in the research stage. A buying-group
persona who meets no touchpoint at all in a stage is therefore not reported, unless
`include-buying-group = true`; one reached there on the wrong channels still is.

Options: `include-buying-group` (default false).

Fails:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent, style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: offer, name: Welcome offer, stage: aware, channel: whatsapp, kind: message,
     end: true}
```

Passes:

```yaml
version: 1
id: web-order
title: Web order
personas: [busy-parent, style-enthusiast]
stages:
  - {id: aware, name: Awareness}
touchpoints:
  - {id: offer, name: Welcome offer, stage: aware, channel: whatsapp, kind: message,
     personas: [busy-parent], end: true}
  - {id: letter, name: Welcome letter, stage: aware, channel: email, kind: message,
     personas: [style-enthusiast], end: true}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.analysis.coverage import reachable_channels
from journeykit.checks.rules.base import JourneyContext, JourneyRule
from journeykit.findings import Finding, Severity


def check(ctx: JourneyContext) -> Iterator[Finding]:
    include = ctx.bool_option("include-buying-group")
    for gap in ctx.stage_gaps(include):
        if gap.kind == "unreached":
            message = f"persona {gap.persona!r} meets no touchpoint in stage {gap.stage!r}"
        elif gap.kind == "wrong-channel":
            message = (
                f"persona {gap.persona!r} is reached in stage {gap.stage!r} only on "
                f"channels they neither prefer nor accept ({', '.join(sorted(gap.channels))})"
            )
        else:
            continue
        wanted = reachable_channels(ctx.project.personas[gap.persona].item)
        yield ctx.finding(
            message,
            ctx.journey.locate("stages", gap.stage_index),
            f"their channels: {', '.join(sorted(wanted)) or 'none'}",
        )


RULE = JourneyRule(
    code="JK401",
    name="persona-stage-gap",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"include-buying-group": False},
    check=check,
)
