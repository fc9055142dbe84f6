"""Journeys of the workspace call the same phase by different stage names.

One journey calls its consideration stage `evaluation`, the next `consideration`: each
map reads fine on its own, but a report, a dashboard or an automation that compares
journeys by stage (conversion per stage, messages per stage, the channel-per-stage
policy) cannot line them up, and readers wonder whether the two are the same step. The
rule groups the stages of every journey by `phase` and reports a phase when some
journey's stages for it share neither the id nor the name with any other journey's
stages of that phase. Ids are compared ignoring case and '-', '_' or '.'; names ignoring
case and spacing. A journey that splits a phase into two stages (post-purchase as
`delivery` and `use`) next to a journey with only `delivery` is consistent; stages
without a phase, and phases only one journey has, are not compared. The whole workspace
gets one finding, at the first stage that stands apart.

Options: `ignore-phases` (default []): phases where journeys name their stages freely.

Fails (two files):

```yaml
# checkout.journey.yaml
version: 1
id: checkout
title: Checkout
personas: [busy-parent]
stages:
  - {id: evaluation, name: Evaluation, phase: consideration}
touchpoints:
  - {id: compare, name: Compares products, stage: evaluation, channel: web, kind: action,
     end: true}
---
# returns.journey.yaml
version: 1
id: returns
title: Returns
personas: [busy-parent]
stages:
  - {id: consideration, name: Consideration, phase: consideration}
touchpoints:
  - {id: policy, name: Reads the returns policy, stage: consideration, channel: web,
     kind: action, end: true}
```

Passes (two files):

```yaml
# checkout.journey.yaml
version: 1
id: checkout
title: Checkout
personas: [busy-parent]
stages:
  - {id: consideration, name: Consideration, phase: consideration}
touchpoints:
  - {id: compare, name: Compares products, stage: consideration, channel: web,
     kind: action, end: true}
---
# returns.journey.yaml
version: 1
id: returns
title: Returns
personas: [busy-parent]
stages:
  - {id: consideration, name: Consideration, phase: consideration}
touchpoints:
  - {id: policy, name: Reads the returns policy, stage: consideration, channel: web,
     kind: action, end: true}
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from journeykit.checks.rules.base import ProjectContext, ProjectRule
from journeykit.findings import Finding, Severity
from journeykit.model import Journey
from journeykit.words import listed
from journeykit.workspace.project import Located


@dataclass(frozen=True, slots=True, eq=False)
class _Stage:
    journey: Located[Journey]
    index: int

    @property
    def id(self) -> str:
        return self.journey.item.stages[self.index].id

    @property
    def keys(self) -> tuple[str, str]:
        stage = self.journey.item.stages[self.index]
        return (
            "id:" + re.sub(r"[-_.]+", "-", stage.id.casefold()),
            "name:" + " ".join(stage.name.casefold().split()),
        )


@dataclass(frozen=True, slots=True)
class _Clash:
    phase: str
    groups: list[list[_Stage]]
    """The namings that disagree: stages sharing an id or a name, fewest journeys first."""
    apart: list[_Stage]
    """Stages of journeys that share no naming of the phase with any other journey."""


def check(ctx: ProjectContext) -> Iterator[Finding]:
    ignored = {p.strip().lower() for p in ctx.list_option("ignore-phases")}
    clashes = [
        clash
        for phase in ctx.phases.names
        if phase not in ignored
        for clash in [_clash(ctx, phase)]
        if clash is not None
    ]
    if not clashes:
        return
    first = min((s for c in clashes for s in c.apart), key=lambda s: (s.journey.item.id, s.index))
    renames = [r for c in clashes for r in _renames(c)]
    hint = "use one stage id and name per phase in every journey"
    if renames:
        hint += f", e.g. rename {', '.join(renames)}"
    yield ctx.finding(
        "journeys name the same phase differently: " + "; ".join(_describe(c) for c in clashes),
        first.journey.locate("stages", first.index, "id"),
        hint,
        action=(
            "agree one stage vocabulary for the workspace, so that reports, dashboards and "
            "automations can compare the journeys stage by stage"
        ),
    )


def _clash(ctx: ProjectContext, phase: str) -> _Clash | None:
    # By journey id, not by file: moving a file must not move or reword the finding.
    journeys = sorted(ctx.project.journeys.values(), key=lambda j: j.item.id)
    stages = [
        _Stage(journey, i)
        for journey in journeys
        for i, stage in enumerate(journey.item.stages)
        if stage.phase == phase
    ]
    if len({s.journey.item.id for s in stages}) < 2:
        return None
    groups = _groups(stages)
    journeys_of = [{s.journey.item.id for s in g} for g in groups]
    shared = {j for js in journeys_of if len(js) > 1 for j in js}
    alone = {s.journey.item.id for s in stages}.difference(shared)
    if not alone:
        return None
    shown = [g for g, js in zip(groups, journeys_of, strict=True) if len(js) > 1 or js <= alone]
    shown.sort(key=lambda g: len({s.journey.item.id for s in g}))
    apart = [s for s in stages if s.journey.item.id in alone]
    return _Clash(phase, shown, apart)


def _groups(stages: list[_Stage]) -> list[list[_Stage]]:
    """Stages that share an id or a name (through any chain of them), in first order."""
    groups: list[list[_Stage]] = []
    by_key: dict[str, int] = {}
    for stage in stages:
        hits = sorted({by_key[k] for k in stage.keys if k in by_key})
        if not hits:
            groups.append([stage])
            target = len(groups) - 1
        else:
            target = hits[0]
            groups[target].append(stage)
            for other in hits[1:]:
                groups[target].extend(groups[other])
                groups[other] = []
                by_key.update({k: target for k, v in by_key.items() if v == other})
        by_key.update({k: target for k in stage.keys})
    return [g for g in groups if g]


def _journeys(group: list[_Stage]) -> str:
    return ", ".join(dict.fromkeys(s.journey.item.id for s in group))


def _describe(clash: _Clash) -> str:
    names = [f"{g[0].id!r} ({_journeys(g)})" for g in clash.groups]
    return f"phase {clash.phase} is called {listed(names, 'and')}"


def _renames(clash: _Clash) -> list[str]:
    """'evaluation' -> 'consideration' when one naming is shared by several journeys."""
    widest = max(clash.groups, key=lambda g: len({s.journey.item.id for s in g}))
    if len({s.journey.item.id for s in widest}) < 2:
        return []
    return [f"{g[0].id!r} to {widest[0].id!r}" for g in clash.groups if g is not widest]


RULE = ProjectRule(
    code="JK308",
    name="stage-vocabulary",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    options={"ignore-phases": []},
    phase_options=("ignore-phases",),
    check=check,
)
