"""From a loaded project to the report context: one page per journey, persona cards."""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.analysis.coverage import coverage_matrix
from journeykit.analysis.gaps import Gap
from journeykit.analysis.measurement import meets_target, progress
from journeykit.findings import Finding
from journeykit.model import Journey, Kpi, Persona, Touchpoint
from journeykit.render import common as c
from journeykit.render.channels_view import KIND_SYMBOLS, channel_matrix
from journeykit.render.coverage_view import PREFERENCE_SYMBOLS, preferences
from journeykit.report.chart import emotion_chart, personas_of
from journeykit.report.context import (
    ChannelPref,
    CoverageBlock,
    CoverageCell,
    FindingRow,
    GapRow,
    Item,
    JourneyPage,
    KpiRow,
    MatrixEntry,
    MatrixView,
    PersonaCard,
    PersonaRef,
    StageColumn,
    TouchpointItem,
)
from journeykit.report.names import page_file, written_by_report
from journeykit.workspace.project import Located, Project

__all__ = [
    "journey_card",
    "journey_page",
    "matrix_view",
    "page_file",
    "persona_card",
    "written_by_report",
]


def matrix_view(project: Project, journeys: Sequence[Located[Journey]]) -> MatrixView:
    matrix = channel_matrix(project, journeys)
    colors = c.channel_colors(project)
    channels = [(c.channel_name(project, ch), c.color_of(colors, ch)) for ch in matrix.channels]
    rows = []
    for key, name in matrix.stages:
        cells = [
            [
                MatrixEntry(e.name, KIND_SYMBOLS[e.kind], " ".join(e.personas))
                for e in matrix.cells.get((key, ch), [])
            ]
            for ch in matrix.channels
        ]
        policy = ", ".join(c.channel_name(project, ch) for ch in matrix.messaging(project, key))
        examples = "; ".join(matrix.examples.get(key, []))
        rows.append((name, cells, policy, examples))
    return MatrixView(channels, rows)


def _touchpoint(project: Project, model: Journey, tp: Touchpoint, color: str) -> TouchpointItem:
    evidence = tp.evidence
    return TouchpointItem(
        id=tp.id,
        name=tp.name,
        channel=c.channel_name(project, tp.channel),
        color=color,
        kind=tp.kind.value,
        evidence=evidence.kind.value if evidence else None,
        evidence_sources=list(evidence.sources) if evidence else [],
        emotion=tp.emotion.score if tp.emotion else None,
        emotion_label=tp.emotion.label if tp.emotion else None,
        description=tp.description,
        content=tp.content,
        owner=tp.owner,
        timing=tp.timing,
        personas=" ".join(personas_of(model, tp)),
    )


def _kpi_item(kpi: Kpi, personas: str) -> Item:
    met = meets_target(kpi)
    level = "unknown" if met is None else ("met" if met else "missed")
    return Item(kpi.name, c.kpi_values(kpi), level, personas)


def _kpi_row(kpi: Kpi, where: str, personas: str) -> KpiRow:
    met = meets_target(kpi)
    unit = f" {kpi.unit}" if kpi.unit else ""
    return KpiRow(
        name=kpi.name,
        where=where,
        category=kpi.category.value,
        actual=c.number(kpi.actual) + unit if kpi.actual is not None else "—",
        target=c.number(kpi.target) + unit if kpi.target is not None else "—",
        status="unknown" if met is None else ("met" if met else "missed"),
        ratio=progress(kpi),
        direction="lower is better" if kpi.direction.value == "lower-is-better" else "higher",
        source=kpi.source,
        personas=personas,
    )


def _stage_columns(project: Project, model: Journey) -> tuple[list[StageColumn], list[KpiRow]]:
    colors = c.channel_colors(project)
    groups = c.by_stage(model, list(model.touchpoints))
    everyone = " ".join(model.personas)
    columns: list[StageColumn] = []
    kpis: list[KpiRow] = []
    for stage in model.stages:
        tps = groups[stage.id]
        pains: list[Item] = []
        opportunities: list[Item] = []
        stage_kpis: list[Item] = []
        owners: list[str] = []
        channels: list[tuple[str, str]] = []
        for kpi in stage.kpis:
            stage_kpis.append(_kpi_item(kpi, everyone))
            kpis.append(_kpi_row(kpi, stage.name, everyone))
        for tp in tps:
            who = " ".join(personas_of(model, tp))
            pains.extend(Item(p.description, tp.name, p.severity, who) for p in tp.pain_points)
            opportunities.extend(
                Item(o.description, o.owner, "opportunity", who) for o in tp.opportunities
            )
            for kpi in tp.kpis:
                stage_kpis.append(_kpi_item(kpi, who))
                kpis.append(_kpi_row(kpi, f"{stage.name} · {tp.name}", who))
            if tp.owner and tp.owner not in owners:
                owners.append(tp.owner)
            chip = (c.channel_name(project, tp.channel), c.color_of(colors, tp.channel))
            if chip not in channels:
                channels.append(chip)
        columns.append(
            StageColumn(
                id=stage.id,
                name=stage.name,
                phase=stage.phase,
                intent=stage.intent,
                goal=stage.goal,
                questions=list(stage.questions),
                touchpoints=[
                    _touchpoint(project, model, t, c.color_of(colors, t.channel)) for t in tps
                ],
                channels=channels,
                pains=pains,
                opportunities=opportunities,
                kpis=stage_kpis,
                owners=owners,
            )
        )
    return columns, kpis


def _coverage(project: Project, journey: Located[Journey]) -> list[CoverageBlock]:
    matrix = coverage_matrix(project, journey)
    names = {s.id: s.name for s in journey.item.stages}
    tp_names = {t.id: t.name for t in journey.item.touchpoints}
    blocks = []
    for persona in matrix.personas:
        prefs = preferences(project, persona)
        header = [
            (c.channel_name(project, ch), PREFERENCE_SYMBOLS[prefs[ch]] if ch in prefs else "")
            for ch in matrix.channels
        ]
        rows = []
        for stage in matrix.stages:
            cells = []
            for ch in matrix.channels:
                ids = matrix.cells.get((persona, stage, ch), [])
                opted_out = (
                    bool(ids) and prefs.get(ch) is not None and prefs[ch].value == ("opted-out")
                )
                level = "opted-out" if opted_out else f"heat-{min(len(ids), 5)}"
                cells.append(CoverageCell(len(ids), level, ", ".join(tp_names[i] for i in ids)))
            rows.append((names[stage], cells, matrix.stage_total(persona, stage)))
        blocks.append(CoverageBlock(persona, c.persona_name(project, persona), header, rows))
    return blocks


def _finding_row(f: Finding) -> FindingRow:
    return FindingRow(f.severity.label, f.code, f.name, f.message, f.location.line, f.hint)


def _gap_row(model: Journey, gap: Gap) -> GapRow:
    personas = [gap.persona] if gap.persona else list(model.personas)
    if gap.touchpoint:
        tp = next((t for t in model.touchpoints if t.id == gap.touchpoint), None)
        if tp is not None and gap.persona is None:
            personas = personas_of(model, tp)
    return GapRow(
        gap.kind, gap.message, gap.importance.value, gap.location.line, " ".join(personas)
    )


def journey_card(
    project: Project, journey: Located[Journey], findings: Sequence[Finding]
) -> JourneyPage:
    """A journey's page with only what the index and the persona cards show of it.

    No analysis: the report builds a card for every journey and a whole page
    (`journey_page`) only for those whose page it does not have already.
    """
    model = journey.item
    mine = sum(1 for f in findings if f.location.file == journey.source.rel)
    meta = [("Map type", model.map_type.value), ("Status", model.status.value)]
    if model.owner:
        meta.append(("Owner", model.owner))
    evidence = [t.evidence.kind.value for t in model.touchpoints if t.evidence]
    return JourneyPage(
        file=page_file(model.id),
        id=model.id,
        title=model.title,
        description=model.description,
        meta=meta,
        tags=list(model.tags),
        personas=[PersonaRef(p, c.persona_name(project, p)) for p in model.personas],
        counts={
            "stages": len(model.stages),
            "touchpoints": len(model.touchpoints),
            "facts": evidence.count("fact"),
            "assumptions": evidence.count("assumption"),
            "unbacked": len(model.touchpoints) - len(evidence),
            "findings": mine,
        },
        source=journey.source.rel,
    )


def journey_page(
    project: Project,
    journey: Located[Journey],
    findings: Sequence[Finding],
    gaps: Sequence[Gap] = (),
) -> JourneyPage:
    """The page of one journey; `findings` and `gaps` are the workspace's (filtered here)."""
    model = journey.item
    page = journey_card(project, journey, findings)
    page.stages, page.kpis = _stage_columns(project, model)
    page.chart = emotion_chart(model)
    page.matrix = matrix_view(project, [journey])
    page.coverage = blocks = _coverage(project, journey)
    page.gaps = [
        (b.persona, b.name, stage) for b in blocks for stage, _, total in b.rows if total == 0
    ]
    page.findings = [_finding_row(f) for f in findings if f.location.file == journey.source.rel]
    page.ranked_gaps = [_gap_row(model, g) for g in gaps if g.journey == model.id]
    page.touchpoint_personas = {t.id: personas_of(model, t) for t in model.touchpoints}
    return page


def persona_card(project: Project, persona: Persona, pages: Sequence[JourneyPage]) -> PersonaCard:
    facts = [("Buyer", persona.buyer.value), ("Market", persona.market.value.upper())]
    if persona.role:
        facts.append(("Role", persona.role))
    for source in (persona.demographics, persona.purchase_behaviour):
        if source is None:
            continue
        for key, value in source.model_dump(exclude_none=True).items():
            facts.append((key.replace("_", " ").capitalize(), str(value)))
    colors = c.channel_colors(project)
    return PersonaCard(
        id=persona.id,
        name=persona.name,
        description=persona.description,
        facts=facts,
        goals=list(persona.goals),
        frustrations=list(persona.frustrations),
        judged_by=list(persona.judged_by),
        information_sources=list(persona.information_sources),
        social_media=list(persona.social_media),
        channels=[
            ChannelPref(
                c.channel_name(project, p.channel),
                c.color_of(colors, p.channel),
                p.preference.value,
                p.consent.value if p.consent else None,
                p.note,
            )
            for p in persona.channels
        ],
        journeys=[(p.file, p.title) for p in pages if persona.id in {r.id for r in p.personas}],
    )
