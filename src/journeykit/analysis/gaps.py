"""The gap report: coverage, pain, drop-outs, assumptions and the gaps to fix first."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

from journeykit.analysis.aftercare import stops_at_purchase
from journeykit.analysis.coverage import (
    StageGap,
    applies_to,
    coverage_matrix,
    persona_stage_gaps,
)
from journeykit.analysis.dropouts import DropOut, drop_out, drop_outs, low_reason
from journeykit.analysis.emotions import (
    PAIN_WEIGHT,
    pain_score,
    unaddressed_pains,
    unrecovered_low_points,
)
from journeykit.analysis.fix_first import fix_first
from journeykit.analysis.flow import dead_ends, unreachable
from journeykit.analysis.gap_types import FixItem, Gap, GapReport, JourneyGaps, PainSpot
from journeykit.analysis.measurement import journey_kpis, measured_stages
from journeykit.findings import Finding, Location
from journeykit.model import (
    EvidenceKind,
    Importance,
    Journey,
    Phases,
    Touchpoint,
)
from journeykit.model.phases import AFTER_PURCHASE
from journeykit.workspace.project import Located, Project

__all__ = ["FixItem", "Gap", "GapReport", "JourneyGaps", "PainSpot", "gap_report"]

_KIND_WEIGHT = {
    "stops-at-purchase": 6,
    "empty-stage": 5,
    "dead-end": 5,
    "coverage": 4,
    "no-preferred-channel": 3,
    "unaddressed-pain": 3,
    "low-point": 3,
    "unreachable": 2,
    "unsourced-assumption": 2,
    "unmeasured-stage": 1,
    "kpi-without-target": 1,
}


def gap_report(
    project: Project,
    persona: str | None = None,
    journeys: Container[str] | None = None,
    top: int = 10,
    findings: Iterable[Finding] | None = None,
) -> GapReport:
    """Analyse every journey (or those ids in `journeys`), for one persona or all.

    `findings`: the lint findings of the workspace (paths relative to its root), as the
    run gives them with the workspace's `[lint]` configuration; with them the report has
    its Fix first (`fix_first`, `all_fixes`), without them none.
    """
    chosen = [
        j
        for j in project.journeys.values()
        if (journeys is None or j.item.id in journeys)
        and (persona is None or persona in j.item.personas)
    ]
    results, gaps = [], []
    for journey in chosen:
        with journey.source.tree_for_now():  # one journey's node tree at a time
            result, found = _journey_gaps(project, journey, persona)
        results.append(result)
        gaps.extend(found)
    ranked = sorted(gaps, key=lambda g: (-g.importance.weight, -g.weight))
    names = {c: located.item.name for c, located in project.channels.items()}
    fixes = [] if findings is None else fix_first(project, chosen, gaps, findings, persona)
    return GapReport(
        str(project.root), persona, results, ranked[:top], ranked, names, fixes[:top], fixes
    )


def _journey_gaps(
    project: Project, journey: Located[Journey], persona: str | None
) -> tuple[JourneyGaps, list[Gap]]:
    model = journey.item
    index = {id(t): i for i, t in enumerate(model.touchpoints)}
    mine = [t for t in model.touchpoints if persona is None or applies_to(t, persona)]
    ids = {t.id for t in mine}
    matrix = coverage_matrix(project, journey, persona)
    stage_gaps = persona_stage_gaps(project, journey, persona)
    ends = [drop_out(journey, t, index, "dead end") for t in dead_ends(model)]
    ends = [d for d in ends if d.touchpoint in ids]
    gaps = _coverage_gaps(journey, stage_gaps)
    gaps += _stage_gaps(journey, mine, project.config.journeys.phase_set)
    gaps += _touchpoint_gaps(project, journey, mine, index, ends, persona)
    gaps += _kpi_gaps(journey)
    drops = drop_outs(journey, ids, index, persona)
    assumptions = sum(1 for t in mine if t.evidence and t.evidence.kind is EvidenceKind.assumption)
    result = JourneyGaps(
        model.id,
        model.title,
        journey.source.rel,
        matrix,
        [(g.persona, g.stage) for g in stage_gaps if g.kind != "no-preferred"],
        [(g.persona, g.stage) for g in stage_gaps if g.kind == "no-preferred"],
        _pain_spots(mine, [(s.id, s.name) for s in model.stages], lambda t: t.stage),
        _pain_spots(mine, _channel_names(project, mine), lambda t: t.channel),
        ends,
        drops,
        len(mine),
        assumptions,
        sum(1 for t in mine if t.evidence is None),
        {s.id: s.name for s in model.stages},
    )
    return result, gaps


def _coverage_gaps(journey: Located[Journey], stage_gaps: list[StageGap]) -> list[Gap]:
    """Personas a stage reaches on no channel they prefer, or on none at all."""
    model = journey.item
    gaps = []
    for sg in stage_gaps:
        top = max((t for t in model.touchpoints if t.stage == sg.stage), key=_weight)
        if sg.kind == "no-preferred":
            kind, what = "no-preferred-channel", "only on channels they accept, none they prefer"
        elif sg.kind == "wrong-channel":
            kind, what = "coverage", "only on channels they neither prefer nor accept"
        else:
            kind, what = "coverage", "by no touchpoint"
        message = f"{sg.persona} is reached in stage {sg.stage!r} {what}"
        where = journey.locate("stages", sg.stage_index)
        gaps.append(
            _gap(kind, model.id, message, top.importance, where, sg.stage, persona=sg.persona)
        )
    return gaps


def _touchpoint_gaps(
    project: Project,
    journey: Located[Journey],
    mine: list[Touchpoint],
    index: dict[int, int],
    ends: list[DropOut],
    persona: str | None = None,
) -> list[Gap]:
    """Dead ends, unreachable touchpoints, pain and low points left alone (of `persona`,
    or of each persona), assumptions."""
    model = journey.item
    ids = {t.id for t in mine}

    def gap(kind: str, message: str, tp: Touchpoint, weight: int | None = None) -> Gap:
        where = journey.locate("touchpoints", index[id(tp)])
        return _gap(kind, model.id, message, tp.importance, where, tp.stage, tp.id, weight)

    gaps = [gap("dead-end", f"{d.touchpoint!r} is a dead end", _tp(model, d)) for d in ends]
    gaps += [
        gap("unreachable", f"{t.id!r} is not reached from any entry", t)
        for t in unreachable(project, journey)
        if t.id in ids
    ]
    for ti, _, pain in unaddressed_pains(model):
        tp = model.touchpoints[ti]
        if tp.id in ids:
            message = f"pain point {pain.id!r} ({pain.severity}) at {tp.id!r} is not addressed"
            gaps.append(gap("unaddressed-pain", message, tp, weight=PAIN_WEIGHT[pain.severity]))
    # JK502's test, so the report and the lint agree on which lows nobody recovers.
    for answer in unrecovered_low_points(model, persona=persona):
        tp = answer.low.point.touchpoint
        if tp.id in ids:
            message = f"low point at {tp.id!r} ({low_reason(answer.low)}) is not recovered"
            if answer.ask is not None:
                message += f": {answer.ask.id!r} asks before anything puts it right"
            gaps.append(gap("low-point", message, tp))
    for tp in mine:
        guess = tp.evidence
        if guess and guess.kind is EvidenceKind.assumption and not guess.sources:
            gaps.append(
                gap("unsourced-assumption", f"{tp.id!r} rests on an unsourced assumption", tp)
            )
    return gaps


def _kpi_gaps(journey: Located[Journey]) -> list[Gap]:
    model = journey.item
    return [
        _gap(
            "kpi-without-target",
            model.id,
            f"KPI {placed.kpi.id!r} has no target",
            Importance.medium,
            journey.locate(*placed.path),
            placed.stage,
        )
        for placed in journey_kpis(model)
        if placed.kpi.target is None
    ]


def _gap(
    kind: str,
    journey: str,
    message: str,
    importance: Importance,
    location: Location,
    stage: str | None = None,
    touchpoint: str | None = None,
    weight: int | None = None,
    persona: str | None = None,
) -> Gap:
    weight = weight or _KIND_WEIGHT[kind]
    return Gap(kind, journey, message, importance, location, stage, touchpoint, persona, weight)


def _weight(touchpoint: Touchpoint) -> int:
    return touchpoint.importance.weight


def _tp(model: Journey, drop: DropOut) -> Touchpoint:
    return next(t for t in model.touchpoints if t.id == drop.touchpoint)


def _stage_gaps(journey: Located[Journey], mine: list[Touchpoint], phases: Phases) -> list[Gap]:
    model = journey.item
    gaps = []
    used = {t.stage for t in mine}
    measured = measured_stages(model)
    for si, stage in enumerate(model.stages):
        at = journey.locate("stages", si)
        if stage.id not in used:
            message = f"stage {stage.id!r} has no touchpoint"
            gaps.append(_gap("empty-stage", model.id, message, Importance.high, at, stage.id))
        if stage.id not in measured:
            message = f"stage {stage.id!r} has no KPI"
            medium = Importance.medium
            gaps.append(_gap("unmeasured-stage", model.id, message, medium, at, stage.id))
    if stops_at_purchase(model, phases, mine):
        gaps.append(
            _gap(
                "stops-at-purchase",
                model.id,
                f"journey {model.id!r} stops at the purchase (no {phases.shown(*AFTER_PURCHASE)})",
                Importance.critical,
                journey.locate("stages", key=True),
            )
        )
    return gaps


def _channel_names(project: Project, touchpoints: list[Touchpoint]) -> list[tuple[str, str]]:
    used = dict.fromkeys(t.channel for t in touchpoints)
    return [(c, project.channels[c].item.name if c in project.channels else c) for c in used]


def _pain_spots(
    touchpoints: list[Touchpoint], keys: list[tuple[str, str]], key_of: Callable[[Touchpoint], str]
) -> list[PainSpot]:
    spots = []
    for key, name in keys:
        here = [t for t in touchpoints if key_of(t) == key]
        score = sum(pain_score(t) for t in here)
        count = sum(len(t.pain_points) for t in here)
        if score:
            spots.append(PainSpot(key, name, count, score))
    return sorted(spots, key=lambda s: -s.score)
