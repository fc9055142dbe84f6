"""A measurement as titled tables, shared by the human and the markdown formats."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from journeykit.measure.result import (
    Attribution,
    MeasuredKpi,
    Measurement,
    Metrics,
    Ratio,
    Timing,
)
from journeykit.words import counted

TOP = 10


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    note: str = ""


def pct(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.1f}%"


def ratio(r: Ratio) -> str:
    return f"{pct(r.rate)} ({r.numerator:,} of {r.denominator:,})"


def duration(seconds: int | None) -> str:
    if seconds is None:
        return "n/a"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds} s"


def timing(t: Timing) -> tuple[str, str]:
    return duration(t.median_seconds), duration(t.p90_seconds)


def headline(m: Measurement) -> list[str]:
    log = m.log
    # Without --since/--until the only rows left out are the duplicates: say so, rather
    # than call them out of a period nobody asked for.
    where = "in the period" if log.since or log.until else "counted"
    lines = [
        f"Event log {log.source}: {counted(log.rows, 'row')}, {log.rows_in_period:,} {where} "
        f"({log.first_event or '-'} .. {log.last_event or '-'})",
    ]
    free = log.unmapped
    if free is not None:
        lines.append(
            f"unmapped events (no touchpoint of any journey): {pct(free.share)} "
            f"({free.rows:,} of {free.of_rows:,})"
        )
        lines += [f"  {e.event}: {e.rows:,}" + (f" ({e.hint})" if e.hint else "") for e in free.top]
    return lines + [f"warning: {w}" for w in m.warnings]


def summary(x: Metrics) -> list[str]:
    lines = [
        f"{counted(x.customers, 'customer')}, {counted(x.instances, 'journey instance')}, "
        f"{counted(x.events, 'event')}",
        f"fitness: {ratio(x.fitness)}   unexplained movement: {ratio(x.unexplained_movement)}",
        f"loops: {ratio(x.loops)}   back-steps: {ratio(x.back_steps)}",
        "never observed: " + (", ".join(x.never_observed) or "none"),
    ]
    if x.attribution is not None:
        a = x.attribution
        converted = Ratio.of(a.conversions, x.instances)
        lines.append(f"reached {a.outcome} ({a.outcome_kind}): {ratio(converted)}")
    return lines


def funnel_rows(x: Metrics) -> list[tuple[str, ...]]:
    """Per stage: entered, moved on, ended, dropped, dropped %."""
    return [
        (
            f.stage,
            f"{f.entered:,}",
            f"{f.moved_on:,}",
            f"{f.ended:,}",
            f"{f.dropped:,}",
            pct(f.dropped_rate),
        )
        for f in x.funnel
    ]


def end_rows(x: Metrics) -> list[tuple[str, ...]]:
    """Per designed end (with its outcome): reached, median and p90 of the time to it."""
    return [
        (
            f"{e.touchpoint} ({e.outcome})" if e.outcome else e.touchpoint,
            f"{e.time.count:,}",
            *timing(e.time),
        )
        for e in x.time_to_end
    ]


def variant_rows(x: Metrics) -> list[tuple[str, ...]]:
    """The most common paths: path, instances, share."""
    return [(" > ".join(v.path), f"{v.instances:,}", pct(v.share)) for v in x.variants]


def sections(x: Metrics) -> Iterator[Section]:
    yield Section(
        "Touchpoints",
        ("touchpoint", "stage", "customers", "visits", "events", "revisits"),
        [
            (
                t.touchpoint,
                t.stage or "-",
                f"{t.customers:,}",
                f"{t.visits:,}",
                f"{t.events:,}",
                f"{t.revisits:,}",
            )
            for t in x.touchpoints
        ],
    )
    yield Section(
        "Funnel by stage",
        ("stage", "entered", "moved on", "ended", "dropped", "dropped %"),
        funnel_rows(x),
    )
    yield Section(
        "Transitions",
        ("from", "to", "designed", "moves", "median", "p90"),
        [
            (t.source, t.target, "yes" if t.designed else "JUMP", f"{t.count:,}", *timing(t.time))
            for t in x.transitions[:TOP]
        ],
        f"{len(x.transitions)} observed, {len(x.jumps)} undesigned" if x.transitions else "",
    )
    yield from _places(x)
    if x.kpis:
        yield _kpis(x.kpis)
    if x.attribution is not None:
        yield from _attribution(x.attribution)


def _attribution(a: Attribution) -> Iterator[Section]:
    """Touchpoints where the models disagree most first: that is where a single model
    (often the easy first- or last-touch figure) misleads."""
    names = list(a.models)
    title = f"Attribution of {a.outcome} ({a.outcome_kind}): {counted(a.conversions, 'conversion')}"
    note = f"{a.direct:,} came straight to it" if a.direct else ""
    rows = [(tp, *credits, spread) for tp, credits, spread in credit_rows(a)]
    yield Section(title, ("touchpoint", *names, "spread"), rows, note)
    for part in ("channels", "stages"):
        keys = list(getattr(a.models[names[0]], part))
        yield Section(
            f"Attribution by {part[:-1]}",
            (part[:-1], *names),
            [(k, *(credit(getattr(a.models[m], part)[k]) for m in names)) for k in keys],
        )


def credit_order(a: Attribution) -> list[str]:
    """The touchpoints, where the models disagree most first (else as the models list them)."""
    return [d.touchpoint for d in a.disagreements] or list(
        next(iter(a.models.values())).touchpoints
    )


def credit_rows(a: Attribution) -> list[tuple[str, list[str], str]]:
    """(touchpoint, its credit by each model, the spread) in `credit_order`."""
    spread = {d.touchpoint: credit(d.spread) for d in a.disagreements}
    return [
        (tp, [credit(c.touchpoints[tp]) for c in a.models.values()], spread.get(tp, "-"))
        for tp in credit_order(a)
    ]


def _kpis(kpis: tuple[MeasuredKpi, ...]) -> Section:
    """Each measured KPI beside its target and the actual typed in the file."""

    def number(value: float | None, unit: str | None) -> str:
        if value is None:
            return "n/a"
        return f"{value:,.2f}".rstrip("0").rstrip(".") + (f" {unit}" if unit else "")

    return Section(
        "KPIs measured from the log",
        ("kpi", "at", "measured", "of", "target", "typed actual", "met"),
        [
            (
                k.kpi,
                k.at,
                number(k.value, k.unit),
                f"{k.numerator:,} of {k.denominator:,}" if k.denominator is not None else "-",
                number(k.target, k.unit),
                number(k.typed_actual, k.unit),
                "-" if k.met is None else ("yes" if k.met else "NO"),
            )
            for k in kpis
        ],
    )


def credit(value: float) -> str:
    return f"{value:,.2f}"


def _places(x: Metrics) -> Iterator[Section]:
    yield Section(
        "Drop-outs (left away from a designed end)",
        ("at", "came from", "instances"),
        [(d.touchpoint, d.previous or "-", f"{d.instances:,}") for d in x.drop_outs[:TOP]],
    )
    yield Section(
        "Entries",
        ("touchpoint", "designed entry", "instances", "share"),
        [
            (e.touchpoint, "yes" if e.designed else "no", f"{e.instances:,}", pct(e.share))
            for e in x.entries[:TOP]
        ],
    )
    yield Section(
        "Time to each end",
        ("end", "reached", "median", "p90"),
        end_rows(x),
    )
    yield Section(
        "Most common paths",
        ("path", "instances", "share"),
        variant_rows(x),
        f"{x.distinct_variants:,} different paths",
    )
