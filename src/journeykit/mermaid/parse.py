"""Reading Mermaid `journey` diagrams from .mmd files and ```mermaid blocks in Markdown.

Lenient where real diagrams are: colons inside section and task names (the score is the
first field after a colon that is a whole number), quoted task names, tasks without
actors, entity codes such as `#58;`, comments and accessibility lines. Every problem is
a `Finding` with the line in the original file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from journeykit.builtin_checks import Check
from journeykit.findings import Finding, Location, Severity

NOT_A_TASK = Check("MM001", "not-a-task", "A line in a journey is neither a section nor a task.")
SCORE_OUT_OF_RANGE = Check(
    "MM002", "score-out-of-range", "A task score is outside 1-5.", Severity.WARNING
)
INVALID_SCORE = Check("MM003", "invalid-score", "A task score is not a whole number.")
NO_JOURNEY = Check("MM004", "no-journey-diagram", "The file holds no Mermaid journey diagram.")
EMPTY_JOURNEY = Check("MM005", "empty-journey", "A journey diagram has no tasks.", Severity.WARNING)
TEXT_TOO_LONG = Check(
    "MM006",
    "text-too-long",
    "A title, section, task or actor name is longer than journeykit keeps.",
    Severity.WARNING,
)

SCORE_MIN = 1
SCORE_MAX = 5
MAX_TEXT = 10_000
"""The longest name or title the journeykit format holds (`model.common.Text`)."""
_SHOWN = 40
"""Characters of a hostile value quoted in a message."""


@dataclass(slots=True)
class Task:
    name: str
    score: int | None
    """The score clamped to 1-5; None when it was not a number."""
    actors: list[str]
    line: int


@dataclass(slots=True)
class Section:
    name: str
    line: int
    tasks: list[Task] = field(default_factory=list)


@dataclass(slots=True)
class Diagram:
    line: int
    """Line of the `journey` keyword."""
    title: str | None = None
    sections: list[Section] = field(default_factory=list)

    @property
    def tasks(self) -> list[Task]:
        return [t for s in self.sections for t in s.tasks]


# `[^`]*$` and not `[^`]*\}?\s*$`: the same lines, without backtracking quadratically.
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*\{?\s*mermaid\b[^`]*$", re.IGNORECASE)
_ENTITY = re.compile(r"#(\w+);")
_SKIP = re.compile(r"^(accTitle\s*:|accDescr\s*:|%%)", re.IGNORECASE)
_KEYWORD = re.compile(r"^(title|section)(?:\s+(.*))?$", re.IGNORECASE)


def decode(text: str) -> str:
    """Mermaid entity codes (`#58;`, `#colon;`) back to characters."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        entity = f"&#{name};" if name.isdigit() else f"&{name};"
        decoded = html.unescape(entity)
        return match.group(0) if decoded == entity else decoded

    return _ENTITY.sub(one, text)


def blocks(text: str, markdown: bool) -> list[tuple[int, list[str]]]:
    """(first line number, lines) of each Mermaid source in the file."""
    lines = text.splitlines()
    if not markdown:
        return [(1, lines)]
    found: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence = match.group(2)
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        found.append((start + 1, lines[start:j]))
        i = j + 1
    return found


def _front_matter(lines: list[str]) -> int:
    """Lines to skip for a `---` front-matter block (Mermaid config)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    for i in range(first + 1, len(lines)):
        if lines[i].strip() == "---":
            return i + 1
    return 0


Line = tuple[int, int, str]
"""(line number, column of the first character, the line stripped)."""


def parse_file(text: str, rel: str, markdown: bool) -> tuple[list[Diagram], list[Finding]]:
    """Every journey diagram in the text, and the problems found reading them."""
    diagrams: list[Diagram] = []
    findings: list[Finding] = []
    for first, lines in blocks(text, markdown):
        skip = _front_matter(lines)
        content: list[Line] = []
        for i in range(skip, len(lines)):
            stripped = lines[i].strip()
            if stripped and not stripped.startswith("%%"):
                indent = len(lines[i]) - len(lines[i].lstrip())
                content.append((first + i, indent + 1, stripped))
        if not content or content[0][2].split()[0].lower() != "journey":
            continue
        diagram = Diagram(content[0][0])
        _parse_body(diagram, content[1:], rel, findings)
        if not diagram.tasks:
            findings.append(
                EMPTY_JOURNEY.finding(
                    "the journey diagram has no tasks",
                    Location(rel, diagram.line, content[0][1]),
                )
            )
        diagrams.append(diagram)
    if not diagrams:
        what = "```mermaid block" if markdown else "diagram"
        findings.append(
            NO_JOURNEY.finding(
                f"no Mermaid journey {what} found",
                Location(rel),
                "a journey diagram starts with the line `journey`",
            )
        )
    return diagrams, findings


def _shown(text: str) -> str:
    """`text` quoted for a message, cut when it is long."""
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN]!r}… ({len(text):,} characters)"


def _text(raw: str, what: str, loc: Location, findings: list[Finding]) -> str:
    """`raw` decoded and stripped, cut to what the format holds (with a finding)."""
    value = decode(raw).strip()
    if len(value) > MAX_TEXT:
        findings.append(
            TEXT_TOO_LONG.finding(
                f"the {what} is {len(value):,} characters long; imported cut to the first "
                f"{MAX_TEXT:,}",
                loc,
                "shorten it in the diagram",
            )
        )
        value = value[:MAX_TEXT].rstrip()
    return value


def _parse_body(diagram: Diagram, content: list[Line], rel: str, findings: list[Finding]) -> None:
    in_descr = False
    for number, column, line in content:
        if in_descr:
            in_descr = "}" not in line
            continue
        if re.match(r"^accDescr\s*\{", line, re.IGNORECASE):
            in_descr = "}" not in line
            continue
        if _SKIP.match(line):
            continue
        keyword = _KEYWORD.match(line)
        if keyword and (keyword.group(1).lower() != "section" or keyword.group(2)):
            what = "title" if keyword.group(1).lower() == "title" else "section name"
            at = Location(rel, number, column + (keyword.start(2) if keyword.group(2) else 0))
            value = _text(keyword.group(2) or "", what, at, findings)
            if what == "title":
                diagram.title = value or None
            else:
                diagram.sections.append(Section(value, number))
            continue
        task = _task(line, number, column, rel, findings)
        if task is None:
            continue
        if not diagram.sections:
            diagram.sections.append(Section("Steps", number))
        diagram.sections[-1].tasks.append(task)


def _task(line: str, number: int, column: int, rel: str, findings: list[Finding]) -> Task | None:
    name, rest = _split_quoted(line)
    name_at = column + 1 if name is not None else column
    if name is None:
        parts = line.split(":")
        for k in range(1, len(parts)):
            if re.fullmatch(r"\s*[+-]?\d+\s*", parts[k]) and len(parts) - k - 1 <= 1:
                name, rest = ":".join(parts[:k]), parts[k:]
                break
        else:
            if len(parts) >= 2 and len(parts) <= 3:
                name, rest = parts[0], parts[1:]
            else:
                findings.append(
                    NOT_A_TASK.finding(
                        f"cannot read {_shown(line)} as a task",
                        Location(rel, number, column),
                        "a task is `Task name: score: Actor1, Actor2`, score 1-5",
                    )
                )
                return None
    # `rest` is the end of the line, after the colon that ends the name.
    rest_at = column + len(line) - len(":".join(rest))
    score_field = rest[0] if rest else ""
    score_at = Location(rel, number, rest_at + len(score_field) - len(score_field.lstrip()))
    score = _score(score_field.strip(), score_at, findings)
    actors: list[str] = []
    if len(rest) > 1:
        at = rest_at + len(score_field) + 1
        for raw in rest[1].split(","):
            loc = Location(rel, number, at + len(raw) - len(raw.lstrip()))
            actor = _text(raw, "actor name", loc, findings)
            if actor:
                actors.append(actor)
            at += len(raw) + 1
    text = _text(name, "task name", Location(rel, number, name_at), findings)
    return Task(text, score, actors, number)


def _score(raw: str, loc: Location, findings: list[Finding]) -> int | None:
    """The score clamped to 1-5, or None; a finding when it was neither."""
    if re.fullmatch(r"[+-]?\d+", raw) is None:
        findings.append(
            INVALID_SCORE.finding(
                f"score {_shown(raw)} is not a whole number; imported without an emotion", loc
            )
        )
        return None
    digits = raw.lstrip("+-").lstrip("0")
    # Never int() a long run of digits: Python refuses more than 4,300 of them.
    if len(digits) <= 2:
        score = -int(digits or "0") if raw.startswith("-") else int(digits or "0")
        if SCORE_MIN <= score <= SCORE_MAX:
            return score
        shown = str(score)
    else:
        score = -1 if raw.startswith("-") else SCORE_MAX + 1
        shown = raw if len(raw) <= _SHOWN else f"{raw[:_SHOWN]}… ({len(digits):,} digits)"
    clamped = min(SCORE_MAX, max(SCORE_MIN, score))
    findings.append(
        SCORE_OUT_OF_RANGE.finding(f"score {shown} is outside 1-5; imported as {clamped}", loc)
    )
    return clamped


def _split_quoted(line: str) -> tuple[str | None, list[str]]:
    """`"Name: with colon": 5: Me` -> ('Name: with colon', [' 5', ' Me'])."""
    if not line or line[0] not in "\"'“":
        return None, []
    close = {"“": "”"}.get(line[0], line[0])
    end = line.find(close, 1)
    if end < 0:
        return None, []
    after = line[end + 1 :].lstrip()
    if not after.startswith(":"):
        return None, []
    return line[1:end], after[1:].split(":")
