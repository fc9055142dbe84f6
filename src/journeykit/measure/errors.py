"""What `journeykit measure` raises for input it cannot use (the CLI exits 2)."""

from __future__ import annotations


class MeasureError(Exception):
    """Unusable input to a measurement: the message says what and where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class EventLogError(MeasureError):
    """A problem with the event log, located by file, column and row where known.

    `row` counts data rows from 1 (a CSV file's header is not a row).
    """

    def __init__(
        self, message: str, file: str, column: str | None = None, row: int | None = None
    ) -> None:
        super().__init__(message)
        self.file, self.column, self.row = file, column, row

    def __str__(self) -> str:
        where = [self.file]
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        return f"{', '.join(where)}: {self.message}"
