"""The plain-Python reference: every number of `journeykit measure`, row by row.

Deliberately naive (lists, dicts, sorted()); the engine must give exactly the same JSON.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journeykit.loader.schema_errors import did_you_mean
from journeykit.measure.attribution import AttributionSpec
from journeykit.measure.design import JourneyDesign
from journeykit.measure.quantile import nearest_rank
from journeykit.measure.result import (
    DropOut,
    EndTiming,
    EventCount,
    JourneyMeasure,
    LogSummary,
    Measurement,
    Metrics,
    PlaceCount,
    Ratio,
    StageFunnel,
    Timing,
    TouchpointStat,
    TransitionStat,
    Unmapped,
    Variant,
    rate,
)
from measure import reference_attribution, reference_kpis

Row = dict[str, str]
Visit = dict[str, object]


def parse(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def read(path: Path, segment: str | None) -> tuple[list[Row], int]:
    """The rows with seq and parsed ts, duplicates dropped; and how many were dropped."""
    with path.open(newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    seen: set[tuple[str, str, datetime]] = set()
    out: list[Row] = []
    for seq, r in enumerate(raw):
        key = (r["customer_id"], r["event"], parse(r["timestamp"]))
        if key in seen:
            continue
        seen.add(key)
        out.append({**r, "_seq": str(seq), "_seg": r.get(segment, "") if segment else ""})
    return out, len(raw) - len(out)


def touchpoint(row: Row, design: JourneyDesign) -> str | None:
    for tp in design.touchpoints:
        for m in design.matchers[tp]:
            if row["event"] == m.name and all(row.get(c, "") in vs for c, vs in m.where):
                return tp
    return None


def instances(rows: list[Row], design: JourneyDesign, split: timedelta | None) -> list[list[Visit]]:
    by_customer: dict[str, list[tuple[datetime, int, str, str]]] = defaultdict(list)
    for r in rows:
        tp = touchpoint(r, design)
        if tp is not None:
            by_customer[r["customer_id"]].append(
                (parse(r["timestamp"]), int(r["_seq"]), tp, r["_seg"])
            )
    out: list[list[Visit]] = []
    for customer, events in by_customer.items():
        events.sort(key=lambda e: (e[0], e[1]))
        current: list[tuple[datetime, int, str, str]] = []
        for e in events:
            if current and split is not None and e[0] - current[-1][0] > split:
                out.append(_visits(customer, current))
                current = []
            current.append(e)
        out.append(_visits(customer, current))
    return out


def _visits(customer: str, events: list[tuple[datetime, int, str, str]]) -> list[Visit]:
    visits: list[Visit] = []
    for ts, _, tp, _seg in events:
        sec = int(ts.timestamp())
        if visits and visits[-1]["tp"] == tp:
            visits[-1]["end"] = sec
            visits[-1]["events"] = int(visits[-1]["events"]) + 1  # type: ignore[call-overload]
        else:
            visits.append({"tp": tp, "start": sec, "end": sec, "events": 1, "c": customer})
    for v in visits:
        v["seg"] = events[0][3]
    return visits


def timing(values: list[int]) -> Timing:
    if not values:
        return Timing(0, None, None)
    return Timing(len(values), nearest_rank(values, 1, 2), nearest_rank(values, 9, 10))


def metrics(
    insts: list[list[Visit]],
    rows: list[Row],
    design: JourneyDesign,
    segment: str | None,
    designs: list[JourneyDesign],
) -> Metrics:
    n = len(insts)
    order = {tp: i for i, tp in enumerate(design.touchpoints)}
    stage = design.stage_of
    moves = [(a, b) for p in insts for a, b in itertools.pairwise(p)]
    undesigned = sum((a["tp"], b["tp"]) not in design.transitions for a, b in moves)
    back = sum(stage[str(b["tp"])] < stage[str(a["tp"])] for a, b in moves)
    fit = sum(
        p[0]["tp"] in design.entries
        and all((a["tp"], b["tp"]) in design.transitions for a, b in itertools.pairwise(p))
        for p in insts
    )
    loops = sum(len({v["tp"] for v in p}) < len(p) for p in insts)
    return Metrics(
        segment=segment,
        customers=len({p[0]["c"] for p in insts}),
        instances=n,
        events=sum(int(v["events"]) for p in insts for v in p),  # type: ignore[call-overload]
        unmapped=_unmapped(rows, designs),
        touchpoints=_touchpoints(insts, design),
        never_observed=[
            t for t in design.touchpoints if not any(v["tp"] == t for p in insts for v in p)
        ],
        transitions=(ts := _transitions(insts, design)),
        jumps=[t for t in ts if not t.designed],
        unexplained_movement=Ratio.of(undesigned, len(moves)),
        fitness=Ratio.of(fit, n),
        entries=_places([str(p[0]["tp"]) for p in insts], design.entries, order, n),
        exits=_places([str(p[-1]["tp"]) for p in insts], design.ends, order, n, design.outcomes),
        drop_outs=_drops(insts, design),
        funnel=_funnel(insts, design),
        time_to_end=_ends(insts, design),
        variants=(vs := _variants(insts))[0],
        distinct_variants=vs[1],
        loops=Ratio.of(loops, n),
        back_steps=Ratio.of(back, len(moves)),
    )


def _unmapped(rows: list[Row], designs: list[JourneyDesign]) -> Unmapped:
    """Rows no journey of the workspace claims."""
    loose = Counter(r["event"] for r in rows if all(touchpoint(r, d) is None for d in designs))
    names = sorted({n for d in designs for n in d.event_names()})
    top = sorted(loose.items(), key=lambda kv: (-kv[1], kv[0]))[:5]

    def hint(e: str) -> str | None:
        if e in names:
            return "a touchpoint's `events` names it, but its `where` conditions do not hold"
        return did_you_mean(e, names)

    free = sum(loose.values())
    return Unmapped(
        free, len(rows), rate(free, len(rows)), [EventCount(e, k, hint(e)) for e, k in top]
    )


def _touchpoints(insts: list[list[Visit]], design: JourneyDesign) -> list[TouchpointStat]:
    out = []
    for tp in design.touchpoints:
        vs = [(i, v) for i, p in enumerate(insts) for v in p if v["tp"] == tp]
        if not vs:
            continue
        index = design.stage_of[tp]
        out.append(
            TouchpointStat(
                tp,
                design.stages[index] if index < len(design.stages) else None,
                customers=len({v["c"] for _, v in vs}),
                instances=len({i for i, _ in vs}),
                visits=len(vs),
                events=sum(int(v["events"]) for _, v in vs),  # type: ignore[call-overload]
                revisits=len(vs) - len({i for i, _ in vs}),
            )
        )
    return out


def _transitions(insts: list[list[Visit]], design: JourneyDesign) -> list[TransitionStat]:
    gaps: dict[tuple[str, str], list[int]] = defaultdict(list)
    who: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, p in enumerate(insts):
        for a, b in itertools.pairwise(p):
            key = (str(a["tp"]), str(b["tp"]))
            gaps[key].append(int(b["start"]) - int(a["end"]))  # type: ignore[call-overload]
            who[key].add(i)
    out = [
        TransitionStat(
            a,
            b,
            (a, b) in design.transitions,
            design.stage_of[b] < design.stage_of[a],
            len(g),
            len(who[(a, b)]),
            timing(g),
        )
        for (a, b), g in gaps.items()
    ]
    return sorted(out, key=lambda t: (-t.count, t.source, t.target))


def _places(
    tps: list[str],
    designed: frozenset[str],
    order: dict[str, int],
    n: int,
    outcomes: dict[str, str] | None = None,
) -> list[PlaceCount]:
    """Where instances start or stop; an exit at an end with an outcome names it."""
    counted = Counter(tps)
    named = outcomes or {}
    out = [
        PlaceCount(tp, tp in designed, k, rate(k, n), named.get(tp)) for tp, k in counted.items()
    ]
    return sorted(out, key=lambda p: (-p.instances, order[p.touchpoint]))


def _drops(insts: list[list[Visit]], design: JourneyDesign) -> list[DropOut]:
    counted = Counter(
        (str(p[-1]["tp"]), str(p[-2]["tp"]) if len(p) > 1 else None)
        for p in insts
        if p[-1]["tp"] not in design.ends
    )
    out = [DropOut(tp, prev, k) for (tp, prev), k in counted.items()]
    return sorted(out, key=lambda d: (-d.instances, d.touchpoint, d.previous or ""))


def _funnel(insts: list[list[Visit]], design: JourneyDesign) -> list[StageFunnel]:
    out = []
    for s, name in enumerate(design.stages):
        entered = moved = ended = 0
        for p in insts:
            at = [i for i, v in enumerate(p) if design.stage_of[str(v["tp"])] == s]
            if not at:
                continue
            entered += 1
            later = [i for i, v in enumerate(p) if design.stage_of[str(v["tp"])] > s]
            if later and max(later) > at[0]:
                moved += 1
            elif p[-1]["tp"] in design.ends:
                ended += 1
        dropped = entered - moved - ended
        out.append(
            StageFunnel(
                name, entered, moved, ended, dropped, rate(moved, entered), rate(dropped, entered)
            )
        )
    return out


def _ends(insts: list[list[Visit]], design: JourneyDesign) -> list[EndTiming]:
    out = []
    for tp in design.touchpoints:
        if tp not in design.ends:
            continue
        took = [
            int(next(v["start"] for v in p if v["tp"] == tp)) - int(p[0]["start"])  # type: ignore[call-overload]
            for p in insts
            if any(v["tp"] == tp for v in p)
        ]
        out.append(EndTiming(tp, timing(took), design.outcomes.get(tp)))
    return out


def _variants(insts: list[list[Visit]]) -> tuple[list[Variant], int]:
    counted = Counter("\x1f".join(str(v["tp"]) for v in p) for p in insts)
    best = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return [Variant(k.split("\x1f"), c, rate(c, len(insts))) for k, c in best], len(counted)


def measure(
    path: Path,
    designs: list[JourneyDesign],
    segment: str | None,
    split: timedelta | None,
    spec: AttributionSpec | None = None,
) -> Measurement:
    rows, dups = read(path, segment)

    def attributed(m: Metrics, insts: list[list[Visit]], d: JourneyDesign) -> Metrics:
        found = reference_attribution.attribution(insts, d, spec) if spec else None
        return replace(m, attribution=found, kpis=reference_kpis.kpis(insts, d))

    stamps = sorted(parse(r["timestamp"]) for r in rows)
    journeys = []
    for d in sorted(designs, key=lambda d: d.id):
        insts = instances(rows, d, split)
        parts = []
        if segment:
            for seg in sorted({str(p[0]["seg"]) for p in insts}, key=lambda s: (s == "", s)):
                mine = [p for p in insts if p[0]["seg"] == seg]
                in_rows = [r for r in rows if r["_seg"] == seg]
                parts.append(attributed(metrics(mine, in_rows, d, seg or None, designs), mine, d))
        everyone = attributed(metrics(insts, rows, d, None, designs), insts, d)
        journeys.append(JourneyMeasure(d.id, d.title, everyone, parts))
    warnings = (
        [
            f"{dups} duplicate events (same customer, event and timestamp as an earlier row) "
            "were counted once"
        ]
        if dups
        else []
    )
    summary = LogSummary(
        str(path),
        len(rows) + dups,
        dups,
        len(rows),
        None,
        None,
        int(split.total_seconds()) if split else None,
        stamps[0].astimezone(UTC).isoformat(),
        stamps[-1].astimezone(UTC).isoformat(),
        _unmapped(rows, designs),
    )
    return Measurement(summary, journeys, warnings)
