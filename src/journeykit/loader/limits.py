"""Resource guards for hostile input; configurable under `[limits]` in the workspace config."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_DEPTH = 100
DEFAULT_MAX_ALIAS_NODES = 100_000
MAX_MAX_DEPTH = 900
"""Below libyaml's own cap of 1,000 levels, so JK007 is always journeykit's to report."""


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    """Files larger than this are not parsed (JK004)."""
    max_depth: int = DEFAULT_MAX_DEPTH
    """Deepest nesting of mappings and sequences, aliases expanded (JK007)."""
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES
    """How many nodes aliases may add to a document once expanded (JK006)."""

    def __post_init__(self) -> None:
        if not 1 <= self.max_depth <= MAX_MAX_DEPTH:
            raise ValueError(f"max-depth must be between 1 and {MAX_MAX_DEPTH}")
        if self.max_file_bytes < 1 or self.max_alias_nodes < 0:
            raise ValueError("limits must be positive")
