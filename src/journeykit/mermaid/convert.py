"""Mermaid journey diagrams -> journeykit files, merged into an existing workspace.

Sections become stages, tasks touchpoints (in order, each leading to the next), scores
emotions (score - 3, so 1-5 becomes -2..+2) and actors personas. Actors that match a
persona of the workspace (by id or name) reuse it; the others become new personas in
`<source>.personas.yaml`. Mermaid has no channels: touchpoints get the channel
`unspecified`, defined in `imported.channels.yaml` unless the workspace has it.
A task whose name ends in the outcome `render --format mermaid` writes (`Leaves (✖
churned)`) gets its name back and that `end`, when the workspace knows the word.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from journeykit.findings import Finding
from journeykit.loader import scalars
from journeykit.mermaid.parse import Diagram, parse_file
from journeykit.model.outcomes import BUILTIN_OUTCOMES
from journeykit.model.phases import BUILTIN_PHASES

UNSPECIFIED_CHANNEL = "unspecified"
CHANNELS_FILE = "imported.channels.yaml"


class MermaidImportError(Exception):
    """The import cannot go ahead (an id clash, a file in the way): the CLI exits 2."""


@dataclass(frozen=True, slots=True)
class Existing:
    """What the target workspace already defines."""

    personas: dict[str, str] = field(default_factory=dict)
    """id -> name."""
    channels: frozenset[str] = frozenset()
    journeys: dict[str, str] = field(default_factory=dict)
    """id -> file (relative to the output folder, or absolute)."""
    phases: tuple[str, ...] = BUILTIN_PHASES
    """The workspace's `[journeys] phases`: a section named like one gets it as `phase`."""
    outcomes: tuple[str, ...] = BUILTIN_OUTCOMES
    """The outcome words `end` takes there: a task exported as 'Leaves (✖ churned)'
    comes back as 'Leaves' with `end: churned`."""


@dataclass(slots=True)
class ImportResult:
    files: dict[str, str] = field(default_factory=dict)
    """File name (inside the output folder) -> YAML text."""
    journeys: list[str] = field(default_factory=list)
    new_personas: dict[str, str] = field(default_factory=dict)
    """id -> name of the personas made from actors."""
    findings: list[Finding] = field(default_factory=list)


def slug(text: str) -> str:
    """An id from a name: ASCII letters and digits joined by '-'; '' when none are left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80].strip("-")


class _Ids:
    """Unique ids: `base`, then `base-2`, `base-3`, ...; each base remembers where its
    count is, so 20,000 tasks with one name cost 20,000 steps and not 200 million."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken = set(taken or ())
        self._next: dict[str, int] = {}

    def take(self, base: str) -> str:
        candidate = base
        if candidate in self.taken:
            n = self._next.get(base, 2)
            while f"{base}-{n}" in self.taken:
                n += 1
            self._next[base] = n + 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


_BASE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE_DUMPER):  # type: ignore[misc]
    """libyaml's emitter (the pure-Python one takes seconds for 20,000 tasks), quoting
    every text that either YAML 1.1 or journeykit's YAML 1.2 would read as something
    else: `1e3` is text to 1.1 but a number to 1.2, `yes` the other way round."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if kind is ScalarNode and implicit[0] and tag == scalars.STR:
            return scalars.resolve(value)
        return tag


_DUMPER = _Dumper


def _dump(header: str, data: dict[str, Any]) -> str:
    body = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def convert_file(
    text: str, source_name: str, rel: str, existing: Existing, markdown: bool
) -> ImportResult:
    """Plan the files for every journey diagram in `text`; nothing is written here."""
    diagrams, findings = parse_file(text, rel, markdown)
    result = ImportResult(findings=list(findings))
    persona_ids = dict(existing.personas)
    by_name = {name.casefold(): pid for pid, name in existing.personas.items()}
    new_personas: list[dict[str, Any]] = []
    taken_journeys = _Ids(set(existing.journeys))
    taken_personas = _Ids(set(existing.personas))
    stem = slug(Path(source_name).name.split(".")[0]) or "imported"

    def persona_for(actor: str) -> str:
        if actor in persona_ids:
            return actor
        if actor.casefold() in by_name:
            return by_name[actor.casefold()]
        pid = slug(actor)
        if pid in persona_ids and persona_ids[pid].casefold() == actor.casefold():
            return pid
        pid = taken_personas.take(pid or "persona")
        persona_ids[pid] = actor
        by_name[actor.casefold()] = pid
        new_personas.append(_persona(pid, actor, rel))
        result.new_personas[pid] = actor
        return pid

    for n, diagram in enumerate(diagrams):
        if not diagram.tasks:
            continue
        base = slug(diagram.title or "") or (stem if n == 0 else f"{stem}-{n + 1}")
        if base in existing.journeys:
            raise MermaidImportError(
                f"a journey with the id {base!r} already exists ({existing.journeys[base]}); "
                "rename the diagram's title or remove the old journey first"
            )
        journey_id = taken_journeys.take(base)
        data = _journey(diagram, journey_id, rel, persona_for, existing)
        header = f"# Imported from Mermaid: {source_name}, line {diagram.line}.\n"
        result.files[f"{journey_id}.journey.yaml"] = _dump(header, data)
        result.journeys.append(journey_id)
    if new_personas:
        header = f"# Personas from the actors of {source_name}; fill in the details.\n"
        result.files[f"{stem}.personas.yaml"] = _dump(
            header, {"version": 1, "personas": new_personas}
        )
    if result.journeys and UNSPECIFIED_CHANNEL not in existing.channels:
        header = "# Mermaid journeys name no channels; touchpoints start on this one.\n"
        result.files[CHANNELS_FILE] = _dump(header, {"version": 1, "channels": [_channel()]})
    return result


_OUTCOME = re.compile(r"^(?P<name>.*\S) \((?:✔|✖|➜|◼) (?P<word>[^()]+)\)$")
"""The outcome `render --format mermaid` writes after a task's name."""


def _outcome(name: str, known: tuple[str, ...]) -> tuple[str, str | None]:
    """The task's name and outcome word, when it ends in one the workspace knows."""
    match = _OUTCOME.match(name)
    if match is None or match["word"] not in known:
        return name, None
    return match["name"], match["word"]


def _persona(pid: str, name: str, rel: str) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "description": f"Imported from the Mermaid actor {_quoted(name)} in {rel}. Buyer kind and "
        "market are placeholders: check them.",
        "buyer": "customer",
        "market": "b2c",
    }


def _quoted(name: str) -> str:
    """The name for a description, which must stay within the format's length."""
    return repr(name) if len(name) <= 60 else f"{name[:60]!r}…"


def _channel() -> dict[str, Any]:
    return {
        "id": UNSPECIFIED_CHANNEL,
        "name": "Unspecified channel",
        "kind": "other",
        "presence": "online",
        "outbound": False,
        "description": "Placeholder for touchpoints imported from Mermaid; replace it with "
        "the real channel of each touchpoint.",
    }


def _journey(
    diagram: Diagram,
    journey_id: str,
    rel: str,
    persona_for: Callable[[str], str],
    existing: Existing,
) -> dict[str, Any]:
    stage_ids = _Ids()
    tp_ids = _Ids()
    stages: list[dict[str, Any]] = []
    touchpoints: list[dict[str, Any]] = []
    personas: dict[str, None] = {}
    for i, section in enumerate(diagram.sections):
        if not section.tasks:
            continue
        sid = stage_ids.take(slug(section.name) or f"stage-{i + 1}")
        stage: dict[str, Any] = {"id": sid, "name": section.name or f"Stage {i + 1}"}
        if sid in existing.phases:
            stage["phase"] = sid
        stages.append(stage)
        for task in section.tasks:
            name, outcome = _outcome(task.name, existing.outcomes)
            tid = tp_ids.take(slug(name) or f"task-{len(touchpoints) + 1}")
            tp: dict[str, Any] = {
                "id": tid,
                "name": name or f"Task {len(touchpoints) + 1}",
                "stage": sid,
                "channel": UNSPECIFIED_CHANNEL,
                "kind": "action",
            }
            if outcome is not None:
                tp["end"] = outcome
            if task.score is not None:
                tp["emotion"] = {"score": task.score - 3}
            actors = [persona_for(a) for a in task.actors]
            actors = list(dict.fromkeys(actors))
            if actors:
                tp["personas"] = actors
            personas.update(dict.fromkeys(actors))
            touchpoints.append(tp)
    for current, following in itertools.pairwise(touchpoints):
        current["next"] = [following["id"]]
    touchpoints[-1].setdefault("end", True)
    if not personas:
        personas = {persona_for("Unspecified persona"): None}
    title = diagram.title or journey_id.replace("-", " ").capitalize()
    return {
        "version": 1,
        "id": journey_id,
        "title": title,
        "description": f"Imported from the Mermaid journey diagram in {rel}, line "
        f"{diagram.line}. Channels are unspecified; emotions come from the task scores.",
        "personas": list(personas),
        "stages": stages,
        "touchpoints": touchpoints,
    }
