"""The `[diff]` table of journeykit.toml: change levels and the CI failure threshold."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from journeykit.diff.rules import CHANGE_RULES, Level
from journeykit.loader.schema_errors import did_you_mean

LevelName = Literal["breaking", "warning", "info", "ignore"]


class DiffConfig(BaseModel):
    """How `journeykit diff` ranks changes."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    fail_on: Literal["breaking", "warning", "info", "none"] = Field(
        default="none",
        alias="fail-on",
        description="Exit 1 when a change at or above this level exists (the --fail-on default).",
    )
    levels: dict[str, LevelName] = Field(
        default_factory=dict,
        description='Level per kind of change, e.g. stage-removed = "breaking"; '
        '"ignore" hides that kind. `journeykit diff --list-changes` lists the kinds.',
    )

    @field_validator("levels")
    @classmethod
    def _known_changes(cls, value: dict[str, LevelName]) -> dict[str, LevelName]:
        for name in value:
            if name not in CHANGE_RULES:
                hint = did_you_mean(name, CHANGE_RULES)
                raise ValueError(
                    f"unknown kind of change {name!r}" + (f" ({hint})" if hint else "")
                )
        return value

    def level_of(self, rule: str) -> Level | None:
        """The configured level of a kind of change; None when it is ignored."""
        name = self.levels.get(rule)
        if name is None:
            return CHANGE_RULES[rule].level
        return None if name == "ignore" else Level.parse(name)

    def fail_level(self) -> Level | None:
        return None if self.fail_on == "none" else Level.parse(self.fail_on)
