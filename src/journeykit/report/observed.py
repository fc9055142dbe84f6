"""The "Observed" section of a journey page (`journeykit report --events LOG`): plain data.

From the journey's measurement: the funnel along the journey graph, the observed flow
picture (render.observed, inlined like the flow), the top variants, time to each end,
the undesigned transitions, and, with an outcome, the attribution models side by side
as a bar chart (geometry here, drawn by the template) with the same numbers as a table
for screen readers. Every string is user text or derived from it: the template escapes
it; the observed flow is Graphviz's SVG, in which Graphviz escaped every label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from journeykit.measure.result import Attribution, JourneyMeasure, LogSummary

TOP = 10
"""Rows of variants and jumps shown; touchpoints in the attribution chart."""
MODEL_COLORS = {
    "first": "#1f77b4",
    "last": "#d62728",
    "linear": "#7f7f7f",
    "time-decay": "#ff7f0e",
    "position": "#9467bd",
    "markov": "#2ca02c",
}
BAR, GAP, LABEL, PLOT = 9.0, 10.0, 190.0, 420.0


class Bar(NamedTuple):
    x: float
    y: float
    width: float
    color: str
    title: str


class BarGroup(NamedTuple):
    label: str
    y: float
    bars: list[Bar]


class CreditChart(NamedTuple):
    width: int
    height: int
    left: float
    groups: list[BarGroup]
    legend: list[tuple[str, str, float]]
    """(model, color, x of its legend entry)."""


class CreditTable(NamedTuple):
    title: str
    note: str
    models: list[str]
    rows: list[tuple[str, list[str], str]]
    """(touchpoint, credit per model, spread), widest disagreement first."""
    chart: CreditChart | None


@dataclass(slots=True)
class ObservedSection:
    source: str
    period: str
    summary: list[str]
    funnel: list[tuple[str, ...]]
    variants: list[tuple[str, ...]]
    ends: list[tuple[str, ...]]
    jumps: list[tuple[str, str, str, str]]
    attribution: CreditTable | None = None
    flow_svg: str | None = None
    flow_note: str | None = None


def observed_section(measured: JourneyMeasure, log: LogSummary) -> ObservedSection:
    from journeykit.output.measure_tables import end_rows, funnel_rows, ratio, variant_rows

    m = measured.all
    return ObservedSection(
        source=log.source,
        period=f"{log.first_event or '-'} .. {log.last_event or '-'}",
        summary=[
            f"{m.customers:,} customers, {m.instances:,} journey instances, {m.events:,} events",
            f"fitness {ratio(m.fitness)}; unexplained movement {ratio(m.unexplained_movement)}",
            "never observed: " + (", ".join(m.never_observed) or "none"),
        ],
        funnel=funnel_rows(m),
        variants=variant_rows(m),
        ends=end_rows(m),
        jumps=[(t.source, t.target, f"{t.count:,}", f"{t.instances:,}") for t in m.jumps[:TOP]],
        attribution=_credit(m.attribution) if m.attribution else None,
    )


def _credit(a: Attribution) -> CreditTable:
    from journeykit.output.measure_tables import credit_order, credit_rows

    models, order, rows = list(a.models), credit_order(a), credit_rows(a)
    title = f"Who gets the credit for {a.outcome} ({a.conversions:,} conversions)"
    note = f"{a.direct:,} came straight to it" if a.direct else ""
    return CreditTable(title, note, models, rows, _chart(a, models, order[:TOP]))


def _chart(a: Attribution, models: list[str], shown: list[str]) -> CreditChart | None:
    top = max((a.models[m].touchpoints[tp] for m in models for tp in shown), default=0.0)
    if top <= 0:
        return None
    groups, y = [], 34.0
    for tp in shown:
        bars = []
        for i, model in enumerate(models):
            value = a.models[model].touchpoints[tp]
            width = round(PLOT * value / top, 1)
            color = MODEL_COLORS.get(model, "#444")
            bars.append(Bar(LABEL, round(y + i * BAR, 1), width, color, f"{model}: {value:,.2f}"))
        groups.append(BarGroup(tp, y, bars))
        y += len(models) * BAR + GAP
    legend, x = [], 8.0
    for model in models:
        legend.append((model, MODEL_COLORS.get(model, "#444"), x))
        x += 24 + 7 * len(model)
    width = int(max(LABEL + PLOT + 40, x))
    return CreditChart(width, int(y + 8), LABEL, groups, legend)
