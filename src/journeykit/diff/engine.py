"""Two snapshots of a workspace -> a `WorkspaceDiff`: journeys paired, each diffed, the
catalogs diffed, and the findings each side has compared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journeykit.diff.analysis import compare_findings, finding_changes
from journeykit.diff.catalog import diff_catalog
from journeykit.diff.changes import Action, Collector, Element, JourneyDiff, WorkspaceDiff
from journeykit.diff.journey import diff_journey
from journeykit.diff.rules import Level
from journeykit.diff.snapshot import Snapshot
from journeykit.findings import Finding
from journeykit.model import FileKind, Journey
from journeykit.workspace.project import Located


@dataclass(slots=True)
class Comparison:
    """What to compare: two snapshots, which of their files to report on, which are one."""

    old: Snapshot
    new: Snapshot
    root_label: str
    old_scope: set[str] | None = None
    """Files of the old side to report on; None for all."""
    new_scope: set[str] | None = None
    renames: dict[str, str] = field(default_factory=dict)
    """Old path -> new path of files that are the same file (renamed, or paired by hand)."""
    file_moves: bool = True
    """Report a journey in another file; not when the user named the two files."""

    def in_old(self, rel: str) -> bool:
        return self.old_scope is None or rel in self.old_scope

    def in_new(self, rel: str) -> bool:
        return self.new_scope is None or rel in self.new_scope

    def renamed(self, rel: str) -> str:
        return self.renames.get(rel, rel)


def diff_workspace(cmp: Comparison) -> WorkspaceDiff:
    """Compare with the levels of the new side's `[diff]` configuration."""
    config = cmp.new.project.config.diff
    levels = config.level_of
    result = WorkspaceDiff(cmp.root_label, fail_on=config.fail_level())
    result.new_project, result.old_project = cmp.new.project, cmp.old.project
    old_js = _journeys(cmp.old, cmp.in_old)
    new_js = _journeys(cmp.new, cmp.in_new)
    pairs = _pair(cmp, old_js, new_js)
    new_project = cmp.new.project
    diffs = _unreadable(cmp, pairs, levels)
    for old, new in pairs:
        if old is not None and new is not None and _same(old, new):
            diffs.append(_unchanged(old, new))
        else:
            diffs.append(diff_journey(old, new, new_project, levels))
    if not cmp.file_moves:
        for d in diffs:
            d.changes = [c for c in d.changes if c.rule != "journey-file-renamed"]
    result.catalog = diff_catalog(cmp.old.project, new_project, levels, cmp.in_old, cmp.in_new)
    old_findings = [f for f in cmp.old.findings if cmp.in_old(f.location.file)]
    new_findings = [f for f in cmp.new.findings if cmp.in_new(f.location.file)]
    result.introduced, result.fixed = compare_findings(
        old_findings, cmp.old.sources, new_findings, cmp.new.sources, cmp.renamed
    )
    _assign_findings(result, diffs, levels)
    result.journeys = [d for d in diffs if d.changes]
    return result


def _journeys(snapshot: Snapshot, in_scope: Callable[[str], bool]) -> dict[str, Located[Journey]]:
    """Journeys by file, for files in scope that loaded."""
    return {j.source.rel: j for j in snapshot.project.journeys.values() if in_scope(j.source.rel)}


Pair = tuple[Located[Journey] | None, Located[Journey] | None]


def _pair(
    cmp: Comparison, old: dict[str, Located[Journey]], new: dict[str, Located[Journey]]
) -> list[Pair]:
    """By journey id first; then files that are the same file (same path, or renamed)."""
    left_old = dict(old)
    left_new = dict(new)
    new_by_id = {j.item.id: rel for rel, j in new.items()}
    pairs: list[Pair] = []
    for rel, journey in old.items():
        other = new_by_id.get(journey.item.id)
        if other is not None and other in left_new:
            pairs.append((journey, left_new.pop(other)))
            del left_old[rel]
    for rel in list(left_old):
        other = cmp.renamed(rel)
        if other in left_new:
            pairs.append((left_old.pop(rel), left_new.pop(other)))
    pairs.extend((journey, None) for journey in left_old.values())
    pairs.extend((None, journey) for journey in left_new.values())
    return pairs


def _same(old: Located[Journey], new: Located[Journey]) -> bool:
    return old.source.rel == new.source.rel and old.item == new.item


def _unchanged(old: Located[Journey], new: Located[Journey]) -> JourneyDiff:
    item = new.item
    return JourneyDiff(
        item.id,
        item.title,
        old.source.rel,
        new.source.rel,
        old.item.id,
        item.id,
        old_journey=old,
        new_journey=new,
    )


def _unreadable(
    cmp: Comparison,
    pairs: list[Pair],
    levels: Callable[[str], Level | None],
) -> list[JourneyDiff]:
    """A journey file that loads on one side and not on the other is not added or removed.

    The pairs that say so are replaced by one change naming the file.
    """
    bad_old = _broken(cmp.old, cmp.in_old)
    bad_new = _broken(cmp.new, cmp.in_new)
    back = {v: k for k, v in cmp.renames.items()}
    out: list[JourneyDiff] = []
    for n, (before, after) in enumerate(pairs):
        if before is not None and after is None and cmp.renamed(before.source.rel) in bad_new:
            rel = cmp.renamed(before.source.rel)
            rule, words, side = "journey-unreadable", "no longer loads", cmp.new.label
            journey, old_file, new_file = before, before.source.rel, rel
        elif (
            after is not None
            and before is None
            and back.get(after.source.rel, after.source.rel) in bad_old
        ):
            rel = after.source.rel
            rule, words, side = "journey-repaired", "loads again", cmp.old.label
            journey, old_file, new_file = after, back.get(rel, rel), rel
        else:
            continue
        c = Collector(levels)
        detail = (
            "see the findings below" if rule == "journey-unreadable" else f"it did not at {side}"
        )
        c.add(
            rule,
            Element.journey,
            Action.changed,
            "",
            f"journey file {rel} {words} ({detail})",
            old=old_file,
            new=new_file,
        )
        item = journey.item
        out.append(
            JourneyDiff(item.id, item.title, old_file, new_file, item.id, item.id, c.changes)
        )
        pairs[n] = (None, None)
    pairs[:] = [p for p in pairs if p != (None, None)]
    return out


def _broken(snapshot: Snapshot, in_scope: Callable[[str], bool]) -> set[str]:
    return {
        s.rel
        for s in snapshot.project.sources
        if s.model is None and s.kind is FileKind.journey and in_scope(s.rel)
    }


def _assign_findings(
    result: WorkspaceDiff, diffs: list[JourneyDiff], levels: Callable[[str], Level | None]
) -> None:
    """Put each finding change under the journey of its file; the rest under `analysis`."""
    by_new = {d.new_file: d for d in diffs if d.new_file}
    by_old = {d.old_file: d for d in diffs if d.old_file}
    rest_in: list[Finding] = []
    rest_fixed: list[Finding] = []
    groups: dict[int, tuple[JourneyDiff, list[Finding], list[Finding]]] = {}
    for f in result.introduced:
        target = by_new.get(f.location.file)
        if target is None:
            rest_in.append(f)
        else:
            groups.setdefault(id(target), (target, [], []))[1].append(f)
    for f in result.fixed:
        target = by_old.get(f.location.file)
        if target is None:
            rest_fixed.append(f)
        else:
            groups.setdefault(id(target), (target, [], []))[2].append(f)
    for target, introduced, fixed in groups.values():
        target.changes.extend(finding_changes(introduced, fixed, levels))
    result.analysis = finding_changes(rest_in, rest_fixed, levels)
