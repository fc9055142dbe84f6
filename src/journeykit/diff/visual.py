"""The visual diff: one journey holding both versions, and the marks that colour it.

The renderers draw a journey with `marks` (element id -> added/removed/changed). What
was removed is no longer in the new journey, so it is put back where it was (stages and
touchpoints after their old neighbour, steps on their old touchpoint, KPIs in their old
stage or touchpoint) and marked removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from journeykit.diff.changes import DiffReport, JourneyDiff, diff_marks
from journeykit.diff.journey import diff_journey
from journeykit.diff.match import content_key, match_items
from journeykit.diff.snapshot import revision_snapshot, revision_workspace
from journeykit.diff.touchpoints import keyed_steps
from journeykit.fileio.gitio import Repo
from journeykit.model import Journey, Kpi, Stage, Touchpoint, Transition
from journeykit.workspace.project import Located, Project

T = TypeVar("T")


def merged_journey(old: Journey, new: Journey) -> Journey:
    """`new` with the stages, touchpoints and steps that `old` had and `new` lacks."""
    stages = match_items(old.stages, new.stages, _id, content_key)
    points = match_items(old.touchpoints, new.touchpoints, _id, content_key)
    renamed_tp = points.renamed
    touchpoints = list(new.touchpoints)
    for i, j in points.pairs:
        touchpoints[j] = _with_old_kpis(
            old.touchpoints[i],
            _with_old_steps(old.touchpoints[i], new.touchpoints[j], old, new, renamed_tp),
        )
    kept_stages = list(new.stages)
    for i, j in stages.pairs:
        kept_stages[j] = _with_old_kpis(old.stages[i], new.stages[j])
    ghosts = {i: _ghost(old.touchpoints[i], stages.renamed, renamed_tp) for i in points.removed}
    old_points = [ghosts.get(i, tp) for i, tp in enumerate(old.touchpoints)]
    return new.model_copy(
        update={
            "stages": _interleave(old.stages, kept_stages, stages.pairs, stages.removed),
            "touchpoints": _interleave(old_points, touchpoints, points.pairs, points.removed),
        }
    )


def _id(item: Stage | Touchpoint) -> str:
    return item.id


def _with_old_steps(
    was: Touchpoint, now: Touchpoint, old: Journey, new: Journey, renames: dict[str, str]
) -> Touchpoint:
    before = keyed_steps(was, old.id, renames)
    after = keyed_steps(now, new.id, {})
    lost = [
        step.model_copy(update={"to": key.rpartition(":")[2]})
        for key, step in before.items()
        if key not in after
    ]
    if not lost:
        return now
    return now.model_copy(update={"next": [*now.next, *lost]})


S = TypeVar("S", Stage, Touchpoint)


def _with_old_kpis(was: S, now: S) -> S:
    """`now` with the KPIs `was` had and `now` lacks (renamed ones it has), where they were."""
    kpis = match_items(was.kpis, now.kpis, _kpi_id, content_key)
    if not kpis.removed:
        return now
    return now.model_copy(
        update={"kpis": _interleave(was.kpis, list(now.kpis), kpis.pairs, kpis.removed)}
    )


def _kpi_id(kpi: Kpi) -> str:
    return kpi.id


def _ghost(tp: Touchpoint, stage_renames: dict[str, str], renames: dict[str, str]) -> Touchpoint:
    steps: list[str | Transition] = [
        step if step.journey else step.model_copy(update={"to": renames.get(step.to, step.to)})
        for step in tp.transitions
    ]
    return tp.model_copy(update={"stage": stage_renames.get(tp.stage, tp.stage), "next": steps})


def _interleave(
    old: Sequence[T], new: list[T], pairs: list[tuple[int, int]], removed: list[int]
) -> list[T]:
    """`new` with each removed old item inserted after its nearest kept old predecessor."""
    out = list(new)
    placed: dict[int, int] = {i: j for i, j in pairs}
    anchor: dict[int, object] = {i: new[j] for i, j in placed.items()}
    for i in sorted(removed):
        before = next((anchor[k] for k in range(i - 1, -1, -1) if k in anchor), None)
        at = 0 if before is None else next(n for n, x in enumerate(out) if x is before) + 1
        out.insert(at, old[i])
        anchor[i] = old[i]
    return out


def all_added(journey: Journey) -> dict[str, str]:
    """Marks for a journey the base does not have: everything is new."""
    marks = {s.id: "added" for s in journey.stages}
    for tp in journey.touchpoints:
        marks[tp.id] = "added"
        marks.update({f"{tp.id}->{step.to}": "added" for step in tp.transitions})
    return marks


def view_of(journey_diff: JourneyDiff) -> tuple[Located[Journey], dict[str, str]] | None:
    """The merged journey and its marks; None when one side is missing."""
    old, new = journey_diff.old_journey, journey_diff.new_journey
    if old is None or new is None:
        return None
    merged = Located(merged_journey(old.item, new.item), new.source, new.path)
    return merged, diff_marks(journey_diff)


@dataclass(frozen=True, slots=True)
class VisualJob:
    name: str
    """File name stem: the journey id."""
    project: Project
    journey: Located[Journey]
    marks: dict[str, str]


def visual_jobs(report: DiffReport) -> list[VisualJob]:
    """One job per journey that exists on both sides and has something to mark."""
    jobs = []
    for workspace in report.workspaces:
        if workspace.new_project is None:
            continue
        for journey_diff in workspace.journeys:
            view = view_of(journey_diff)
            if view is not None and view[1]:
                merged, marks = view
                jobs.append(
                    VisualJob(journey_diff.journey_id, workspace.new_project, merged, marks)
                )
    return jobs


def diff_against(
    project: Project, journey: Located[Journey], base: str
) -> tuple[Located[Journey], dict[str, str]]:
    """For `render --diff-base`: `journey` merged with its version at `base`, and marks.

    The old version is the journey with the same id at `base`, else the file at the same
    path; a journey the base does not have is marked added throughout.
    """
    path = project.root / journey.source.rel
    repo = Repo.discover(path)
    commit = repo.resolve(base)
    where = revision_workspace(repo, repo.rel(path), is_dir=False)
    old_project = revision_snapshot(where, commit, base, checks=False).project
    old = old_project.journeys.get(journey.item.id) or next(
        (j for j in old_project.journeys.values() if j.source.rel == journey.source.rel), None
    )
    if old is None:
        return journey, all_added(journey.item)
    result = diff_journey(old, journey, project, project.config.diff.level_of)
    view = view_of(result)
    assert view is not None
    return view


def visual_name(folder: Path, job: VisualJob, view: str, ext: str) -> Path:
    return folder / f"{job.name}.{view}.diff.{ext}"
