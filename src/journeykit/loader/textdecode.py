"""A file's bytes to its text: size, binary content and encoding checked first.

Outside the loader package, so that the result cache can show the very text the loader
would without importing PyYAML or pydantic.
"""

from __future__ import annotations

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location


def decode(data: bytes, file: str, max_bytes: int) -> tuple[str | None, Finding | None]:
    """The text of a file's bytes, or the finding that says why there is none."""
    if len(data) > max_bytes:
        return None, too_large(file, max_bytes)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        return None, bc.BINARY_FILE.finding(
            "file holds a NUL byte: it is binary, not YAML text", Location(file, line, col)
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line, col = _line_col(data, start)
        return None, bc.INVALID_ENCODING.finding(
            f"file is not valid UTF-8: byte 0x{data[start]:02x} cannot be decoded",
            Location(file, line, col),
            "save the file as UTF-8",
        )
    return text, None


def too_large(file: str, max_bytes: int) -> Finding:
    """JK004: also said of a file whose size alone is known (a blob in git history)."""
    return bc.FILE_TOO_LARGE.finding(
        f"file is larger than the limit of {max_bytes:,} bytes",
        Location(file),
        "raise `max-file-size` under [limits] in journeykit.toml if this is intended",
    )


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
