"""The whole-file examples in docs/format.md are valid files: a reader copies them first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from journeykit.model import ChannelsFile, Journey, PersonasFile

FORMAT_DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"
MODELS: dict[str, type[BaseModel]] = {
    "stages": Journey,
    "personas": PersonasFile,
    "channels": ChannelsFile,
}
"""A top-level key each kind of file has and the kinds before it lack."""


def _examples() -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", FORMAT_DOC.read_text("utf-8"), re.S)
    return [b for b in blocks if re.match(r"(#[^\n]*\n)*version: 1\n", b)]


def test_the_doc_has_an_example_of_each_file() -> None:
    kinds = {next(k for k in MODELS if f"\n{k}:" in b) for b in _examples()}
    assert kinds == set(MODELS)


@pytest.mark.parametrize("text", _examples())
def test_example_is_a_valid_file(text: str) -> None:
    model = next(m for k, m in MODELS.items() if f"\n{k}:" in text)
    model.model_validate(yaml.safe_load(text))
