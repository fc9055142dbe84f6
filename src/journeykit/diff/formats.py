"""The diff's output formats: each `render(report, context) -> str`, chosen by name."""

from __future__ import annotations

import enum
from collections.abc import Callable

from journeykit.diff.changes import DiffReport
from journeykit.diff.format_base import MARKER, DiffContext
from journeykit.registry import LazyRegistry


class DiffFormat(enum.StrEnum):
    human = "human"
    markdown = "markdown"
    json = "json"
    github = "github"


Renderer = Callable[[DiffReport, DiffContext], str]

RENDERERS: LazyRegistry[Renderer] = LazyRegistry(
    {
        DiffFormat.human: "journeykit.diff.format_human:render",
        DiffFormat.markdown: "journeykit.diff.format_markdown:render",
        DiffFormat.json: "journeykit.diff.format_json:render",
        DiffFormat.github: "journeykit.diff.format_github:render",
    }
)


def renderer(fmt: DiffFormat) -> Renderer:
    return RENDERERS[fmt]


__all__ = ["MARKER", "RENDERERS", "DiffContext", "DiffFormat", "Renderer", "renderer"]
