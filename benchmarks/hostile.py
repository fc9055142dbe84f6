"""The hostile-input rows of benchmarks/run.py: one file of n repeated items, at 10k and
100k, whole processes; cost must grow linearly (the ratio 100k/10k about 10 or less,
start-up included) and so must peak memory."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import generate
from run import JOURNEYKIT, Report, Row, Sample, ms, run, size

SIZES = (10_000, 100_000)
LINEAR = 12.0
"""Most the 100k run may take over the 10k one to count as linear (10x the input)."""

Command = Callable[[Path, Path], list[str]]


def _check(command: str) -> Command:
    return lambda root, _: [JOURNEYKIT, command, str(root)]


def _import(root: Path, out: Path) -> list[str]:
    # Into an empty folder each time: a second import of the same journey is refused.
    mmd = shlex.quote(str(root / "hostile.mmd"))
    target = shlex.quote(str(out))
    return ["sh", "-c", f"rm -rf {target} && {JOURNEYKIT} import mermaid {mmd} -o {target}"]


CASES: list[tuple[str, str, str, Command]] = [
    # kind, what, command shown, command
    ("unknown-keys", "unknown top-level keys", "validate", _check("validate")),
    ("unknown-personas", "unknown persona ids (references)", "lint", _check("lint")),
    ("touchpoints", "touchpoints in one journey", "lint", _check("lint")),
    ("mermaid", "Mermaid tasks", "import mermaid", _import),
]


def bench_hostile(report: Report, work: Path, runs: int, fresh: bool) -> None:
    commands = run([JOURNEYKIT, "import", "--help"], 1)
    for kind, what, shown, command in CASES:
        if kind == "mermaid" and commands.exit_code != 0:
            report.notes.append("`journeykit import mermaid` is not there: its row is skipped.")
            continue
        samples: dict[int, Sample] = {}
        for n in SIZES:
            root = work / f"hostile-{kind}-{n}"
            if fresh or not root.exists():
                shutil.rmtree(root, ignore_errors=True)
                generate.write_hostile(root, kind, n)
            samples[n] = run(command(root, work / "hostile-out"), runs, rss=True)
        small, big = (samples[n] for n in SIZES)
        expected = 0 if kind in ("touchpoints", "mermaid") else 1
        if {small.exit_code, big.exit_code} != {expected}:
            report.notes.append(f"`{shown}` of the hostile {kind} exited {big.exit_code}.")
        ratio = big.median / small.median
        report.rows.append(
            Row(
                f"`{shown}`, one file of n {what}",
                "; ".join(f"{n:,}: {ms(s.median)}, {size(s.peak_rss)}" for n, s in samples.items())
                + f"; 100k/10k: {ratio:.1f}x time, {big.peak_rss / small.peak_rss:.1f}x memory",
                f"linear: 100k/10k ≤ {LINEAR:g}x",
                ratio <= LINEAR,
            )
        )
