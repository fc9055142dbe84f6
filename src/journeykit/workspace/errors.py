"""The error a bad configuration raises: light, so a cached run can catch it."""

from __future__ import annotations

import contextlib
from pathlib import Path


class ConfigError(Exception):
    """A configuration problem: the CLI reports it with its location and exits 2."""

    def __init__(self, message: str, file: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.file, self.line, self.column = message, file, line, column

    def __str__(self) -> str:
        shown = Path(self.file)
        with contextlib.suppress(ValueError, OSError):
            shown = shown.resolve().relative_to(Path.cwd())
        return f"{shown.as_posix()}:{self.line}:{self.column}: {self.message}"
