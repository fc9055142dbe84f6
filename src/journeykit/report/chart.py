"""The emotion curve of a journey: geometry for an inline SVG drawn by the template.

Every touchpoint with an emotion is a point in its stage's band; the curves (one for
everyone, one per persona) follow the journey's main path for that persona
(`analysis.curve`), so two alternative branches are never joined by a line.
"""

from __future__ import annotations

from journeykit.analysis.curve import EmotionPaths
from journeykit.model import Journey, Touchpoint
from journeykit.model.outcomes import outcome_of
from journeykit.render import common as c
from journeykit.report.context import ChartBand, ChartPoint, EmotionChart

STEP = 58.0
LEFT = 40.0
TOP = 34.0
PLOT = 150.0
BOTTOM_SPACE = 52.0
MIN_WIDTH = 640
MAX_VARIANTS = 8
"""Paths offered beside the main one: the first ends (see `EmotionPaths.variants`); the
page says how many more there are."""


def personas_of(journey: Journey, tp: Touchpoint) -> list[str]:
    return list(tp.personas) if tp.personas else list(journey.personas)


def emotion_chart(journey: Journey) -> EmotionChart | None:
    """Touchpoints with an emotion, left to right in stage order (in a stage, those on
    the main path first, in its order); None when none have one."""
    paths = EmotionPaths(journey)
    along = {node: i for i, node in enumerate(paths.main_path())}
    groups = c.by_stage(journey, list(journey.touchpoints))
    bands: list[ChartBand] = []
    points: list[ChartPoint] = []
    x = LEFT
    for stage in journey.stages:
        scored = [t for t in groups[stage.id] if t.emotion is not None]
        scored.sort(key=lambda t: along.get(t.id, len(along)))
        width = max(1, len(scored)) * STEP
        bands.append(ChartBand(x, width, stage.name))
        for i, tp in enumerate(scored):
            assert tp.emotion is not None
            score = tp.emotion.score
            points.append(
                ChartPoint(
                    x=round(x + STEP * (i + 0.5), 1),
                    y=_y(score),
                    score=score,
                    color=c.EMOTION_COLORS[score],
                    name=tp.name,
                    label=tp.emotion.label,
                    label_y=_y(score) + (-11 if len(points) % 2 == 0 else 19),
                    personas=" ".join(personas_of(journey, tp)),
                    touchpoint=tp.id,
                )
            )
        x += width
    if not points:
        return None
    ends = paths.variants()
    shown = ends[:MAX_VARIANTS] if len(ends) > 1 else []
    curves = _curves(journey, paths, {p.touchpoint: p for p in points}, shown)
    ticks = [(_y(s), c.signed(s)) for s in (2, 1, 0, -1, -2)]
    width = int(max(MIN_WIDTH, x + 16))
    height = int(TOP + PLOT + BOTTOM_SPACE)
    by_id = {t.id: t for t in journey.touchpoints}
    variants = tuple((end, _variant_label(by_id[end])) for end in shown)
    return EmotionChart(
        width,
        height,
        TOP,
        TOP + PLOT,
        LEFT,
        ticks,
        bands,
        points,
        curves,
        variants,
        len(ends) - len(shown) if shown else 0,
    )


def _curves(
    journey: Journey, paths: EmotionPaths, placed: dict[str, ChartPoint], ends: list[str]
) -> list[tuple[str, str]]:
    """Everyone's and each persona's line, along the main path and each variant."""
    curves = []
    for key, persona in [("*", None), *((p, p) for p in journey.personas)]:
        for end in [None, *ends]:
            drawn = paths.curve(persona, end)
            line = [placed[p.touchpoint.id] for p in drawn if p.touchpoint.id in placed]
            curves.append((key if end is None else f"{key}>{end}", _polyline(line)))
    return curves


def _variant_label(end: Touchpoint) -> str:
    """'to Renews (✔ converted)': where the variant ends and how."""
    word = outcome_of(end.end)
    return f"to {end.name}" + (f" ({word})" if word else "")


def _y(score: int) -> float:
    return round(TOP + (2 - score) * PLOT / 4, 1)


def _polyline(points: list[ChartPoint]) -> str:
    return " ".join(f"{p.x:g},{p.y:g}" for p in points)
