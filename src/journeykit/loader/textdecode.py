"""A file's bytes to its text: size, binary content and encoding checked first.

Outside the loader package, so that the result cache can show the very text the loader
would without importing PyYAML or pydantic.
"""

from __future__ import annotations

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location

# Longest first: UTF-32's little-endian mark starts with UTF-16's.
_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Without a mark, the codecs that read the bytes as text with no NUL in it are tried;
# UTF-32 first, since UTF-16 reads UTF-32's zero halves as NUL characters.
_UNMARKED = (
    ("utf-32-le", "UTF-32", 4),
    ("utf-32-be", "UTF-32", 4),
    ("utf-16-le", "UTF-16", 2),
    ("utf-16-be", "UTF-16", 2),
)
_SNIFF_BYTES = 64 * 1024
_SAVE_AS_UTF8 = "save the file as UTF-8"


def decode(data: bytes, file: str, max_bytes: int) -> tuple[str | None, Finding | None]:
    """The text of a file's bytes, or the finding that says why there is none."""
    if len(data) > max_bytes:
        return None, too_large(file, max_bytes)
    nul = data.find(b"\x00")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or nul >= 0:
        other = _other_encoding(data)
        if other is not None:
            return None, other_encoding(file, other)
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
            _SAVE_AS_UTF8,
        )
    return text, None


def other_encoding(file: str, name: str) -> Finding:
    """JK002 for a file saved as UTF-16 or UTF-32: one finding, at its start, instead of
    a NUL byte's "binary file" or the syntax errors its text would give."""
    return bc.INVALID_ENCODING.finding(
        f"file is saved as {name}, but journeykit reads UTF-8 only",
        Location(file, 1, 1),
        f'{_SAVE_AS_UTF8} (Windows tools call UTF-16 "Unicode")'
        if name == "UTF-16"
        else _SAVE_AS_UTF8,
    )


def _other_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by the byte-order mark or, without one, by the first bytes
    reading as text with no NUL in it (the NULs are the high halves of ASCII)."""
    for mark, name in _MARKS:
        if data.startswith(mark):
            return name
    head = data[:_SNIFF_BYTES]
    for codec, name, width in _UNMARKED:
        if len(data) % width or not head:
            continue
        try:
            text = head.decode(codec)
        except UnicodeDecodeError as exc:
            if len(head) == len(data) or exc.start < len(head) - 4:
                continue
            text = head[: exc.start].decode(codec)  # a character cut where the head ends
        if _looks_like_text(text):
            return name
    return None


def _looks_like_text(text: str) -> bool:
    return "\x00" not in text and all(c.isprintable() or c in "\t\r\n" for c in text)


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
