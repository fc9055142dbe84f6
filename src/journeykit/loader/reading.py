"""Reading a file up to its plain value, without pydantic: what a loading worker does.

A process forked before pydantic is imported can run all of this, so parsing starts
while the models are still being imported (see `journeykit.run.pool`).
"""

from __future__ import annotations

import stat
from pathlib import Path

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location
from journeykit.loader.limits import Limits
from journeykit.loader.textdecode import decode
from journeykit.loader.yamlread import ParsedYaml, parse_text


def clean(parsed: ParsedYaml) -> bool:
    """The fast path read it: a value, no finding, and no node tree to carry (it may
    carry its positions)."""
    return parsed.root is None and not parsed.findings and parsed.value is not None


def read_parsed(path: Path, rel: str, limits: Limits, *, located: bool = False) -> ParsedYaml:
    """The file read, decoded and parsed; a file that cannot be is a finding, no value.

    `located`: the fast path notes where each node is (`yamlread.parse_text`)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or a device (say, a link to /dev/zero) would block or never end.
            return _problem(bc.UNREADABLE_FILE.finding("not a regular file", Location(rel)))
        # Asking for the limit itself would allocate that much for every file.
        most = limits.max_file_bytes + 1
        want = min(info.st_size + 1, most)
        with open(path, "rb") as handle:
            data = handle.read(want)
            if len(data) == want < most:  # it grew since `stat`
                data += handle.read(most - want)
    except OSError as exc:
        return _problem(
            bc.UNREADABLE_FILE.finding(
                f"cannot read the file: {exc.strerror or exc}", Location(rel)
            )
        )
    text, problem = decode(data, rel, limits.max_file_bytes)
    del data  # a big file's bytes need not live on beside its text
    if problem is not None or text is None:
        return ParsedYaml(findings=[problem] if problem else [])
    return parse_text(text, rel, limits, located=located)


def _problem(finding: Finding) -> ParsedYaml:
    return ParsedYaml(findings=[finding])
