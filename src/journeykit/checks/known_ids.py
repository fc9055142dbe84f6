"""What a reference may name, and the references that could not be checked.

`Refs` holds the known ids of a project, says "did you mean" within a budget, and counts
the references into files that could not be read instead of reporting each one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location, Severity, sort_findings
from journeykit.loader.locate import PathPart
from journeykit.loader.schema_errors import did_you_mean
from journeykit.loader.source import SourceFile
from journeykit.words import listed
from journeykit.workspace.project import Located, Project

SUGGESTION_BUDGET = 1_000_000
"""Known ids that "did you mean" may compare unknown ones with, in all, per check (about
1.5 s): 100,000 unknown ids against a catalog of 100,000 would otherwise be 10^10."""

_CATALOG_KINDS = frozenset({"persona", "channel", "journey"})
"""Kinds whose known ids are the same for the whole run, so a hint can be kept."""


class Budget:
    """What is left of SUGGESTION_BUDGET for one run of `check_references`."""

    __slots__ = ("left",)

    def __init__(self, comparisons: int = SUGGESTION_BUDGET) -> None:
        self.left = comparisons


@dataclass(slots=True)
class _Unchecked:
    count: int
    first: Location
    causes: list[SourceFile]


class Refs:
    """The ids references may name, and the references that could not be checked."""

    def __init__(self, project: Project, budget: Budget) -> None:
        self.project = project
        self.budget = budget
        self.hints: dict[tuple[str, str], str | None] = {}
        """Catalog hints by (kind, id): a typo repeated 100,000 times costs one search."""
        self.personas = self._known("persona", project.personas)
        self.channels = self._known("channel", project.channels)
        self.journeys = self._known("journey", project.journeys)
        self.unchecked: dict[tuple[str, str], _Unchecked] = {}
        """By (referring file, what the references are to)."""

    def _known(self, kind: str, index: Mapping[str, object]) -> Collection[str]:
        """The ids of `kind` a reference may name: the index's, and those lent to it."""
        lent = self.project.lent.get(kind)
        return index.keys() | lent if lent else index.keys()

    def unknown(
        self,
        check: bc.Check,
        kind: str,
        value: str,
        known: Iterable[str],
        at: Located[object],
        path: tuple[PathPart, ...],
        causes: list[SourceFile] | None = None,
        what: str | None = None,
    ) -> Iterator[Finding]:
        """A reference to `value`, which `known` lacks: a finding, or counted under `what`
        when a file that may define it (`causes`, by default the unread files of `kind`)
        could not be read."""
        causes = causes if causes is not None else self.project.unread.get(kind)
        if causes:
            what = what or f"{kind}s"
            entry = self.unchecked.get((at.source.rel, what))
            if entry is None:
                self.unchecked[at.source.rel, what] = _Unchecked(1, at.locate(*path), causes)
            else:
                entry.count += 1
            return
        yield check.finding(
            f"unknown {kind} {value!r}", at.locate(*path), self.hint(kind, value, known)
        )

    def hint(self, kind: str, value: str, known: Iterable[str]) -> str | None:
        """ "did you mean", while the budget lasts; after that findings come without one."""
        key = (kind, value)
        if key in self.hints:
            return self.hints[key]
        candidates = known if isinstance(known, Collection) else list(known)
        hint = None
        if len(candidates) <= self.budget.left:
            self.budget.left -= len(candidates)
            hint = did_you_mean(value, candidates)
        if kind in _CATALOG_KINDS:
            self.hints[key] = hint
        return hint

    def folded(self) -> Iterator[Finding]:
        for (_, what), entry in self.unchecked.items():
            files = [c.rel for c in entry.causes]
            named = listed(files, "and")
            seen = [_cause(c) for c in entry.causes]
            see = "; ".join(s for s in seen if s)
            n = entry.count
            yield bc.UNCHECKED_REFERENCES.finding(
                f"{n} reference{'s' if n != 1 else ''} to {what} could not be checked because "
                f"{named} could not be read" + (f" (see {see})" if see else ""),
                entry.first,
                f"fix {named} first; then these references are checked",
            )


def _cause(source: SourceFile) -> str:
    """Where the first error of a file that could not be read is."""
    errors = sort_findings(f for f in source.findings if f.severity is Severity.ERROR)
    if not errors:
        return ""
    where = errors[0].location
    return f"{errors[0].code} at {where.file}:{where.line}:{where.column}"
