"""The plain-Python reference of attribution: every model from the instances' visit lists.

Independent of the engine's route on purpose: no roles or path-length groups, the
Markov chain solved exactly with fractions by Gaussian elimination (the product uses
numpy's float solver), the roll-ups summed per touchpoint afresh.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction

from journeykit.measure.attribution import AttributionSpec
from journeykit.measure.design import JourneyDesign
from journeykit.measure.result import Attribution, Disagreement, ModelCredit

Visit = dict[str, object]
Credit = dict[str, Fraction | float]


def attribution(
    insts: list[list[Visit]], design: JourneyDesign, spec: AttributionSpec
) -> Attribution | None:
    if spec.outcome in design.touchpoints:
        kind, targets = "touchpoint", {spec.outcome}
    elif spec.outcome in design.stages:
        index = design.stages.index(spec.outcome)
        kind, targets = "stage", {t for t in design.touchpoints if design.stage_of[t] == index}
    else:
        return None
    converted: list[tuple[list[Visit], int]] = []
    walks: list[tuple[list[str], bool]] = []
    direct = 0
    for p in insts:
        at = next((i for i, v in enumerate(p) if v["tp"] in targets), None)
        if at is None:
            walks.append(([str(v["tp"]) for v in p], False))
            continue
        direct += at == 0
        path = p[:at] or p[:1]
        converted.append((path, int(str(p[at]["start"]))))
        walks.append(([str(v["tp"]) for v in path], True))
    credits = {m: _model(m, converted, walks, spec) for m in spec.models}
    on_paths = [t for t in design.touchpoints if any(v["tp"] == t for p, _ in converted for v in p)]
    models = {m: _rolled(c, on_paths, design) for m, c in credits.items()}
    spreads = []
    if len(models) > 1:
        for tp in on_paths:
            values = sorted((c.touchpoints[tp], m) for m, c in models.items())
            spread = round(values[-1][0] - values[0][0], 6) + 0.0
            spreads.append(Disagreement(tp, spread, values[0][1], values[-1][1]))
    return Attribution(
        outcome=spec.outcome,
        outcome_kind=kind,
        conversions=len(converted),
        direct=direct,
        half_life_seconds=int(spec.half_life.total_seconds()),
        position=list(spec.position),
        models=models,
        disagreements=sorted(spreads, key=lambda d: (-d.spread, d.touchpoint)),
    )


def _model(
    model: str,
    converted: list[tuple[list[Visit], int]],
    walks: list[tuple[list[str], bool]],
    spec: AttributionSpec,
) -> Credit:
    if model == "markov":
        return _markov(walks, len(converted))
    out: Credit = defaultdict(Fraction)
    f, m, last = (Fraction(w, 100) for w in spec.position)
    half_life = spec.half_life.total_seconds()
    for path, at in converted:
        tps = [str(v["tp"]) for v in path]
        k = len(tps)
        shares: Sequence[Fraction | float]
        if model == "first":
            shares = [Fraction(1)] + [Fraction(0)] * (k - 1)
        elif model == "last":
            shares = [Fraction(0)] * (k - 1) + [Fraction(1)]
        elif model == "linear":
            shares = [Fraction(1, k)] * k
        elif model == "position":
            if k == 1:
                shares = [Fraction(1)]
            elif k == 2:
                shares = [f / (f + last), last / (f + last)]
            else:
                shares = [f] + [m / (k - 2)] * (k - 2) + [last]
        else:
            weights = [0.5 ** ((at - int(str(v["start"]))) / half_life) for v in path]
            shares = [w / sum(weights) for w in weights]
        for tp, share in zip(tps, shares, strict=True):
            out[tp] += share
    return out


def _markov(walks: list[tuple[list[str], bool]], conversions: int) -> Credit:
    moves: dict[tuple[str, str], int] = defaultdict(int)
    for tps, ok in walks:
        states = ["(start)", *tps, "(conv)" if ok else "(null)"]
        for a, b in itertools.pairwise(states):
            moves[(a, b)] += 1
    states = sorted({s for pair in moves for s in pair} - {"(start)", "(conv)", "(null)"})
    base = _p_conv(moves, None)
    if not base:
        return {}
    effects = {s: 1 - _p_conv(moves, s) / base for s in states}
    total = sum(effects.values())
    return {s: conversions * e / total for s, e in effects.items()}


def _p_conv(moves: dict[tuple[str, str], int], removed: str | None) -> Fraction:
    """Exact absorption probability in (conv) from (start), by Gaussian elimination."""
    transient = ["(start)", *sorted({a for a, _ in moves} - {"(start)"})]
    at = {s: i for i, s in enumerate(transient)}
    out_of: dict[str, int] = defaultdict(int)
    for (a, _), n in moves.items():
        out_of[a] += n
    size = len(transient)
    # Rows of (I - Q | r).
    rows = [[Fraction(int(i == j)) for j in range(size)] + [Fraction(0)] for i in range(size)]
    for (a, b), n in moves.items():
        if a == removed:
            continue
        p = Fraction(n, out_of[a])
        if b == "(conv)":
            rows[at[a]][size] += p
        elif b in at:
            rows[at[a]][at[b]] -= p
    for col in range(size):
        pivot = next(r for r in range(col, size) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [x / lead for x in rows[col]]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[col], strict=True)]
    return rows[0][size]


def _rolled(credit: Credit, on_paths: list[str], design: JourneyDesign) -> ModelCredit:
    channels: Credit = defaultdict(Fraction)
    stages: Credit = defaultdict(Fraction)
    for tp in on_paths:
        channels[design.channel_of[tp]] += credit.get(tp, 0)
        stages[design.stages[design.stage_of[tp]]] += credit.get(tp, 0)

    def rounded(values: Credit) -> dict[str, float]:
        return {k: round(float(v), 6) + 0.0 for k, v in sorted(values.items())}

    return ModelCredit(
        touchpoints={tp: round(float(credit.get(tp, 0)), 6) + 0.0 for tp in on_paths},
        channels=rounded(channels),
        stages=rounded(stages),
    )
