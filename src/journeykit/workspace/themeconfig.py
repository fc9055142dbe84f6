"""The `[render.theme]` table of `journeykit.toml`: the brand's look in pictures and the report.

Pictures go into slide decks next to the brand's own: a team sets the font, the colours
for channels that have none of their own in the catalog, the logo of the report's
header and the workspace's title once, here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_HEX = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")
_FONT = re.compile(r"\w[\w .,'-]*")
LOGO_SUFFIXES = (".svg", ".png")
MAX_LOGO_BYTES = 2 << 20
"""The logo is inlined into every page of the report: a few hundred kilobytes at most."""


_Hex = Annotated[str, Field(json_schema_extra={"pattern": f"^{_HEX.pattern}$"})]
"""Checked by `_hex_colors`, for a message clearer than pydantic's on a pattern."""


def _hex_colors(value: list[str]) -> list[str]:
    for color in value:
        if _HEX.fullmatch(color) is None:
            raise ValueError(f"{color[:20]!r} is not a CSS hex colour like '#1f77b4' or '#f80'")
    return value


def _font(value: str) -> str:
    if _FONT.fullmatch(value) is None:
        raise ValueError(f"{value[:40]!r} is not a font family name such as 'Inter'")
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThemeConfig(_Section):
    """How pictures and the report look: the brand's font, colours, logo and title."""

    font: Annotated[str, AfterValidator(_font)] | None = Field(
        default=None,
        max_length=100,
        description="Font family of the pictures, e.g. 'Inter' (installed where Graphviz runs).",
    )
    palette: Annotated[list[_Hex], AfterValidator(_hex_colors)] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Hex colours for channels without a `color` of their own.",
    )
    logo: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="An SVG or PNG file (relative to the workspace) shown in the report header.",
    )
    title: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The workspace's title in the report and pictures (default: the folder name).",
    )


class RenderConfig(_Section):
    """`[render]`: how `journeykit render` and the report's pictures look."""

    theme: ThemeConfig = Field(
        default_factory=ThemeConfig, description="Font, palette, logo and title."
    )


def logo_problem(root: Path, logo: str | None) -> str | None:
    """Why `logo` is no SVG or PNG file inside the workspace at `root`; None when it is."""
    if logo is None:
        return None
    base = root.resolve()
    file = (base / logo).resolve()
    shown = repr(logo[:100])
    if Path(logo).is_absolute() or not file.is_relative_to(base):
        return f"{shown} must be a path inside the workspace"
    if file.suffix.lower() not in LOGO_SUFFIXES:
        return f"{shown} must be an SVG or PNG file (.svg or .png)"
    if not file.is_file():
        return f"no file {shown} in the workspace"
    if file.stat().st_size > MAX_LOGO_BYTES:
        return f"{shown} is larger than {MAX_LOGO_BYTES >> 20} MB"
    return None
