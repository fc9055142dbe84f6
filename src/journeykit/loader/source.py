"""One loaded file: `SourceFile`, its text and node tree, its model and its findings."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from journeykit import builtin_checks as bc
from journeykit.findings import Finding, Location
from journeykit.loader.limits import Limits
from journeykit.loader.locate import Locator, PathPart, Where, locate
from journeykit.loader.positions import Positions, PositionsLocator
from journeykit.loader.reading import clean, read_parsed
from journeykit.loader.schema_errors import schema_findings
from journeykit.loader.textdecode import decode
from journeykit.loader.yamlread import ParsedYaml, compose, parse_text
from journeykit.model import FileKind, model_of

__all__ = [
    "Limits",
    "ParsedYaml",
    "SourceFile",
    "clean",
    "finish",
    "load_bytes",
    "load_file",
    "load_text",
    "read_file",
    "sniff_kind",
]


@dataclass(slots=True)
class SourceFile:
    """One loaded file: its text and node tree for locations, its model when valid."""

    rel: str
    """Path relative to the workspace root, with forward slashes; used in every location."""
    kind: FileKind | None
    text: str | None = None
    tree: Node | None = None
    """The node tree if it was composed; read `root` instead."""
    model: BaseModel | None = None
    findings: list[Finding] = field(default_factory=list)
    composable: bool = False
    """The text composes to a tree that `tree` does not hold yet."""
    positions: Positions | None = None
    """Where each node is, when the fast path noted it: locations without a tree."""

    @property
    def root(self) -> Node | None:
        """The YAML node tree, composed on first use when loading did not need it.

        A clean file loads without one (it would cost 25 times the file's size), and a
        copy sent between processes leaves it behind (pickling nodes costs more than
        composing them again).
        """
        if self.tree is None and self.composable and self.text is not None:
            self.tree = compose(self.text)
            self.composable = False
        return self.tree

    def locate(self, *parts: PathPart, key: bool = False) -> Location:
        if self.positions is not None:
            return self.positions.locate(self.rel, parts, key=key)
        return locate(self.rel, self.root, parts, key=key)

    def locator(self) -> Where:
        """Locations for many paths of this file at linear cost."""
        if self.positions is not None:
            return PositionsLocator(self.rel, self.positions)
        return Locator(self.rel, self.root)

    @contextmanager
    def tree_for_now(self) -> Iterator[None]:
        """A tree composed inside the block is let go when it ends (it costs ~27 times the
        file); `root` composes it again if anything asks later. For work that locates in
        many files one after another: lint's journey rules, the gap report."""
        composed_here = self.tree is None and self.composable
        try:
            yield
        finally:
            if composed_here and self.tree is not None:
                self.tree, self.composable = None, True
            if self.positions is not None:
                self.positions.forget()

    def __reduce__(self) -> tuple[Any, ...]:
        composable = self.composable or self.tree is not None
        tree = None  # left behind: see `root`
        fields = (self.rel, self.kind, self.text, tree, self.model, self.findings)
        return (SourceFile, (*fields, composable, self.positions))


def sniff_kind(value: Any) -> FileKind | None:
    """Tell the kind of a file whose name does not, from its top-level keys."""
    if not isinstance(value, dict):
        return None
    if "touchpoints" in value or "stages" in value:
        return FileKind.journey
    if "personas" in value and "id" not in value:
        return FileKind.personas
    if "channels" in value:
        return FileKind.channels
    return None


def load_bytes(
    data: bytes, rel: str, kind: FileKind | None = None, limits: Limits | None = None
) -> SourceFile:
    limits = limits or Limits()
    text, problem = decode(data, rel, limits.max_file_bytes)
    if problem is not None or text is None:
        return SourceFile(rel, kind, findings=[problem] if problem else [])
    return load_text(text, rel, kind, limits)


def load_text(text: str, rel: str, kind: FileKind | None, limits: Limits) -> SourceFile:
    """`load_bytes` after decoding."""
    return finish(parse_text(text, rel, limits), rel, kind, limits)


def finish(parsed: ParsedYaml, rel: str, kind: FileKind | None, limits: Limits) -> SourceFile:
    """The rest of `load_text` once the YAML is read: the kind, the model, the findings."""
    text = parsed.text or ""
    composable = parsed.root is None and parsed.value is not None
    source = SourceFile(
        rel, kind, parsed.text, parsed.root, None, parsed.findings, composable, parsed.positions
    )
    value = parsed.value
    if value is None or any(f.code in _FATAL for f in parsed.findings):
        return source
    if source.kind is None:
        source.kind = sniff_kind(value)
    if source.kind is None:
        source.findings.append(
            bc.UNKNOWN_FILE_KIND.finding(
                "cannot tell what kind of journeykit file this is",
                Location(rel),
                "name it *.journey.yaml, personas.yaml or channels.yaml",
            )
        )
        return source
    model = model_of(source.kind)
    drain = len(text) >= DRAIN_FROM
    try:
        source.model = model.model_validate(_draining(model, value) if drain else value)
    except ValidationError as exc:
        error = exc
        if drain:
            # The drained lists are gone: read them again for the very same errors.
            value = parse_text(text, rel, limits).value
            error = _error_of(model, value) or exc
        tagged = {_at(f) for f in parsed.findings if f.code == bc.UNSUPPORTED_TAG.code}
        source.findings.extend(
            f
            for f in schema_findings(error, model, value, source.locator())
            if _at(f) not in tagged
        )
    if parsed.findings and source.model is not None and _spoils_model(parsed.findings):
        source.model = None
    return source


DRAIN_FROM = 1_000_000
"""From this many characters on, a file's item lists are validated while they are taken
apart: each plain item is freed once its model exists, so the values and the models of
a big file are not alive in full at the same time (a third less peak memory)."""


def _draining(model: type[BaseModel], value: dict[str, Any]) -> dict[str, Any]:
    """`value` with its lists of models as iterators that let go of each item."""
    if not isinstance(value, dict):
        return value
    return {k: _drain(v) if k in _model_lists(model) else v for k, v in value.items()}


def _drain(items: Any) -> Any:
    if not isinstance(items, list):
        return items
    items.reverse()
    return (items.pop() for _ in range(len(items)))


@functools.cache
def _model_lists(model: type[BaseModel]) -> frozenset[str]:
    """Fields typed exactly `list[SomeModel]` (in a union an iterator could be read twice)."""
    names = set()
    for name, info in model.model_fields.items():
        args = typing.get_args(info.annotation)
        item = args[0] if typing.get_origin(info.annotation) is list and len(args) == 1 else None
        if isinstance(item, type) and issubclass(item, BaseModel):
            names.add(info.alias or name)
    return frozenset(names)


def _error_of(model: type[BaseModel], value: Any) -> ValidationError | None:
    try:
        model.model_validate(value)
    except ValidationError as exc:
        return exc
    return None


# A document with these problems may still validate, but what validated is not what the
# author wrote (a dropped duplicate, a tag read as null): keep the model out of later checks.
_FATAL = frozenset({bc.ALIAS_EXPANSION.code, bc.RECURSIVE_ALIAS.code, bc.NESTING_TOO_DEEP.code})


def _at(finding: Finding) -> tuple[int, int]:
    return finding.location.line, finding.location.column


def _spoils_model(findings: list[Finding]) -> bool:
    return any(f.code in (bc.DUPLICATE_KEY.code, bc.UNSUPPORTED_TAG.code) for f in findings)


def load_file(
    path: Path,
    rel: str,
    kind: FileKind | None = None,
    limits: Limits | None = None,
    *,
    located: bool = False,
) -> SourceFile:
    """The file loaded; `located` notes where each node is (for lint: see `positions`)."""
    limits = limits or Limits()
    read = read_file(path, rel, kind, limits, located=located)
    return read if isinstance(read, SourceFile) else finish(read, rel, kind, limits)


def read_file(
    path: Path, rel: str, kind: FileKind | None, limits: Limits, *, located: bool = False
) -> SourceFile | ParsedYaml:
    """`load_file` up to the model: what the fast path read (for `finish`) when it is
    `clean`, else the loaded file with its findings."""
    parsed = read_parsed(path, rel, limits, located=located)
    return parsed if clean(parsed) else finish(parsed, rel, kind, limits)
