"""What the finding formatters share: their context, the formats, counts and caps.

Its own module so that each formatter imports it and nothing imports a formatter but
the registry in `journeykit.output`, on demand.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from journeykit.findings import Finding, Severity
from journeykit.words import counted


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    summary: str
    severity: Severity


@dataclass(frozen=True, slots=True)
class OutputContext:
    """What a formatter may need beyond the findings themselves."""

    sources: Mapping[str, str | None] = field(default_factory=dict)
    """File text by the path findings show, for code frames."""
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    files_checked: int = 0
    color: bool = False
    width: int = 100
    show_statistics: bool = False
    max_findings: int = 0
    """Show at most this many findings (0: all); counts and statistics cover all of them."""


class Format(enum.StrEnum):
    human = "human"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"


Formatter = Callable[[Sequence[Finding], OutputContext], str]


DEFAULT_MAX_FINDINGS = 10_000
"""The CLI's cap on findings shown per run in the formats people read (human, concise,
github): a million findings printed help nobody and cost gigabytes of memory."""


def capped(findings: Sequence[Finding], context: OutputContext) -> tuple[Sequence[Finding], int]:
    """The findings to show, and how many are left out by `context.max_findings`."""
    cap = context.max_findings
    if cap <= 0 or len(findings) <= cap:
        return findings, 0
    return findings[:cap], len(findings) - cap


def not_shown_line(left_out: int) -> str:
    return f"... and {left_out:,} more finding{'s' * (left_out != 1)} not shown (--max-findings)"


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    out = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        out[f.severity.label] += 1
    return out


def statistics(findings: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """(code, name, count) per code, most frequent first."""
    tally: dict[tuple[str, str], int] = {}
    for f in findings:
        tally[(f.code, f.name)] = tally.get((f.code, f.name), 0) + 1
    return sorted(((c, n, k) for (c, n), k in tally.items()), key=lambda r: (-r[2], r[0]))


def severity_noun(severity: Severity, n: int) -> str:
    """`error`/`errors`, `warning`/`warnings`, `info` (no plural)."""
    label = severity.label
    return label if n == 1 or severity is Severity.INFO else label + "s"


def by_severity(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within one severity the order given
    (file, line, column, code: `sort_findings`). The formats people read list the
    one compliance error before the fourteen missing owners."""
    return sorted(findings, key=lambda f: -f.severity)


def severity_heading(severity: Severity, n: int) -> str:
    """`errors (1)`, `warnings (14)`, `info (3)`: the heading over one severity's findings."""
    return f"{severity_noun(severity, 2)} ({n:,})"


def summary_line(findings: Sequence[Finding], files_checked: int) -> str:
    files = counted(files_checked, "file")
    if not findings:
        return f"All checks passed ({files} checked)."
    tally = counts(findings)
    parts = [
        f"{n} {severity_noun(s, n)}"
        for s in sorted(Severity, reverse=True)
        if (n := tally[s.label])
    ]
    with_findings = len({f.location.file for f in findings})
    return f"Found {', '.join(parts)} in {with_findings} of {files}."
