"""Who is reached where: the persona x stage x channel coverage matrix of a journey."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.model import Journey, Persona, Preference, Touchpoint, TouchpointKind
from journeykit.workspace.project import Located, Project


@dataclass(frozen=True)
class CoverageMatrix:
    """Touchpoints by persona, stage and channel; a missing cell means no touchpoint."""

    journey: str
    """Id of the journey."""
    personas: list[str]
    """The journey's personas in its order (only the one asked for, when filtered)."""
    stages: list[str]
    """Stage ids in journey order."""
    channels: list[str]
    """Channels the journey uses, in catalog order; unknown ids last."""
    cells: dict[tuple[str, str, str], list[str]]
    """(persona, stage, channel) -> ids of the touchpoints there, in journey order."""

    def count(self, persona: str, stage: str, channel: str) -> int:
        return len(self.cells.get((persona, stage, channel), ()))

    def stage_total(self, persona: str, stage: str) -> int:
        return sum(self.count(persona, stage, c) for c in self.channels)

    def touchpoints(self, stage: str, channel: str) -> list[str]:
        """Ids of the touchpoints in a stage on a channel, for any of the personas."""
        found = (t for p in self.personas for t in self.cells.get((p, stage, channel), ()))
        return list(dict.fromkeys(found))


def applies_to(touchpoint: Touchpoint, persona: str) -> bool:
    """A touchpoint without `personas` applies to every persona of its journey."""
    return not touchpoint.personas or persona in touchpoint.personas


def targeted_personas(journey: Journey, touchpoint: Touchpoint) -> list[str]:
    return list(touchpoint.personas) if touchpoint.personas else list(journey.personas)


def reachable_channels(persona: Persona) -> set[str]:
    """Channels the persona prefers or accepts."""
    return {
        p.channel
        for p in persona.channels
        if p.preference in (Preference.preferred, Preference.accepted)
    }


def preferred_channels(persona: Persona) -> set[str]:
    return {p.channel for p in persona.channels if p.preference is Preference.preferred}


def opted_out_channels(persona: Persona) -> set[str]:
    return {p.channel for p in persona.channels if p.preference is Preference.opted_out}


def coverage_matrix(
    project: Project, journey: Located[Journey], persona: str | None = None
) -> CoverageMatrix:
    """The coverage of `journey`; with `persona`, only that persona (none if not its persona)."""
    model = journey.item
    if persona is None:
        personas = list(model.personas)
    else:
        personas = [persona] if persona in model.personas else []
    used = {t.channel for t in model.touchpoints}
    catalog = [c for c in project.channels if c in used]
    channels = catalog + sorted(used.difference(catalog))
    stages = [s.id for s in model.stages]
    cells: dict[tuple[str, str, str], list[str]] = {}
    for tp in model.touchpoints:
        for p in personas:
            if applies_to(tp, p):
                cells.setdefault((p, tp.stage, tp.channel), []).append(tp.id)
    return CoverageMatrix(model.id, personas, stages, channels, cells)


@dataclass(frozen=True, slots=True)
class StageGap:
    """A persona badly reached in a stage that has touchpoints of the brand (not only
    context moments)."""

    persona: str
    stage: str
    stage_index: int
    kind: str
    """'unreached': no touchpoint of the brand applies to the persona there;
    'wrong-channel': only on channels they neither prefer nor accept; 'no-preferred':
    only on channels they accept."""
    channels: tuple[str, ...]
    """The channels the brand reaches the persona on in the stage (context moments left
    out)."""


def persona_stage_gaps(
    project: Project,
    journey: Located[Journey],
    persona: str | None = None,
    include_buying_group: bool = False,
) -> list[StageGap]:
    """Every (persona, stage) where the persona is not reached on a channel they want.

    Context moments (`context: true`: the tram, TV, a competitor's shop) are not the
    brand meeting the persona, so they neither create a gap nor fill one: a stage of
    only context moments has no gaps, and a persona met there only by context moments
    is unreached by the brand. Channel preferences judge what the company sends: in a
    stage where the persona only acts (searches, browses, walks into a branch) the
    channels show where the customer is, not a choice to judge, and their actions on a
    channel the persona wants count as meeting them there. Personas without channel
    preferences are not judged.
    Buying-group members (personas with a `role`) join a B2B journey at different
    stages, so a stage that does not reach them at all is not a gap unless
    `include_buying_group`.
    """
    model = journey.item
    gaps: list[StageGap] = []
    for si, stage in enumerate(model.stages):
        here = [t for t in model.touchpoints if t.stage == stage.id and not t.context]
        if not here:
            continue
        for pid in model.personas if persona is None else [persona]:
            located = project.personas.get(pid)
            if located is None or pid not in model.personas or not located.item.channels:
                continue
            theirs = [t for t in here if applies_to(t, pid)]
            used = tuple(dict.fromkeys(t.channel for t in theirs))
            sent = any(t.kind is TouchpointKind.message for t in theirs)
            wanted = reachable_channels(located.item)
            preferred = preferred_channels(located.item)
            if not used:
                if located.item.role and not include_buying_group:
                    continue
                kind = "unreached"
            elif not sent:
                continue  # the customer's own actions show where they are, not a choice
            elif not wanted.intersection(used):
                kind = "wrong-channel"
            elif preferred and not preferred.intersection(used):
                kind = "no-preferred"
            else:
                continue
            gaps.append(StageGap(pid, stage.id, si, kind, used))
    return gaps
