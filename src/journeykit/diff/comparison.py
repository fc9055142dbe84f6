"""What a diff compares: two snapshots, the files of each to report on, and which files
are one; and a pair of journeys, one per side (None where a side has none)."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.diff.snapshot import Snapshot
from journeykit.model import Journey
from journeykit.workspace.project import Located


@dataclass(slots=True)
class Comparison:
    """What to compare: two snapshots, which of their files to report on, which are one."""

    old: Snapshot
    new: Snapshot
    root_label: str
    old_scope: set[str] | None = None
    """Files of the old side to report on; None for all."""
    new_scope: set[str] | None = None
    renames: dict[str, str] = field(default_factory=dict)
    """Old path -> new path of files that are the same file (renamed, or paired by hand)."""
    file_moves: bool = True
    """Report a journey in another file; not when the user named the two files."""

    def in_old(self, rel: str) -> bool:
        return self.old_scope is None or rel in self.old_scope

    def in_new(self, rel: str) -> bool:
        return self.new_scope is None or rel in self.new_scope

    def renamed(self, rel: str) -> str:
        return self.renames.get(rel, rel)


Pair = tuple[Located[Journey] | None, Located[Journey] | None]
