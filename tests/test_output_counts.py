"""Counted nouns in the finding formats' and measure's lines: "1 file", "2 files",
"1 error", "3 info" (info has no plural)."""

from __future__ import annotations

import pytest

from journeykit.findings import Finding, Location, Severity
from journeykit.measure.result import LogSummary, Measurement
from journeykit.output import summary_line
from journeykit.output.context import by_severity, severity_heading
from journeykit.output.measure_tables import headline
from journeykit.words import counted


def _finding(severity: Severity, file: str = "a.journey.yaml", line: int = 1) -> Finding:
    return Finding("JK304", "dead-end", severity, "m", Location(file, line))


@pytest.mark.parametrize(
    ("n", "noun", "many", "expected"),
    [
        (1, "journey", None, "1 journey"),
        (0, "journey", None, "0 journeys"),
        (2, "file", None, "2 files"),
        (1200, "row", None, "1,200 rows"),
        (1, "journey instance", None, "1 journey instance"),
        (3, "info", "info", "3 info"),
    ],
)
def test_counted(n: int, noun: str, many: str | None, expected: str) -> None:
    assert counted(n, noun, many) == expected


@pytest.mark.parametrize(
    ("severities", "files", "expected"),
    [
        ([], 1, "All checks passed (1 file checked)."),
        ([], 2, "All checks passed (2 files checked)."),
        ([Severity.ERROR], 1, "Found 1 error in 1 of 1 file."),
        (
            [Severity.INFO, Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.ERROR],
            3,
            "Found 2 errors, 1 warning, 2 info in 1 of 3 files.",
        ),
    ],
)
def test_summary_line_counts_in_the_right_number(
    severities: list[Severity], files: int, expected: str
) -> None:
    assert summary_line([_finding(s) for s in severities], files) == expected


def test_by_severity_keeps_file_order_within_a_severity() -> None:
    given = [
        _finding(Severity.INFO, "a.yaml", 1),
        _finding(Severity.WARNING, "a.yaml", 2),
        _finding(Severity.ERROR, "b.yaml", 9),
        _finding(Severity.WARNING, "b.yaml", 1),
        _finding(Severity.ERROR, "c.yaml", 1),
    ]
    ordered = [(f.severity.label, f.location.file) for f in by_severity(given)]
    assert ordered == [
        ("error", "b.yaml"),
        ("error", "c.yaml"),
        ("warning", "a.yaml"),
        ("warning", "b.yaml"),
        ("info", "a.yaml"),
    ]
    assert [severity_heading(s, n) for s, n in zip(Severity, (1, 1, 14), strict=True)] == [
        "info (1)",
        "warnings (1)",
        "errors (14)",
    ]


def test_measure_headline_counts_one_row() -> None:
    log = LogSummary("events.csv", 1, 0, 1, None, None, None, "2026-01-01", "2026-01-01")
    assert headline(Measurement(log, [], []))[0] == (
        "Event log events.csv: 1 row, 1 counted (2026-01-01 .. 2026-01-01)"
    )
