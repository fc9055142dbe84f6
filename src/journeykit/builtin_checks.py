"""The checks built into loading and validation, with their stable codes.

Codes JK0xx are about reading the file, JK1xx about the schema, JK2xx about references
between items and files. Lint rules (JK3xx and up) live in `journeykit.checks.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.findings import Finding, Location, Severity
from journeykit.registry import keyed


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    name: str
    summary: str
    severity: Severity = Severity.ERROR

    def finding(self, message: str, location: Location, hint: str | None = None) -> Finding:
        return Finding(self.code, self.name, self.severity, message, location, hint)


def _c(code: str, name: str, summary: str) -> Check:
    return Check(code, name, summary)


YAML_SYNTAX = _c("JK001", "yaml-syntax", "The file is not well-formed YAML.")
INVALID_ENCODING = _c(
    "JK002", "invalid-encoding", "The file is not valid UTF-8 text (say, it is saved as UTF-16)."
)
BINARY_FILE = _c("JK003", "binary-file", "The file holds NUL bytes: it is binary, not YAML.")
FILE_TOO_LARGE = _c("JK004", "file-too-large", "The file is larger than `max-file-size`.")
DUPLICATE_KEY = _c("JK005", "duplicate-key", "A mapping has the same key twice.")
ALIAS_EXPANSION = _c(
    "JK006", "alias-expansion", "Aliases expand the document beyond `max-alias-nodes`."
)
NESTING_TOO_DEEP = _c("JK007", "nesting-too-deep", "Nesting is deeper than `max-depth`.")
MULTIPLE_DOCUMENTS = _c("JK008", "multiple-documents", "The file holds more than one document.")
UNSUPPORTED_TAG = _c("JK009", "unsupported-tag", "A node carries a tag journeykit does not read.")
EMPTY_FILE = _c("JK010", "empty-file", "The file holds no document.")
WRONG_TOP_LEVEL = _c("JK011", "wrong-top-level-type", "The document is not a mapping.")
RECURSIVE_ALIAS = _c("JK012", "recursive-alias", "An alias refers to a node that contains it.")
COMPLEX_KEY = _c("JK013", "complex-key", "A mapping key is a mapping or sequence.")
UNSUPPORTED_VERSION = _c(
    "JK014", "unsupported-version", "The `version` key is missing or names another format."
)
UNREADABLE_FILE = _c("JK015", "unreadable-file", "The file could not be read.")
UNKNOWN_FILE_KIND = _c(
    "JK016", "unknown-file-kind", "The file is neither a journey nor a catalog file."
)
LINK_OUTSIDE = _c(
    "JK017", "link-outside-workspace", "A symbolic link points outside the workspace."
)
COMMENT_IN_TEXT = Check(
    "JK020",
    "comment-in-text",
    "An unquoted ` #` cut a text short: YAML read the rest of the line as a comment.",
    Severity.WARNING,
)

MISSING_KEY = _c("JK101", "missing-key", "A required key is missing.")
UNKNOWN_KEY = _c("JK102", "unknown-key", "A key is not part of the format.")
INVALID_VALUE = _c("JK103", "invalid-value", "A value has the wrong type or is out of range.")

DUPLICATE_ID = _c("JK201", "duplicate-id", "Two items of the same kind share an id.")
UNKNOWN_PERSONA = _c("JK202", "unknown-persona", "A persona id is not in any personas file.")
UNKNOWN_CHANNEL = _c("JK203", "unknown-channel", "A channel id is not in any channels file.")
UNKNOWN_STAGE = _c("JK204", "unknown-stage", "A stage id is not a stage of the journey.")
UNKNOWN_TOUCHPOINT = _c(
    "JK205", "unknown-touchpoint", "A transition points to a touchpoint that does not exist."
)
UNKNOWN_JOURNEY = _c("JK206", "unknown-journey", "A transition points to an unknown journey.")
UNKNOWN_PAIN_POINT = _c(
    "JK207", "unknown-pain-point", "An opportunity addresses a pain point that does not exist."
)
UNCHECKED_REFERENCES = _c(
    "JK208",
    "unchecked-references",
    "References could not be checked: a file that may define their ids could not be read.",
)
DUPLICATE_EVENT = _c(
    "JK209",
    "duplicate-event",
    "Two touchpoints of a journey map the same event name (the first in the file wins).",
)
UNKNOWN_LANE = _c(
    "JK210", "unknown-lane", "A touchpoint fills a map lane that `[map] lanes` does not declare."
)
UNKNOWN_OUTCOME = _c(
    "JK211",
    "unknown-outcome",
    "An `end` names an outcome that is neither built in nor in `[journeys] outcomes`.",
)
UNKNOWN_PHASE = _c(
    "JK212",
    "unknown-phase",
    "A stage's `phase` is neither built in nor in the workspace's `[journeys] phases`.",
)

BUILTIN_CHECKS: dict[str, Check] = keyed(
    (
        YAML_SYNTAX,
        INVALID_ENCODING,
        BINARY_FILE,
        FILE_TOO_LARGE,
        DUPLICATE_KEY,
        ALIAS_EXPANSION,
        NESTING_TOO_DEEP,
        MULTIPLE_DOCUMENTS,
        UNSUPPORTED_TAG,
        EMPTY_FILE,
        WRONG_TOP_LEVEL,
        RECURSIVE_ALIAS,
        COMPLEX_KEY,
        UNSUPPORTED_VERSION,
        UNREADABLE_FILE,
        UNKNOWN_FILE_KIND,
        LINK_OUTSIDE,
        COMMENT_IN_TEXT,
        MISSING_KEY,
        UNKNOWN_KEY,
        INVALID_VALUE,
        DUPLICATE_ID,
        UNKNOWN_PERSONA,
        UNKNOWN_CHANNEL,
        UNKNOWN_STAGE,
        UNKNOWN_TOUCHPOINT,
        UNKNOWN_JOURNEY,
        UNKNOWN_PAIN_POINT,
        UNCHECKED_REFERENCES,
        DUPLICATE_EVENT,
        UNKNOWN_LANE,
        UNKNOWN_OUTCOME,
        UNKNOWN_PHASE,
    ),
    lambda check: check.code,
)
"""Every built-in check by code: an explicit registry, listed by `journeykit rules`."""
