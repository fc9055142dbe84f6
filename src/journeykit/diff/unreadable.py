"""A journey file that loads on one side and not on the other.

It is not a journey removed or added: the pair is one change naming the file and why it
does not load. What the unreadable side's lint says is unknown, not changed, so its
findings are compared as if the file were as it is on the side that loads: the
journey's findings are neither fixed nor new, and neither are the findings elsewhere
that only its absence causes (a channel only it uses looking unused).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from journeykit.diff.changes import Action, Collector, JourneyDiff
from journeykit.diff.changes import Element as E
from journeykit.diff.comparison import Comparison, Pair
from journeykit.diff.rules import Level
from journeykit.diff.snapshot import Snapshot, analyse
from journeykit.findings import Finding, Location
from journeykit.loader.source import SourceFile
from journeykit.model import FileKind, Journey
from journeykit.workspace.project import Located


@dataclass(slots=True)
class StandIns:
    """Readable versions of the files one side cannot read, by that side's path."""

    old: dict[str, SourceFile] = field(default_factory=dict)
    new: dict[str, SourceFile] = field(default_factory=dict)


def unreadable(
    cmp: Comparison, pairs: list[Pair], levels: Callable[[str], Level | None]
) -> tuple[list[JourneyDiff], StandIns]:
    """The pairs a file that does not load splits, replaced by one change each."""
    bad_old = _broken(cmp.old, cmp.in_old)
    bad_new = _broken(cmp.new, cmp.in_new)
    back = {v: k for k, v in cmp.renames.items()}
    out: list[JourneyDiff] = []
    stand_ins = StandIns()
    for n, (before, after) in enumerate(pairs):
        if before is not None and after is None and cmp.renamed(before.source.rel) in bad_new:
            old_file = before.source.rel
            new_file = cmp.renamed(old_file)
            stand_ins.new[new_file] = dataclasses.replace(before.source, rel=new_file)
            out.append(_journey_unreadable(before, old_file, new_file, cmp.new, levels))
        elif after is not None and before is None:
            new_file = after.source.rel
            old_file = back.get(new_file, new_file)
            if old_file not in bad_old:
                continue
            stand_ins.old[old_file] = dataclasses.replace(after.source, rel=old_file)
            out.append(_journey_repaired(after, old_file, new_file, cmp.old, levels))
        else:
            continue
        pairs[n] = (None, None)
    pairs[:] = [p for p in pairs if p != (None, None)]
    return out, stand_ins


def _journey_unreadable(
    journey: Located[Journey],
    old_file: str,
    new_file: str,
    new: Snapshot,
    levels: Callable[[str], Level | None],
) -> JourneyDiff:
    why, where = _first_error(new, new_file)
    c = Collector(levels)
    c.add(
        "journey-unreadable",
        E.journey,
        Action.changed,
        "",
        f"journey file {new_file} no longer loads: {why}",
        old=old_file,
        new=new_file,
        location=where,
    )
    item = journey.item
    return JourneyDiff(item.id, item.title, old_file, new_file, item.id, item.id, c.changes)


def _journey_repaired(
    journey: Located[Journey],
    old_file: str,
    new_file: str,
    old: Snapshot,
    levels: Callable[[str], Level | None],
) -> JourneyDiff:
    why, _ = _first_error(old, old_file)
    c = Collector(levels)
    c.add(
        "journey-repaired",
        E.journey,
        Action.changed,
        "",
        f"journey file {new_file} loads again (at {old.label}: {why})",
        old=old_file,
        new=new_file,
    )
    item = journey.item
    return JourneyDiff(item.id, item.title, old_file, new_file, item.id, item.id, c.changes)


def _first_error(snapshot: Snapshot, rel: str) -> tuple[str, Location | None]:
    """Why `rel` does not load: its first error, how many more findings it has, where."""
    errors = [f for f in snapshot.findings if f.location.file == rel]
    errors.sort(key=lambda f: (-f.severity.value, f.location.line, f.location.column))
    first = errors[0] if errors else None
    if first is None:
        return f"`journeykit validate {rel}` says why", None
    why = f"{first.code} ({first.name}): {first.message}"
    if len(errors) > 1:
        why += f"; {len(errors) - 1} more: `journeykit validate {rel}`"
    return why, first.location


def _broken(snapshot: Snapshot, in_scope: Callable[[str], bool]) -> set[str]:
    return {
        s.rel
        for s in snapshot.project.sources
        if s.model is None and s.kind is FileKind.journey and in_scope(s.rel)
    }


def findings_with(snapshot: Snapshot, stand_ins: dict[str, SourceFile]) -> list[Finding]:
    """The snapshot's findings had the files of `stand_ins` loaded: lint run again."""
    if not stand_ins:
        return snapshot.findings
    project = snapshot.project
    sources = [stand_ins.get(s.rel, s) for s in project.sources]
    return analyse(snapshot.label, project.root, project.config, sources).findings
