"""Running the real console command on a case workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CASE = Path(__file__).parent / "cases" / "shop"
SRC = Path(__file__).resolve().parents[2] / "src"


def jk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
