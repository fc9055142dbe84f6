"""Finding formatters: each returns a string; only the CLI writes it anywhere.

`FORMATTERS` maps a `--format` name to the function that renders it, imported when
that format is used. The formatters share `journeykit.output.context` and never import
this package back.
"""

from __future__ import annotations

from journeykit.output.context import (
    DEFAULT_MAX_FINDINGS,
    Format,
    Formatter,
    OutputContext,
    RuleInfo,
    capped,
    counts,
    not_shown_line,
    statistics,
    summary_line,
)
from journeykit.registry import LazyRegistry

FORMATTERS: LazyRegistry[Formatter] = LazyRegistry(
    {
        Format.human: "journeykit.output.human:render",
        Format.concise: "journeykit.output.concise:render",
        Format.json: "journeykit.output.json_format:render",
        Format.github: "journeykit.output.github:render",
        Format.sarif: "journeykit.output.sarif:render",
    }
)


def formatter(fmt: Format) -> Formatter:
    return FORMATTERS[fmt]


__all__ = [
    "DEFAULT_MAX_FINDINGS",
    "FORMATTERS",
    "Format",
    "Formatter",
    "OutputContext",
    "RuleInfo",
    "capped",
    "counts",
    "formatter",
    "not_shown_line",
    "statistics",
    "summary_line",
]
