"""The one result type: every check, from YAML syntax to lint rules, says a `Finding`."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self


class Scale(enum.IntEnum):
    """The one ranking: 1 info, 2 warning, 3 error. A subclass names the ranks in its own
    words (the diff says "breaking" for 3); parsing, labels and order are these."""

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def noun(cls) -> str:
        """What one rank is called in messages."""
        return cls.__name__.lower()

    @classmethod
    def parse(cls, text: str) -> Self:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            *most, last = (rank.label for rank in sorted(cls, reverse=True))
            expected = f"{', '.join(most)} or {last}"
            raise ValueError(f"unknown {cls.noun()} {text!r} (expected {expected})") from None

    @property
    def severity(self) -> Severity:
        return Severity(int(self))


class Severity(Scale):
    """How bad a finding is; the order matters for `--fail-level`."""

    INFO = 1
    WARNING = 2
    ERROR = 3


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """Where a finding points: a file, a YAML path inside it, a 1-based line and column."""

    file: str
    """Path of the file, relative to the workspace root, with forward slashes."""
    line: int = 1
    column: int = 1
    yaml_path: str = ""
    """Dotted path to the node, e.g. `touchpoints[2].channel`; empty for the document."""
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check says about the input."""

    code: str
    """Stable code such as `JK203`; the prefix carries the category."""
    name: str
    """Readable kebab-case name such as `unknown-stage`."""
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    """An optional suggestion, e.g. "did you mean 'purchase'?"."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def in_file(self, file: str) -> Finding:
        """The same finding with its location's file shown as `file`."""
        if file == self.location.file:
            return self
        loc = self.location
        where = Location(file, loc.line, loc.column, loc.yaml_path, loc.end_line, loc.end_column)
        return Finding(self.code, self.name, self.severity, self.message, where, self.hint)

    def to_data(self) -> FindingData:
        """The finding as plain values: the one form it takes across a process or into a
        file (marshal, JSON, pickle all carry it)."""
        loc = self.location
        return (
            self.code,
            self.name,
            int(self.severity),
            self.message,
            loc.file,
            loc.line,
            loc.column,
            loc.yaml_path,
            loc.end_line,
            loc.end_column,
            self.hint,
        )

    @staticmethod
    def from_data(data: Sequence[Any]) -> Finding:
        """The finding back from `to_data` (a tuple, or the list JSON makes of it)."""
        code, name, severity, message, file, line, column, path, end_line, end_column, hint = data
        location = Location(file, line, column, path, end_line, end_column)
        return Finding(code, name, Severity(severity), message, location, hint)

    def __reduce__(self) -> tuple[Callable[[FindingData], Finding], tuple[FindingData]]:
        # A loaded file crosses processes pickled whole, findings and all: through the
        # codec, 7,500 findings pickle in 13 + 32 ms, field by field in 29 + 63 ms.
        return Finding.from_data, (self.to_data(),)


FindingData = tuple[str, str, int, str, str, int, int, str, int | None, int | None, str | None]
"""code, name, severity rank, message, file, line, column, YAML path, end line, end
column, hint."""


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The one order every output uses: file, line, column, code."""
    return sorted(findings, key=Finding.sort_key)


def max_severity(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def exit_code_for(findings: Iterable[Finding], fail_level: Severity = Severity.ERROR) -> int:
    """0 when nothing at or above `fail_level` was found, else 1 (2 is for usage/IO errors)."""
    worst = max_severity(findings)
    return 1 if worst is not None and worst >= fail_level else 0
