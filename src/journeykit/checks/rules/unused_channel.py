"""A channel is defined in the catalog and no touchpoint uses it.

A channel with no touchpoint is either a blind spot (customers are there and the map
does not show it) or clutter. Touchpoint `channel` and `opt_in` count as use.

Fails (`channels.yaml`, with journeys only on sms and web):

```yaml
version: 1
channels:
  - {id: sms, name: SMS, kind: messaging, presence: mobile, outbound: true}
  - {id: web, name: Web shop, kind: web, presence: online, outbound: false}
  - {id: print, name: Catalogue, kind: print, presence: offline, outbound: true}
```

Passes:

```yaml
version: 1
channels:
  - {id: sms, name: SMS, kind: messaging, presence: mobile, outbound: true}
  - {id: web, name: Web shop, kind: web, presence: online, outbound: false}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Severity


def check(ctx: ProjectContext) -> Iterator[Finding]:
    used: set[str] = set()
    for journey in ctx.project.journeys.values():
        for tp in journey.item.touchpoints:
            used.add(tp.channel)
            used.update(tp.opt_in)
    for channel_id, channel in ctx.project.channels.items():
        if channel_id not in used:
            yield ctx.finding(
                f"channel {channel_id!r} is used by no touchpoint",
                channel.locate("id"),
                "map the touchpoints that happen on it, or remove it",
                action="ask which customers meet the brand on this channel, and where",
            )


RULE = ProjectRule(
    code="JK802",
    name="unused-channel",
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
