"""The floor under one small `validate`: what importing the stack costs, beside yamllint.

Interleaved whole processes (each case once per round, in turn), the median of ROUNDS
rounds, on the small workspace `run.py` generates (`benchmarks/work/small`):

    .venv/bin/python benchmarks/floor.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def cases(small: Path) -> dict[str, list[str]]:
    journey = next((small / "journeys").glob("*.journey.yaml"))
    py = sys.executable
    return {
        "`python -c pass`": [py, "-c", "pass"],
        "yamllint, the small journey": [str(BIN / "yamllint"), "-f", "parsable", str(journey)],
        "`import typer, yaml; from pydantic import BaseModel`": [
            py,
            "-c",
            "import typer, yaml; from pydantic import BaseModel",
        ],
        "… and `import journeykit.model`": [py, "-c", "import typer, yaml, journeykit.model"],
        "`journeykit validate`, full run": [py, "-m", "journeykit", "validate", str(small)],
    }


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    small = ROOT / "benchmarks" / "work" / "small"
    if not small.is_dir():
        sys.exit(f"{small}: missing; `benchmarks/run.py --only small` generates it")
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT / "src"),
        JOURNEYKIT_NO_CACHE="1",
        PYDANTIC_DISABLE_PLUGINS="__all__",
    )
    commands = cases(small)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    peer = statistics.median(times["yamllint, the small journey"])
    print("| Process | Median | / yamllint |\n|---|---|---|")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"| {name} | {median * 1000:.0f} ms | {median / peer:.2f}x |")


if __name__ == "__main__":
    main()
