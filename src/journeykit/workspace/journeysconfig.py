"""The `[journeys]` table of `journeykit.toml`: what journey files may say beyond the
built-in words, their outcomes and their lifecycle's phases.

```toml
[journeys]
phases = ["awareness", "consideration", "signup", "onboarding", "usage", "renewal"]
outcomes = ["renewed"]

[journeys.plays]
signup = "purchase"
onboarding = "post-purchase"
usage = "post-purchase"
renewal = "loyalty"
```
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from journeykit.loader.schema_errors import did_you_mean
from journeykit.model.outcomes import Outcome
from journeykit.model.phases import BUILTIN_PHASES, Part, Phases

PHASE_NAME = r"^[a-z0-9][a-z0-9_-]*$"


class JourneysConfig(BaseModel):
    """`[journeys]`: what journey files may say beyond the built-in words."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    outcomes: list[Outcome] = Field(
        default_factory=list,
        description=(
            "Outcome words a touchpoint's `end` may take besides converted, churned,"
            " abandoned and handed-off, e.g. ['renewed', 'referred']."
        ),
    )
    phases: list[str] = Field(
        default_factory=lambda: list(BUILTIN_PHASES),
        min_length=1,
        description=(
            "The phases a stage's `phase` may name, in lifecycle order (default: awareness,"
            " consideration, purchase, post-purchase, loyalty), e.g. ['awareness',"
            " 'consideration', 'signup', 'onboarding', 'usage', 'renewal']."
        ),
    )
    plays: dict[str, Part] = Field(
        default_factory=dict,
        description=(
            "Which part of the purchase cycle each of the workspace's own phases plays for"
            " the rules: awareness, consideration, purchase, post-purchase or loyalty, e.g."
            " {signup = 'purchase', usage = 'post-purchase'}. A built-in phase plays itself."
        ),
    )

    @field_validator("phases")
    @classmethod
    def _phases_named(cls, phases: list[str]) -> list[str]:
        for name in phases:
            if not re.match(PHASE_NAME, name) or len(name) > 50:
                raise ValueError(
                    f"phase {name!r}: lower-case letters, digits, - and _ (up to 50),"
                    " starting with a letter or digit"
                )
        twice = sorted({p for p in phases if phases.count(p) > 1})
        if twice:
            raise ValueError(f"phase {twice[0]!r} is listed twice")
        return phases

    @field_validator("plays")
    @classmethod
    def _plays_known(cls, plays: dict[str, Part], info: ValidationInfo) -> dict[str, Part]:
        phases: list[str] = info.data.get("phases", list(BUILTIN_PHASES))
        for name in plays:
            if name not in phases:
                near = did_you_mean(name, phases)
                raise ValueError(
                    f"{name!r} is not one of `phases`"
                    + (f" ({near})" if near else "")
                    + f"; the phases: {', '.join(phases)}"
                )
        return plays

    @functools.cached_property
    def phase_set(self) -> Phases:
        """The phases in lifecycle order with the part each plays (worked out once: every
        rule on every journey asks)."""
        builtin = {p.value: p for p in Part}
        plays = {n: self.plays.get(n, builtin.get(n)) for n in self.phases}
        return Phases(tuple(self.phases), {n: p for n, p in plays.items() if p is not None})
