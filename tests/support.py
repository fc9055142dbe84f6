"""Helpers the test modules share (pytest puts this folder on the import path)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def generator() -> ModuleType:
    """`benchmarks/generate.py`, which writes synthetic workspaces of any size."""
    spec = importlib.util.spec_from_file_location(
        "journeykit_bench_generate", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def no_children_left() -> bool:
    """Every worker was reaped (waiting reaps a zombie too, so this tells only once)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
