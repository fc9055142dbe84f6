"""What a run is asked to do: the options object every command fills in.

Importing this imports nothing heavy: a command can build its options, and the result
cache can key on them, before pydantic or PyYAML is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.kinds import FileKind

if TYPE_CHECKING:
    from journeykit.measure.result import Measurement
    from journeykit.workspace.project import Project

Progress = Callable[[int, int], None]
"""Called with (files loaded, files in all) as loading goes on."""
Request = tuple[Path, str, FileKind | None]
"""A file to load: its path, its path relative to the workspace root, its kind."""


class UsageError(Exception):
    """Bad paths or options: the CLI prints it and exits 2."""


@dataclass(frozen=True, slots=True)
class LintRequest:
    """Run the lint rules too: `select` replaces the configured codes, `ignore` adds."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    observe: Callable[[Project], Measurement] | None = None
    """Measures a loaded workspace against an event log: the rules then judge its
    measured KPI actuals, and the observed rules run too (`lint --events`)."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    base: Path | None = None
    """Paths in findings are shown relative to this folder (None: relative to each root)."""
    jobs: int | None = 1
    """Processes that load the files and run the rules; 1 (the default) forks nothing,
    None lets the run use one per core for big workspaces."""
    lint: LintRequest | None = None
    progress: Progress | None = None
    """Hears (files loaded, files in all) while loading."""
    allow_empty: bool = False
    """A path that selects no journeykit file is no usage error."""
