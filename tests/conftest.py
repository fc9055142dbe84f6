"""Shared fixtures: the repository's examples, a CLI runner, and the test dependencies
(Graphviz, Chromium, git, node with mermaid.js), which are required, never skipped."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import support

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Every test sees a full run, and none leaves a cache folder in the repository;
# tests/test_resultcache.py turns the cache back on in temporary folders.
os.environ["JOURNEYKIT_NO_CACHE"] = "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """In CI a skipped test is a failed one: what CI does not run, it does not check."""
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"
    return report


@pytest.fixture(autouse=True)
def _children_before() -> None:
    """What `support.no_children_left()` compares with: the children from before this test."""
    support.note_children()


@pytest.fixture(scope="session")
def dot_command() -> str:
    """Graphviz's `dot`: the SVG, PNG and PDF pictures are drawn by it."""
    return support.require("dot")


@pytest.fixture(scope="session")
def chromium_command() -> str:
    return support.require_chromium()


@pytest.fixture(scope="session")
def git_command() -> str:
    return support.require("git")


@pytest.fixture(scope="session")
def mermaid_js() -> Path:
    return support.require_mermaid_js()


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
