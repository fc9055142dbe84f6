"""The hostile-input rows of benchmarks/run.py: one file of n repeated items, at 10k and
100k, whole processes; cost must grow linearly (the ratio 100k/10k about 10 or less,
start-up included) and so must peak memory."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import generate
from rows import Bench
from table import Report, Row
from timing import Sample, Side, compare, ms, size

SIZES = (10_000, 100_000)
LINEAR = 12.0
"""Most the 100k run may take over the 10k one to count as linear (10x the input)."""

Command = Callable[..., list[str]]
"""(side, root=, out=): the command line."""


def _check(command: str) -> Command:
    def check(side: Side, root: Path, out: Path) -> list[str]:
        return [side.journeykit, command, str(root)]

    return check


def _import(side: Side, root: Path, out: Path) -> list[str]:
    # Into an empty folder each time: a second import of the same journey is refused.
    mmd = shlex.quote(str(root / "hostile.mmd"))
    target, jk = shlex.quote(str(out)), shlex.quote(side.journeykit)
    return ["sh", "-c", f"rm -rf {target} && {jk} import mermaid {mmd} -o {target}"]


CASES: list[tuple[str, str, str, Command]] = [
    # kind, what, command shown, command
    ("unknown-keys", "unknown top-level keys", "validate", _check("validate")),
    ("unknown-personas", "unknown persona ids (references)", "lint", _check("lint")),
    ("touchpoints", "touchpoints in one journey", "lint", _check("lint")),
    ("mermaid", "Mermaid tasks", "import mermaid", _import),
]


def bench_hostile(bench: Bench, report: Report, runs: int, fresh: bool) -> None:
    work = bench.work
    imports = compare(bench.sides, lambda s: [s.journeykit, "import", "--help"], 1)
    for kind, what, shown, command in CASES:
        if kind == "mermaid" and any(s.exit_code != 0 for s in imports):
            report.notes.append("`journeykit import mermaid` is not there: its row is skipped.")
            continue
        samples: dict[int, list[Sample]] = {}
        for n in SIZES:
            root = work / f"hostile-{kind}-{n}"
            if fresh or not root.exists():
                shutil.rmtree(root, ignore_errors=True)
                generate.write_hostile(root, kind, n)
            out = work / "hostile-out"
            samples[n] = compare(bench.sides, partial(command, root=root, out=out), runs, rss=True)
        expected = 0 if kind in ("touchpoints", "mermaid") else 1
        row = Row(f"`{shown}`, one file of n {what}", "")
        for index, side in enumerate(bench.sides):
            small, big = (samples[n][index] for n in SIZES)
            if {small.exit_code, big.exit_code} != {expected}:
                report.notes.append(
                    f"`{shown}` of the hostile {kind} ({side.label}) exited {big.exit_code}."
                )
            ratio = big.median / small.median
            figures = "; ".join(
                f"{n:,}: {ms(s[index].median)}, {size(s[index].peak_rss)}"
                for n, s in samples.items()
            )
            figures += f"; 100k/10k: {ratio:.1f}x time, {big.peak_rss / small.peak_rss:.1f}x memory"
            if index == 0:
                row.measured, row.target, row.met = (
                    figures,
                    f"linear: 100k/10k ≤ {LINEAR:g}x",
                    ratio <= LINEAR,
                )
            else:
                row.against = figures
                row.ratio = f"{samples[SIZES[1]][0].median / big.median:.2f}x at {SIZES[1]:,}"
        report.rows.append(row)
