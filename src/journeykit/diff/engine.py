"""Two snapshots of a workspace -> a `WorkspaceDiff`: journeys paired, each diffed, the
catalogs diffed, and the findings each side has compared."""

from __future__ import annotations

from collections.abc import Callable

from journeykit.diff.analysis import IdRenames, compare_findings, finding_changes
from journeykit.diff.catalog import diff_catalog
from journeykit.diff.changes import JourneyDiff, WorkspaceDiff
from journeykit.diff.comparison import Comparison, Pair
from journeykit.diff.journey import diff_journey
from journeykit.diff.rules import Level
from journeykit.diff.snapshot import Snapshot
from journeykit.diff.unreadable import findings_with, unreadable
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.workspace.project import Located


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
    diffs, stand_ins = unreadable(cmp, pairs, levels)
    for old, new in pairs:
        if old is not None and new is not None and _same(old, new):
            diffs.append(_unchanged(old, new))
        else:
            diffs.append(diff_journey(old, new, new_project, levels))
    if not cmp.file_moves:
        for d in diffs:
            d.changes = [c for c in d.changes if c.rule != "journey-file-renamed"]
    result.catalog = diff_catalog(cmp.old.project, new_project, levels, cmp.in_old, cmp.in_new)
    old_sources = {**cmp.old.sources, **stand_ins.old}
    new_sources = {**cmp.new.sources, **stand_ins.new}
    old_all = findings_with(cmp.old, stand_ins.old)
    new_all = findings_with(cmp.new, stand_ins.new)
    old_findings = [f for f in old_all if cmp.in_old(f.location.file)]
    new_findings = [f for f in new_all if cmp.in_new(f.location.file)]
    result.introduced, result.fixed = compare_findings(
        old_findings, old_sources, new_findings, new_sources, cmp.renamed, _id_renames(diffs)
    )
    _assign_findings(result, diffs, levels)
    result.journeys = [d for d in diffs if d.changes]
    return result


def _id_renames(diffs: list[JourneyDiff]) -> dict[str, IdRenames]:
    """Old journey id -> the ids it and its items changed to, for its findings."""
    out: dict[str, IdRenames] = {}
    for d in diffs:
        if d.old_id is None or d.new_id is None:
            continue
        journey = d.new_id if d.new_id != d.old_id else None
        items = {name: ids for name, ids in d.renames.items() if ids}
        if journey is not None or items:
            out[d.old_id] = IdRenames(journey, items)
    return out


def _journeys(snapshot: Snapshot, in_scope: Callable[[str], bool]) -> dict[str, Located[Journey]]:
    """Journeys by file, for files in scope that loaded."""
    return {j.source.rel: j for j in snapshot.project.journeys.values() if in_scope(j.source.rel)}


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
