"""Fix first: the lint findings and the gaps, one row per problem, ranked by risk.

The findings come from the lint rules as the workspace configures them (the run gives
them: `analysis` never runs the rules itself). Each finding becomes a row; a gap the report
computed that says the same thing (`risk.GAP_RULES`) is folded into its finding's row,
never listed twice. The rows of one rule in one journey merge into one item with a count,
and the items are ranked by `risk.RISK`'s tier, then severity, importance and count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journeykit.analysis.coverage import applies_to
from journeykit.analysis.gap_types import FixItem, Gap
from journeykit.analysis.risk import GAP_RULES, RISK, RiskRule
from journeykit.findings import Finding, Location
from journeykit.model import Importance, Journey
from journeykit.workspace.project import Located, Project

SHOWN_SUBJECTS = 3
"""How many subjects a merged row names before "(+N more)"."""

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_NOUNS = {"pain_points": "pain points", "opportunities": "opportunities", "kpis": "KPIs"}


@dataclass(frozen=True, slots=True)
class _Place:
    journey: str | None
    subject: str
    noun: str
    """What the subject is, in the plural: touchpoints, stages, KPIs..."""
    importance: Importance


@dataclass(frozen=True, slots=True)
class _Row:
    finding: Finding
    risk: RiskRule
    place: _Place
    gap: Gap | None

    @property
    def importance(self) -> Importance:
        return self.gap.importance if self.gap is not None else self.place.importance

    @property
    def subject(self) -> str:
        gap = self.gap
        if gap is not None and gap.persona:
            return f"{gap.persona} in {self.place.subject}"
        return self.place.subject


def fix_first(
    project: Project,
    chosen: Sequence[Located[Journey]],
    gaps: Iterable[Gap],
    findings: Iterable[Finding],
    persona: str | None = None,
) -> list[FixItem]:
    """Every finding of a lint rule about `chosen` (or the catalogs), ranked and merged.

    Findings of other codes (reading, schema, references) are `validate`'s, not listed.
    With `persona`, only what concerns the persona: findings at their touchpoints (or
    stages, or the journey) that name no other persona without naming them, and catalog
    findings about them.
    """
    places = _Places(project, chosen, persona)
    pending: dict[tuple[str, str], list[Gap]] = {}
    for gap in gaps:
        code = GAP_RULES.get(gap.kind)
        if code is not None:
            pending.setdefault((code, gap.location.file), []).append(gap)
    rows = []
    for finding in findings:
        risk = RISK.get(finding.code)
        place = places.place(finding.location) if risk is not None else None
        if risk is None or place is None or places.about_others(finding.message):
            continue
        same = _claim(pending.get((finding.code, finding.location.file), []), finding)
        rows.append(_Row(finding, risk, place, same))
    return ranked(_merged(rows))


def ranked(items: Iterable[FixItem]) -> list[FixItem]:
    """Tier, then severity (error first), importance, count; then where, for a stable order."""
    return sorted(
        items,
        key=lambda i: (
            i.tier,
            -i.severity,
            -i.importance.weight,
            -i.count,
            i.location.file,
            i.location.line,
            i.code,
        ),
    )


def _claim(candidates: list[Gap], finding: Finding) -> Gap | None:
    """The first gap at the finding's node (or a node inside it, or around it), preferring
    one whose persona or touchpoint the message names; taken off the list."""
    here = [g for g in candidates if _nested(g.location.yaml_path, finding.location.yaml_path)]
    if not here:
        return None
    named = [g for g in here if _named(g, finding.message)]
    gap = (named or here)[0]
    candidates.remove(gap)
    return gap


def _named(gap: Gap, message: str) -> bool:
    return any(_names(message, who) for who in (gap.persona, gap.touchpoint) if who)


def _names(message: str, word: str) -> bool:
    """The message has `word` as a whole id (ids have hyphens: `busy-parent`)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", message) is not None


def _nested(a: str, b: str) -> bool:
    """One YAML path is the other or inside it, part by part."""
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith((short + ".", short + "["))


def _merged(rows: list[_Row]) -> list[FixItem]:
    groups: dict[tuple[str | None, str], list[_Row]] = {}
    for row in rows:
        groups.setdefault((row.place.journey, row.finding.code), []).append(row)
    return [_item(group) for group in groups.values()]


def _item(rows: list[_Row]) -> FixItem:
    rows = sorted(rows, key=lambda r: (-r.importance.weight, r.finding.sort_key()))
    first = rows[0]
    f = first.finding
    subjects = tuple(r.subject for r in rows)
    hints = {r.finding.hint for r in rows}
    personas = {r.gap.persona if r.gap else None for r in rows}
    return FixItem(
        tier=first.risk.tier,
        severity=max(r.finding.severity for r in rows),
        code=f.code,
        rule=f.name,
        kind=first.gap.kind if first.gap is not None else f.name,
        journey=first.place.journey,
        importance=max((r.importance for r in rows), key=lambda i: i.weight),
        message=f.message if len(rows) == 1 else _summary(rows, subjects),
        location=f.location,
        subjects=subjects,
        locations=tuple(r.finding.location for r in rows),
        hint=f.hint if len(hints) == 1 else None,
        persona=personas.pop() if len(personas) == 1 else None,
    )


def _summary(rows: list[_Row], subjects: tuple[str, ...]) -> str:
    """ "6 touchpoints rest on assumptions: a, b, c (+3 more)"."""
    nouns = {r.place.noun for r in rows}
    noun = nouns.pop() if len(nouns) == 1 else "places"
    named = list(dict.fromkeys(subjects))
    shown = ", ".join(named[:SHOWN_SUBJECTS])
    more = len(named) - SHOWN_SUBJECTS
    if more > 0:
        shown += f" (+{more} more)"
    return f"{len(rows)} {noun} {rows[0].risk.says}: {shown}"


class _Places:
    """What a finding's location is about: its journey, subject and importance."""

    def __init__(
        self, project: Project, chosen: Sequence[Located[Journey]], persona: str | None
    ) -> None:
        self.persona = persona
        self.others = [p for p in project.personas if p != persona] if persona else []
        self.chosen = {j.source.rel: j for j in chosen}
        self.journey_files = {j.source.rel for j in project.journeys.values()}
        self.catalog: dict[tuple[str, str], str] = {}
        for items in (project.personas, project.channels):
            for key, located in items.items():
                self.catalog[located.source.rel, _path_text(located.path)] = key

    def about_others(self, message: str) -> bool:
        """With a persona: the message names other personas, not this one."""
        if self.persona is None or _names(message, self.persona):
            return False
        return any(_names(message, other) for other in self.others)

    def place(self, where: Location) -> _Place | None:
        """None when the finding is about something the report leaves out."""
        journey = self.chosen.get(where.file)
        if journey is not None:
            return self._in_journey(journey, where.yaml_path)
        if where.file in self.journey_files:
            return None  # a journey not chosen
        for (file, prefix), key in self.catalog.items():
            if file == where.file and _nested(prefix, where.yaml_path):
                if self.persona is not None and key != self.persona:
                    return None
                return _Place(None, key, prefix.partition("[")[0] or "items", Importance.medium)
        if self.persona is not None:
            return None
        return _Place(None, f"{where.file}:{where.line}", "places", Importance.medium)

    def _in_journey(self, journey: Located[Journey], yaml_path: str) -> _Place | None:
        model = journey.item
        prefix = _path_text(journey.path)
        rest = yaml_path[len(prefix) :].lstrip(".") if yaml_path.startswith(prefix) else ""
        parts = _parts(rest)
        head, index = parts[0] if parts else ("", None)
        sub = parts[1] if len(parts) > 1 else ("", None)
        mine = [t for t in model.touchpoints if self.persona is None or applies_to(t, self.persona)]
        if head == "touchpoints" and index is not None and index < len(model.touchpoints):
            tp = model.touchpoints[index]
            if self.persona is not None and not applies_to(tp, self.persona):
                return None
            subject = _sub_id(getattr(tp, sub[0], None), sub[1]) if sub[0] in _NOUNS else None
            if subject is not None:
                return _Place(model.id, subject, _NOUNS[sub[0]], tp.importance)
            return _Place(model.id, tp.id, "touchpoints", tp.importance)
        if head == "stages" and index is not None and index < len(model.stages):
            stage = model.stages[index]
            at = _highest(t.importance for t in mine if t.stage == stage.id)
            kpi = _sub_id(stage.kpis, sub[1]) if sub[0] == "kpis" else None
            if kpi is not None:
                return _Place(model.id, kpi, "KPIs", at)
            return _Place(model.id, stage.id, "stages", at)
        return _Place(model.id, model.id, "journeys", _highest(t.importance for t in mine))


def _sub_id(items: object, index: int | None) -> str | None:
    if not isinstance(items, list) or index is None or index >= len(items):
        return None
    found = getattr(items[index], "id", None)
    return found if isinstance(found, str) else None


def _highest(importances: Iterable[Importance]) -> Importance:
    return max(importances, key=lambda i: i.weight, default=Importance.medium)


def _parts(path: str) -> list[tuple[str, int | None]]:
    """`stages[5].kpis[1]` -> [("stages", 5), ("kpis", 1)]."""
    parts: list[tuple[str, int | None]] = []
    for key, index in _PATH_PART.findall(path):
        if key:
            parts.append((key, None))
        elif parts and parts[-1][1] is None:
            parts[-1] = (parts[-1][0], int(index))
        else:
            parts.append(("", int(index)))
    return parts


def _path_text(path: Sequence[object]) -> str:
    """A located item's path as a finding's `yaml_path` writes it: `personas[2]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out
