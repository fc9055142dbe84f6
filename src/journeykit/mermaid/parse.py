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

SCORE_MIN = 1
SCORE_MAX = 5


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


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*\{?\s*mermaid\b[^`]*\}?\s*$", re.IGNORECASE)
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


def parse_file(text: str, rel: str, markdown: bool) -> tuple[list[Diagram], list[Finding]]:
    """Every journey diagram in the text, and the problems found reading them."""
    diagrams: list[Diagram] = []
    findings: list[Finding] = []
    for first, lines in blocks(text, markdown):
        skip = _front_matter(lines)
        body = [(first + i, line) for i, line in enumerate(lines) if i >= skip]
        content = [(n, line.strip()) for n, line in body if line.strip()]
        content = [(n, line) for n, line in content if not line.startswith("%%")]
        if not content or content[0][1].split()[0].lower() != "journey":
            continue
        diagram = Diagram(content[0][0])
        _parse_body(diagram, content[1:], rel, findings)
        if not diagram.tasks:
            findings.append(
                EMPTY_JOURNEY.finding(
                    "the journey diagram has no tasks", Location(rel, diagram.line)
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


def _parse_body(
    diagram: Diagram, content: list[tuple[int, str]], rel: str, findings: list[Finding]
) -> None:
    in_descr = False
    for number, line in content:
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
            value = decode(keyword.group(2) or "").strip()
            if keyword.group(1).lower() == "title":
                diagram.title = value or None
            else:
                diagram.sections.append(Section(value, number))
            continue
        task = _task(line, number, rel, findings)
        if task is None:
            continue
        if not diagram.sections:
            diagram.sections.append(Section("Steps", number))
        diagram.sections[-1].tasks.append(task)


def _task(line: str, number: int, rel: str, findings: list[Finding]) -> Task | None:
    loc = Location(rel, number)
    name, rest = _split_quoted(line)
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
                        f"cannot read {line[:60]!r} as a task",
                        loc,
                        "a task is `Task name: score: Actor1, Actor2`, score 1-5",
                    )
                )
                return None
    raw_score = rest[0].strip() if rest else ""
    score: int | None
    if re.fullmatch(r"[+-]?\d+", raw_score):
        score = int(raw_score)
        if not SCORE_MIN <= score <= SCORE_MAX:
            clamped = min(SCORE_MAX, max(SCORE_MIN, score))
            findings.append(
                SCORE_OUT_OF_RANGE.finding(
                    f"score {score} is outside 1-5; imported as {clamped}", loc
                )
            )
            score = clamped
    else:
        findings.append(
            INVALID_SCORE.finding(
                f"score {raw_score!r} is not a whole number; imported without an emotion", loc
            )
        )
        score = None
    actors = [decode(a).strip() for a in rest[1].split(",")] if len(rest) > 1 else []
    return Task(decode(name).strip(), score, [a for a in actors if a], number)


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
