"""Helpers the test modules share (pytest puts this folder on the import path)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
MERMAID_JS = REPO / "tests" / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"

# The tools the tests need, and the Debian package of each (`make setup` installs them all).
TOOLS = {
    "dot": "graphviz",
    "chromium": "chromium",
    "git": "git",
    "node": "nodejs",
    "npm": "npm",
}


def require(tool: str) -> str:
    """Where `tool` is; a failure naming its package when it is missing. Never a skip:
    these tools are test dependencies, so a missing one must show, in CI most of all."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(
            f"`{tool}` is not on PATH, and the tests need it: install it with "
            f"`apt-get install {TOOLS[tool]}` (`make setup` installs every test dependency)",
            pytrace=False,
        )
    return found


def require_chromium() -> str:
    """Debian's Chromium at /usr/bin/chromium: Playwright launches that, never a download."""
    require("chromium")
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"the browser tests launch {CHROMIUM}, which is not there: install it with "
            "`apt-get install chromium`",
            pytrace=False,
        )
    return CHROMIUM


def require_mermaid_js() -> Path:
    """mermaid.js from npm (tests/js/package-lock.json), for drawing our Mermaid output."""
    require("node")
    require("npm")
    if not MERMAID_JS.is_file():
        pytest.fail(
            f"{MERMAID_JS.relative_to(REPO)} is missing: run `npm ci --prefix tests/js` "
            "(`make test` does)",
            pytrace=False,
        )
    return MERMAID_JS


def generator() -> ModuleType:
    """`benchmarks/generate.py`, which writes synthetic workspaces of any size."""
    spec = importlib.util.spec_from_file_location(
        "journeykit_bench_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def children() -> frozenset[int]:
    """The pids of this process's children, running or not yet reaped (Linux's
    /proc/<pid>/task/<tid>/children lists both, for the children each thread started)."""
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids.update(int(pid) for pid in (task / "children").read_text().split())
        except FileNotFoundError:  # the thread ended while we looked
            continue
    return frozenset(pids)


_before: frozenset[int] = frozenset()


def note_children() -> None:
    """Remember the children there are before a test (conftest calls it for every test),
    so `no_children_left` looks only at the ones started since."""
    global _before
    _before = children()


def no_children_left(before: frozenset[int] | None = None) -> bool:
    """Every child started since `before` (by default: since this test began) has ended
    and been reaped. Children older than that, from other tests, are not this test's."""
    return not children() - (_before if before is None else before)
