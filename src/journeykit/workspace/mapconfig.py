"""The `[map]` table of `journeykit.toml`: the workspace's own lanes of the journey map.

A team maps what its own practice needs beside the built-in rows (the systems behind a
touchpoint, legal notes, the front-line staff): it declares each lane once here, and
touchpoints fill it under `lanes: {key: text}`. A key no lane declares is JK210.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

LANE_KEY = r"^[a-z0-9][a-z0-9_-]*$"


class Lane(BaseModel):
    """One declared lane: `{key = "systems", title = "Systems"}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(
        pattern=LANE_KEY,
        max_length=60,
        description="What touchpoints write under `lanes`: lower-case letters, digits, - and _.",
    )
    title: str = Field(
        min_length=1, max_length=60, description="The lane's title on the map, e.g. 'Systems'."
    )


class MapConfig(BaseModel):
    """The `[map]` table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lanes: list[Lane] = Field(
        default_factory=list,
        description=(
            "The workspace's own lanes, drawn in this order below the built-in rows,"
            ' e.g. [{key = "systems", title = "Systems"}].'
        ),
    )

    @field_validator("lanes")
    @classmethod
    def _keys_unique(cls, lanes: list[Lane]) -> list[Lane]:
        keys = [lane.key for lane in lanes]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"lane key {twice[0]!r} is declared twice")
        return lanes

    def keys(self) -> list[str]:
        return [lane.key for lane in self.lanes]
