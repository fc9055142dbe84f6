"""Workspace templates for `journeykit init`, shipped as package data."""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from journeykit.output.schema import json_schemas

PLACEHOLDER = "{{SCHEMA_DIR}}"
GITIGNORE = """\
# Made by `journeykit init`: what journeykit builds from the YAML, not to commit.
# The HTML report (`journeykit report` writes site/ unless told -o).
/site/
# Rendered pictures (`journeykit render . -o out/`, as docs/rendering.md does).
/out/
# The result cache of validate and lint.
.journeykit_cache/
"""
"""The new workspace's `.gitignore`: the output folders the commands and docs use."""


class ScaffoldError(Exception):
    """The template or the target folder is not usable."""


def _templates() -> Traversable:
    return resources.files("journeykit").joinpath("templates", "init")


def template_names() -> list[str]:
    return sorted(p.name for p in _templates().iterdir() if p.is_dir())


def describe_templates() -> str:
    readme = _templates().joinpath("README.md")
    return readme.read_text("utf-8") if readme.is_file() else "\n".join(template_names()) + "\n"


def _walk(node: Traversable, prefix: PurePosixPath) -> list[tuple[PurePosixPath, str]]:
    out: list[tuple[PurePosixPath, str]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        rel = prefix / child.name
        if child.is_dir():
            out.extend(_walk(child, rel))
        elif child.name != "__pycache__":
            out.append((rel, child.read_text("utf-8")))
    return out


def scaffold(directory: Path, template: str) -> dict[str, str]:
    """Relative path -> content of every file the new workspace gets; writes nothing."""
    if template not in template_names():
        names = ", ".join(template_names())
        raise ScaffoldError(f"unknown template {template!r} (available: {names})")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} already exists and is not empty")
    files: dict[str, str] = {}
    for rel, text in _walk(_templates().joinpath(template), PurePosixPath()):
        depth = len(rel.parts) - 1
        schema_dir = "/".join([".."] * depth + ["schemas"]) if depth else "schemas"
        files[str(rel)] = text.replace(PLACEHOLDER, schema_dir)
    for name, text in json_schemas().items():
        files[os.path.join("schemas", name)] = text
    files.setdefault(".gitignore", GITIGNORE)
    return files
