"""Fixtures for the renderer tests: the small and hostile workspaces, loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

HERE = Path(__file__).resolve().parent
SMALL = HERE / "small"
HOSTILE = HERE / "hostile"


def load_project(path: Path) -> Project:
    project, findings = load_workspace(resolve_targets([path])[0])
    errors = [f for f in findings if f.severity.label == "error"]
    assert not errors, errors
    return project


@pytest.fixture(scope="session")
def loader() -> Callable[[Path], Project]:
    return load_project


@pytest.fixture(scope="session")
def small() -> Project:
    return load_project(SMALL)


@pytest.fixture(scope="session")
def hostile() -> Project:
    return load_project(HOSTILE)
