"""Who gets the credit for an outcome: six attribution models side by side.

`--outcome` names a touchpoint or a stage of the journey, or an outcome its ends name
(`end: converted`: `--outcome converted`); `--attribution` the models:
- first: the path's first touchpoint gets the conversion;
- last: its last touchpoint before the outcome;
- linear: every visit of the path an equal share;
- time-decay: each visit a weight halving with every half-life (default 7 days)
  between it and the conversion, the path's weights scaled to one conversion;
- position: the first and the last visit 40 % each, the visits between share 20 %
  (configurable; a two-visit path splits first and last share in their proportion);
- markov: the removal effects of a first-order Markov chain over every instance's path,
  converting or not, scaled to the conversions (markov.py).
Every model gives out exactly one credit per conversion, so each model's touchpoint
credits add up to the conversions; channels and stages are the sums of their
touchpoints (each touchpoint has one channel and one stage in the design).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction

from journeykit.measure import markov
from journeykit.measure.attribution_query import FIRST, LAST, MIDDLE, ONLY, AttributionFacts, Key
from journeykit.measure.design import JourneyDesign
from journeykit.measure.result import Attribution, Disagreement, ModelCredit

MODELS = ("first", "last", "linear", "time-decay", "position", "markov")
PLACES = 6
"""Credits are rounded to this many decimal places (counts of conversions)."""


DEFAULT_OUTCOME = "converted"
"""What `--attribution` without `--outcome` attributes: the ends marked `end: converted`."""


@dataclass(frozen=True, slots=True)
class AttributionSpec:
    outcome: str
    models: tuple[str, ...] = MODELS
    half_life: timedelta = field(default_factory=lambda: timedelta(days=7))
    position: tuple[int, int, int] = (40, 20, 40)
    """Percent for the first visit, the visits between, the last; they add up to 100."""
    implied: bool = False
    """No `--outcome` was given: `outcome` is DEFAULT_OUTCOME."""


def parse_models(text: str) -> tuple[str, ...]:
    """`first,markov` -> the models in MODELS order; ValueError names an unknown one."""
    chosen = [m.strip() for m in text.split(",") if m.strip()]
    if not chosen:
        raise ValueError(f"name one or more of {', '.join(MODELS)}")
    for model in chosen:
        if model not in MODELS:
            from journeykit.loader.schema_errors import did_you_mean

            hint = did_you_mean(model, list(MODELS))
            known = ", ".join(MODELS)
            raise ValueError(
                f"unknown model {model!r}" + (f" ({hint})" if hint else "") + f"; use {known}"
            )
    return tuple(m for m in MODELS if m in chosen)


def outcome_codes(design: JourneyDesign, outcome: str) -> tuple[str, tuple[int, ...]] | None:
    """("touchpoint", "stage" or "outcome", the codes of its touchpoints), or None when
    `design` has no touchpoint or stage of that id and no end with that outcome (the
    ends marked `end: converted` are the natural outcome "converted")."""
    if outcome in design.code_of:
        return "touchpoint", (design.code_of[outcome],)
    if outcome in design.stages:
        index = design.stages.index(outcome)
        tps = sorted(design.code_of[t] for t, s in design.stage_of.items() if s == index)
        return "stage", tuple(tps)
    ends = sorted(design.code_of[t] for t, word in design.outcomes.items() if word == outcome)
    return ("outcome", tuple(ends)) if ends else None


def attribution(
    facts: AttributionFacts, key: Key, design: JourneyDesign, spec: AttributionSpec
) -> Attribution:
    """The models of `spec` for one key, rolled up to channels and stages."""
    kind, _ = outcome_codes(design, spec.outcome) or ("touchpoint", ())
    positions = facts.positions.get(key, [])
    conversions = sum(n for _, _, role, n in positions if role in (ONLY, FIRST))
    on_paths = sorted({tp for tp, *_ in positions}, key=design.touchpoints.index)
    raw: dict[str, Mapping[str, float | Fraction]] = {}
    for model in spec.models:
        if model == "time-decay":
            raw[model] = facts.decay.get(key, {})
        elif model == "markov":
            raw[model] = markov.credits(facts.moves.get(key, {}), conversions)
        else:
            raw[model] = _positional(model, positions, spec.position)
    models = {m: _rolled(raw[m], on_paths, design) for m in spec.models}
    return Attribution(
        outcome=spec.outcome,
        outcome_kind=kind,
        conversions=conversions,
        direct=facts.direct.get(key, 0),
        half_life_seconds=int(spec.half_life.total_seconds()),
        position=list(spec.position),
        models=models,
        disagreements=_disagreements(models, on_paths),
    )


def _positional(
    model: str, positions: list[tuple[str, int, int, int]], weights: tuple[int, int, int]
) -> dict[str, Fraction]:
    """first, last, linear or position, exactly: each is a function of a visit's role and
    its path's length only."""
    f, m, last = (Fraction(w, 100) for w in weights)
    out: dict[str, Fraction] = defaultdict(Fraction)
    for tp, k, role, n in positions:
        if model == "first":
            share = Fraction(role in (ONLY, FIRST))
        elif model == "last":
            share = Fraction(role in (ONLY, LAST))
        elif model == "linear":
            share = Fraction(1, k)
        elif role == ONLY:
            share = Fraction(1)
        elif k == 2:
            share = (f if role == FIRST else last) / (f + last)
        else:
            share = {FIRST: f, LAST: last, MIDDLE: m / (k - 2)}[role]
        out[tp] += share * n
    return out


def _rolled(
    credit: Mapping[str, float | Fraction], on_paths: list[str], design: JourneyDesign
) -> ModelCredit:
    channels: dict[str, float | Fraction] = defaultdict(float)
    stages: dict[str, float | Fraction] = defaultdict(float)
    for tp in on_paths:
        value = credit.get(tp, 0)
        channels[design.channel_of[tp]] += value
        index = design.stage_of[tp]
        stages[design.stages[index] if index < len(design.stages) else "(none)"] += value
    return ModelCredit(
        touchpoints={tp: _round(credit.get(tp, 0)) for tp in on_paths},
        channels={c: _round(v) for c, v in sorted(channels.items())},
        stages={s: _round(v) for s, v in sorted(stages.items())},
    )


def _round(value: float | Fraction) -> float:
    return round(float(value), PLACES) + 0.0  # + 0.0: no "-0.0" in the JSON


def _disagreements(models: Mapping[str, ModelCredit], on_paths: list[str]) -> list[Disagreement]:
    """Touchpoints by how far apart the models put them (widest first, then by id)."""
    out = []
    for tp in on_paths:
        values = sorted((c.touchpoints[tp], m) for m, c in models.items())
        if len(values) < 2:
            continue
        (low, lowest), (high, highest) = values[0], values[-1]
        out.append(Disagreement(tp, _round(high - low), lowest, highest))
    return sorted(out, key=lambda d: (-d.spread, d.touchpoint))
