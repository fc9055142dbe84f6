"""benchmarks/run.py's rows for checking: validate, lint, gaps, a big file, start-up, growth.

Each section times every side (the working tree first, then `--against REV`) in turn.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from table import Report, Row
from timing import Before, Sample, Side, child_env, compare, ms, run, size, tool

CURVE = (10, 100, 1_000, 10_000)


@dataclass
class Bench:
    """What every section gets: the sides, the workspaces, how many runs."""

    sides: list[Side]
    ws: dict[str, Path]
    work: Path
    runs: int
    peer_runs: int
    skip_peers: bool
    fresh: bool = False
    """Generate the hostile inputs again too."""

    @property
    def tree(self) -> Side:
        return self.sides[0]

    def time(
        self,
        *args: str,
        runs: int | None = None,
        rss: bool = False,
        cache: bool = False,
        before: Before | None = None,
    ) -> list[Sample]:
        """`journeykit ARGS` on every side."""
        command = list(args)
        runs = runs or self.runs
        return compare(self.sides, lambda s: [s.journeykit, *command], runs, rss, cache, before)

    def folder(self, side: Side, name: str) -> Path:
        """A folder of this side's own under the work folder (sides never share outputs)."""
        return self.work / f"{name}-{self.sides.index(side)}"


def journeys_of(root: Path) -> list[str]:
    return sorted(str(p) for p in (root / "journeys").glob("*.journey.yaml"))


def settle(root: Path) -> None:
    """Wait until no file of `root` is younger than the 2 s the result cache wants."""
    newest = max(p.stat().st_mtime for p in root.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + 2.1 - time.time()))


def exits(report: Report, what: str, samples: list[Sample], bench: Bench, want: int = 0) -> None:
    for side, sample in zip(bench.sides, samples, strict=True):
        if sample.exit_code != want:
            report.notes.append(f"{what} ({side.label}) exited {sample.exit_code}, not {want}.")


def validate(bench: Bench, report: Report) -> None:
    """1,000 journeys, and check-jsonschema on the same files."""
    root = bench.ws["1000"]
    files = journeys_of(root)
    total = sum(Path(f).stat().st_size for f in files)
    ours = bench.time("validate", str(root))
    serial = bench.time("validate", str(root), "--jobs", "1")
    exits(report, "validate of the 1,000 files", ours, bench)
    peers, theirs = [], None
    checker = tool("check-jsonschema")
    if checker and not bench.skip_peers:
        schema_dir = bench.work / "schemas"
        subprocess.run(
            [bench.tree.journeykit, "schema", "--output", str(schema_dir)],
            stdout=subprocess.DEVNULL,
            env=child_env(side=bench.tree),
        )
        schema = str(schema_dir / "journey.schema.json")
        theirs = run([checker, "--schemafile", schema, *files], bench.peer_runs)
        peers.append(f"check-jsonschema {ms(theirs.median)} (exit {theirs.exit_code})")
    elif not bench.skip_peers:
        report.notes.append("Peers missing: `.venv/bin/pip install -e '.[bench]'` (make bench).")
    what = f"`validate`, {len(files):,} journeys ({size(total)}) + 2 catalogs"
    report.add(what, ours, "≤ 600 ms", lambda t: t <= 0.6, "; ".join(peers))
    report.add("… the same with `--jobs 1` (one core)", serial)
    if theirs is not None:
        speedups = [theirs.median / s.median for s in ours]
        row = Row("… speed-up over check-jsonschema, same files", f"{speedups[0]:,.0f}x")
        row.target, row.met = "≥ 20x", speedups[0] >= 20
        if len(speedups) > 1:
            row.against, row.ratio = f"{speedups[1]:,.0f}x", f"{speedups[0] / speedups[1]:.2f}x"
        report.rows.append(row)


def lint(bench: Bench, report: Report) -> None:
    root = bench.ws["1000"]
    report.add(
        "… `lint` of the same files (every rule, concise)",
        bench.time("lint", str(root), "--format", "concise"),
    )


def gaps(bench: Bench, report: Report) -> None:
    root = bench.ws["1000"]
    report.add(
        "… `gaps` of the same files (markdown)",
        bench.time("gaps", str(root), "--format", "markdown"),
    )


def big(bench: Bench, report: Report) -> None:
    """One 10 MB journey: time and memory."""
    root = bench.ws["10mb"]
    big_size = Path(journeys_of(root)[0]).stat().st_size
    samples = bench.time("validate", str(root), rss=True)
    report.add(f"`validate`, one {size(big_size)} journey", samples, "≤ 3 s", lambda t: t <= 3)
    factors = [s.peak_rss / big_size for s in samples]
    row = Row(
        "… peak memory (RSS, whole process)",
        f"{size(samples[0].peak_rss)} ({factors[0]:.1f}x the file)",
        "≤ 10x the file",
        factors[0] <= 10,
    )
    if len(samples) > 1:
        row.against = f"{size(samples[1].peak_rss)} ({factors[1]:.1f}x the file)"
        row.ratio = f"{samples[0].peak_rss / samples[1].peak_rss:.2f}x"
    report.rows.append(row)


def small(bench: Bench, report: Report) -> None:
    """One small journey: a full run beside yamllint, then answered from the result cache."""
    root = bench.ws["small"]
    runs = max(bench.runs, 10)
    peers = ""
    linter = tool("yamllint")
    if linter and not bench.skip_peers:
        theirs = run([linter, "-f", "parsable", *journeys_of(root)], max(bench.peer_runs, 5))
        peers = f"yamllint {ms(theirs.median)} (exit {theirs.exit_code})"
    elif not bench.skip_peers:
        report.notes.append("yamllint missing: `.venv/bin/pip install -e '.[bench]'` (make bench).")
    report.add(
        "`validate`, one small journey, full run",
        bench.time("validate", str(root), runs=runs),
        peers=peers,
    )
    settle(root)

    def own_cache(side: Side) -> dict[str, str]:
        # Each side's entries apart: the code is part of the key, so one side's run
        # would otherwise replace the other's entry and every run would miss.
        return {"JOURNEYKIT_CACHE_DIR": str(bench.folder(side, "result-cache"))}

    warm = bench.time("validate", str(root), runs=runs, cache=True, before=own_cache)
    report.add(
        "… unchanged since the last run (the result cache: editors, pre-commit)",
        warm,
        "≤ 150 ms",
        lambda t: t <= 0.15,
    )


_FLOOR = "import typer, pydantic\nclass M(pydantic.BaseModel):\n    a: int = 1\n"


def startup(bench: Bench, report: Report) -> None:
    runs = max(bench.runs, 10)
    version = bench.time("--version", runs=runs)
    report.add("`journeykit --version`", version, "≤ 100 ms", lambda t: t <= 0.1)
    floor = compare(bench.sides, lambda s: [s.python, "-c", _FLOOR], runs)
    report.add("… for scale: python importing typer + pydantic, one model", floor)
    bare = compare(bench.sides[:1], lambda s: [s.python, "-c", "pass"], runs)
    report.add("… for scale: python doing nothing", bare)


# Times validate_paths inside a fresh process: the work without the start-up, whose
# noise (tens of ms) would hide the small sizes. Either place, so any revision runs it.
_WORK_PROBE = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "try:\n"
    "    from journeykit.run.engine import validate_paths\n"
    "except ImportError:  # before the one entry point (run/engine.py)\n"
    "    from journeykit.run.validate import validate_paths\n"
    "start = time.perf_counter()\n"
    "validate_paths([Path(sys.argv[1])])\n"
    "sys.stdout.write(repr(time.perf_counter() - start))\n"
)


def work_times(bench: Bench, root: Path) -> list[float]:
    """Each side's median of `validate_paths` alone, runs interleaved after one warm-up."""
    times: list[list[float]] = [[] for _ in bench.sides]
    for _ in range(bench.runs + 1):
        for side, found in zip(bench.sides, times, strict=True):
            done = subprocess.run(
                [side.python, "-c", _WORK_PROBE, str(root)],
                capture_output=True,
                text=True,
                env=child_env(side=side),
                check=True,
            )
            found.append(float(done.stdout))
    return [statistics.median(found[1:]) for found in times]


def curve(bench: Bench, report: Report) -> None:
    walls = {n: bench.time("validate", str(bench.ws[f"curve-{n}"])) for n in CURVE}
    work = {n: work_times(bench, bench.ws[f"curve-{n}"]) for n in CURVE}

    def growth(side: int) -> tuple[str, str, float]:
        per = {n: work[n][side] / n for n in CURVE}
        wall = ", ".join(f"{n:,}: {ms(walls[n][side].median)}" for n in CURVE)
        inside = ", ".join(f"{n:,}: {ms(work[n][side])} = {per[n] * 1e6:,.0f} µs" for n in CURVE)
        return wall, inside, max(per[1_000], per[10_000]) / min(per[1_000], per[10_000])

    wall, inside, spread = growth(0)
    whole = Row("`validate`, one journey of n touchpoints, whole process", wall)
    linear = Row(
        "… the work inside it (start-up left out), per touchpoint",
        inside,
        "linear: same per touchpoint at 1k and 10k (within 1.5x)",
        spread <= 1.5,
    )
    if len(bench.sides) > 1:
        whole.against, linear.against, _ = growth(1)
        whole.ratio = f"{walls[10_000][0].median / walls[10_000][1].median:.2f}x at 10,000"
        linear.ratio = f"{work[10_000][0] / work[10_000][1]:.2f}x at 10,000"
    report.rows += [whole, linear]
