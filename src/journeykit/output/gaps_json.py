"""The gap report as JSON, for dashboards and the HTML report.

The shape is documented in docs/configuration.md (`journeykit gaps`); `fix_first` was
added to version 1 (nothing removed or renamed), `top_gaps` stays the gap analysis' own
ranking by importance.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from journeykit.analysis.dropouts import DropOut
from journeykit.analysis.gaps import FixItem, Gap, GapReport, JourneyGaps, PainSpot

FORMAT_VERSION = 1


def _where(loc: Any) -> dict[str, Any]:
    return {"file": loc.file, "line": loc.line, "yaml_path": loc.yaml_path}


def _gap(gap: Gap) -> dict[str, Any]:
    return {
        "kind": gap.kind,
        "importance": gap.importance.value,
        "journey": gap.journey,
        "stage": gap.stage,
        "touchpoint": gap.touchpoint,
        "persona": gap.persona,
        "message": gap.message,
        **_where(gap.location),
    }


def _fix(rank: int, item: FixItem) -> dict[str, Any]:
    return {
        "rank": rank,
        "tier": item.tier.label,
        "tier_rank": int(item.tier),
        "severity": item.severity.label,
        "code": item.code,
        "rule": item.rule,
        "kind": item.kind,
        "importance": item.importance.value,
        "count": item.count,
        "journey": item.journey,
        "persona": item.persona,
        "message": item.message,
        "hint": item.hint,
        "subjects": list(item.subjects),
        **_where(item.location),
        "places": [
            {"subject": subject, **_where(loc)}
            for subject, loc in zip(item.subjects, item.locations, strict=True)
        ],
    }


def _spot(spot: PainSpot) -> dict[str, Any]:
    return {"id": spot.id, "name": spot.name, "pain_points": spot.pain_points, "score": spot.score}


def _drop(drop: DropOut) -> dict[str, Any]:
    return {
        "touchpoint": drop.touchpoint,
        "name": drop.name,
        "stage": drop.stage,
        "reason": drop.reason,
        "importance": drop.importance.value,
        **_where(drop.location),
    }


def _journey(j: JourneyGaps) -> dict[str, Any]:
    m = j.matrix
    return {
        "id": j.journey,
        "title": j.title,
        "file": j.file,
        "coverage": {
            "personas": m.personas,
            "stages": m.stages,
            "channels": m.channels,
            "cells": [
                {"persona": p, "stage": s, "channel": c, "touchpoints": ids}
                for (p, s, c), ids in m.cells.items()
            ],
            "uncovered": [{"persona": p, "stage": s} for p, s in j.uncovered],
            "no_preferred_channel": [{"persona": p, "stage": s} for p, s in j.unpreferred],
        },
        "pain_by_stage": [_spot(s) for s in j.pain_by_stage],
        "pain_by_channel": [_spot(s) for s in j.pain_by_channel],
        "dead_ends": [_drop(d) for d in j.dead_ends],
        "drop_outs": [_drop(d) for d in j.drop_outs],
        "evidence": {
            "touchpoints": j.touchpoints,
            "assumptions": j.assumptions,
            "without_evidence": j.no_evidence,
            "assumption_share": round(j.assumption_share, 4),
        },
    }


def report_data(report: GapReport) -> dict[str, Any]:
    return {
        "workspace": report.root,
        "persona": report.persona,
        "summary": {
            "journeys": len(report.journeys),
            "touchpoints": report.touchpoints,
            "assumptions": report.assumptions,
            "assumption_share": round(report.assumption_share, 4),
            "gaps": len(report.all_gaps),
            "to_fix": report.to_fix,
            "fix_items": len(report.all_fixes),
        },
        "fix_first": [_fix(i, item) for i, item in enumerate(report.fix_first, start=1)],
        "top_gaps": [_gap(g) for g in report.top_gaps],
        "journeys": [_journey(j) for j in report.journeys],
    }


def render(reports: Sequence[GapReport]) -> str:
    data = {"version": FORMAT_VERSION, "reports": [report_data(r) for r in reports]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
