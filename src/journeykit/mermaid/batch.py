"""Several Mermaid files imported into one workspace, each seeing what the others add."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeykit.findings import Finding
from journeykit.loader.source import load_bytes
from journeykit.mermaid.convert import (
    UNSPECIFIED_CHANNEL,
    Existing,
    MermaidImportError,
    convert_file,
)
from journeykit.model import FileKind


@dataclass(frozen=True, slots=True)
class MermaidInput:
    text: str
    name: str
    """The file's name (its stem names the journey)."""
    shown: str
    """The path as the user gave it, for findings."""
    markdown: bool
    """Mermaid blocks inside Markdown fences, not a bare diagram."""


def convert_files(
    inputs: Sequence[MermaidInput], existing: Existing
) -> tuple[dict[str, str], list[Finding]]:
    """The files to write (name -> YAML text) and the problems found, for every input.

    Raises MermaidImportError, naming the input, for one that holds no journey or that
    would write a file another input writes. Every file made is checked to load clean.
    """
    planned: dict[str, str] = {}
    findings: list[Finding] = []
    for item in inputs:
        try:
            result = convert_file(item.text, item.name, item.shown, existing, item.markdown)
        except MermaidImportError as exc:
            raise MermaidImportError(f"{item.shown}: {exc}") from None
        findings.extend(result.findings)
        for name in result.files:
            if name in planned and not name.endswith(".channels.yaml"):
                raise MermaidImportError(
                    f"{item.shown}: would write {name} twice; import the files one at a time"
                )
        planned.update(result.files)
        channels = set(existing.channels) | ({UNSPECIFIED_CHANNEL} if result.journeys else set())
        existing = replace(
            existing,
            personas={**existing.personas, **result.new_personas},
            channels=frozenset(channels),
            journeys={**existing.journeys, **{j: f"{j}.journey.yaml" for j in result.journeys}},
        )
    for name, content in planned.items():
        checked = load_bytes(content.encode("utf-8"), name, FileKind.for_name(name))
        if checked.model is None:
            raise RuntimeError(f"the import produced an invalid {name}: {checked.findings[:1]}")
    return planned, findings
