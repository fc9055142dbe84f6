"""Two versions of one journey -> its changes: the journey's own fields, personas, stages.

Touchpoints and transitions are in `diff.touchpoints`.
"""

from __future__ import annotations

from collections.abc import Callable

from journeykit.diff.changes import Action, Collector, Element, JourneyDiff
from journeykit.diff.fields import JOURNEY_FIELDS, STAGE_FIELDS
from journeykit.diff.items import KPIS, Owner, report_fields, report_sublist
from journeykit.diff.match import content_key, match_items
from journeykit.diff.rules import Level
from journeykit.diff.touchpoints import report_touchpoints, stepping_into
from journeykit.findings import Location
from journeykit.model import Journey, Stage
from journeykit.workspace.project import Located, Project


def diff_journey(
    old: Located[Journey] | None,
    new: Located[Journey] | None,
    new_project: Project | None,
    levels: Callable[[str], Level | None],
) -> JourneyDiff:
    """What changed from `old` to `new` (either may be None: added or removed)."""
    c = Collector(levels)
    either = new or old
    assert either is not None, "diff_journey needs at least one side"
    result = JourneyDiff(
        either.item.id,
        either.item.title,
        old.source.rel if old else None,
        new.source.rel if new else None,
        old.item.id if old else None,
        new.item.id if new else None,
        old_journey=old,
        new_journey=new,
    )
    if old is None and new is not None:
        c.add(
            "journey-added",
            Element.journey,
            Action.added,
            "",
            f"journey {new.item.id!r} added ({new.source.rel})",
            new=new.item.id,
            location=new.locate(),
        )
    elif new is None and old is not None:
        _removed(c, old, new_project)
    elif old is not None and new is not None:
        _changed(c, result, old, new, new_project)
    result.changes = c.changes
    return result


def _removed(c: Collector, old: Located[Journey], new_project: Project | None) -> None:
    steppers = stepping_into(new_project, old.item.id, None, exclude=None)
    if steppers:
        c.add(
            "referenced-journey-removed",
            Element.journey,
            Action.removed,
            "",
            f"journey {old.item.id!r} removed, but {_journeys(steppers)} still "
            f"step{'s' * (len(steppers) == 1)} into it",
            old=old.item.id,
        )
    else:
        c.add(
            "journey-removed",
            Element.journey,
            Action.removed,
            "",
            f"journey {old.item.id!r} removed ({old.source.rel})",
            old=old.item.id,
        )


def _journeys(ids: list[str]) -> str:
    names = ", ".join(repr(i) for i in ids)
    return f"journey{'s' * (len(ids) != 1)} {names}"


def _changed(
    c: Collector,
    result: JourneyDiff,
    old: Located[Journey],
    new: Located[Journey],
    new_project: Project | None,
) -> None:
    before, after = old.item, new.item
    if before.id != after.id:
        c.add(
            "journey-id-changed",
            Element.journey,
            Action.renamed,
            "id",
            f"journey id {before.id!r} changed to {after.id!r}",
            old=before.id,
            new=after.id,
            location=new.locate("id"),
        )
    if old.source.rel != new.source.rel:
        c.add(
            "journey-file-renamed",
            Element.journey,
            Action.moved,
            "",
            f"journey {after.id!r} moved from {old.source.rel} to {new.source.rel}",
            old=old.source.rel,
            new=new.source.rel,
            location=new.locate(),
        )
    owner = Owner(f"journey {after.id!r}", "", None, _locator(new))
    skip = frozenset({"personas", "stages", "touchpoints", "version"})
    report_fields(c, owner, Element.journey, before, after, JOURNEY_FIELDS, skip)
    _personas(c, before, new)
    stage_renames = _stages(c, result, old, new)
    report_touchpoints(c, result, old, new, stage_renames, new_project)


def _locator(at: Located[Journey]) -> Callable[..., Location | None]:
    def locate(*parts: str | int) -> Location | None:
        return at.locate(*parts)

    return locate


def _personas(c: Collector, before: Journey, new: Located[Journey]) -> None:
    after = new.item
    for i, persona in enumerate(after.personas):
        if persona not in before.personas:
            c.add(
                "journey-persona-added",
                Element.persona,
                Action.added,
                f"personas[{persona}]",
                f"persona {persona!r} added to journey {after.id!r}",
                new=persona,
                location=new.locate("personas", i),
            )
    for persona in before.personas:
        if persona not in after.personas:
            c.add(
                "journey-persona-removed",
                Element.persona,
                Action.removed,
                f"personas[{persona}]",
                f"persona {persona!r} removed from journey {after.id!r}",
                old=persona,
                location=new.locate("personas"),
            )


def _stages(
    c: Collector, result: JourneyDiff, old: Located[Journey], new: Located[Journey]
) -> dict[str, str]:
    """Report the stages; return the renames (old id -> new id) for the touchpoints."""
    before, after = old.item.stages, new.item.stages
    matching = match_items(before, after, _stage_id, content_key)
    for i, j in matching.pairs:
        stage = after[j]
        words = f"stage {stage.id!r}"
        target = f"stages[{stage.id}]"
        if before[i].id != stage.id:
            c.add(
                "stage-id-changed",
                Element.stage,
                Action.renamed,
                target,
                f"stage {before[i].id!r} renamed to {stage.id!r}",
                mark=stage.id,
                old=before[i].id,
                new=stage.id,
                location=new.locate("stages", j, "id"),
            )
        if j in matching.reordered:
            c.add(
                "stage-reordered",
                Element.stage,
                Action.reordered,
                target,
                f"{words} moved from position {i + 1} to {j + 1}",
                mark=stage.id,
                old=i + 1,
                new=j + 1,
                location=new.locate("stages", j),
            )
        owner = Owner(words, target, stage.id, _stage_locator(new, j))
        report_fields(c, owner, Element.stage, before[i], stage, STAGE_FIELDS, frozenset({"kpis"}))
        kpis = report_sublist(c, owner, KPIS, before[i].kpis, stage.kpis)
        if kpis:
            result.renames[f"{target}.kpis"] = kpis
    _added_and_removed(c, before, after, matching.added, matching.removed, new)
    result.renames["stages"] = matching.renamed
    return matching.renamed


def _added_and_removed(
    c: Collector,
    before: list[Stage],
    after: list[Stage],
    added: list[int],
    removed: list[int],
    new: Located[Journey],
) -> None:
    for j in added:
        stage = after[j]
        c.add(
            "stage-added",
            Element.stage,
            Action.added,
            f"stages[{stage.id}]",
            f"stage {stage.id!r} ({stage.name}) added at position {j + 1}",
            mark=stage.id,
            new=stage.id,
            location=new.locate("stages", j),
        )
    for i in removed:
        stage = before[i]
        c.add(
            "stage-removed",
            Element.stage,
            Action.removed,
            f"stages[{stage.id}]",
            f"stage {stage.id!r} ({stage.name}) removed",
            mark=stage.id,
            old=stage.id,
            location=new.locate("stages"),
        )


def _stage_id(stage: Stage) -> str:
    return stage.id


def _stage_locator(at: Located[Journey], j: int) -> Callable[..., Location | None]:
    def locate(*parts: str | int) -> Location | None:
        return at.locate("stages", j, *parts)

    return locate
