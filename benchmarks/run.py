"""Time journeykit's commands as whole processes, beside check-jsonschema and yamllint.

    python benchmarks/run.py                 # print the table
    python benchmarks/run.py --update-docs   # and write it into docs/benchmarks.md

Workspaces come from benchmarks/generate.py into benchmarks/work/ (git-ignored). Each
command runs once to warm up (bytecode caches, page cache), then `--runs` times; the
table shows the median. The peers run on the very same files in the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BIN = Path(sys.executable).parent
JOURNEYKIT = str(BIN / "journeykit")
DOCS = REPO / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- benchmark table: start -->", "<!-- benchmark table: end -->"
CURVE = (10, 100, 1_000, 10_000)


@dataclass
class Sample:
    times: list[float]
    exit_code: int
    peak_rss: int = 0
    """Largest resident set of the command, in bytes (measured when asked)."""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Row:
    what: str
    measured: str
    target: str = ""
    met: bool | None = None
    peers: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def child_env(cache: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    # What users have: bytecode caches written once and reused.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(NO_COLOR="1", CI="true")
    # Every row times a full run unless it says it is the cached one.
    env.pop("JOURNEYKIT_NO_CACHE", None)
    if not cache:
        env["JOURNEYKIT_NO_CACHE"] = "1"
    return env


def run(cmd: Sequence[str], runs: int, rss: bool = False, cache: bool = False) -> Sample:
    """Warm up once, then time `runs` whole processes."""
    env = child_env(cache)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times, code, peak = [], 0, 0
    for _ in range(runs):
        wrapped = [sys.executable, "-c", _RSS_PROBE, *cmd] if rss else list(cmd)
        start = time.perf_counter()
        done = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - start)
        code = done.returncode
        if rss:
            match = re.search(rb"RSS (\d+) EXIT (-?\d+)", done.stderr)
            assert match, done.stderr
            peak, code = max(peak, int(match[1]) * 1024), int(match[2])
    return Sample(times, code, peak)


# Runs the command as a child and reports its peak RSS (KiB on Linux) and exit code.
_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'RSS {peak} EXIT {code}')\n"
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def size(data: int) -> str:
    return f"{data / 1_000_000:,.1f} MB"


def tool(name: str) -> str | None:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name)


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found[1].strip() if found else model
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average before the run {load}"
    )


def workspaces(work: Path, fresh: bool) -> dict[str, Path]:
    """Generate the benchmark workspaces (once; `fresh` regenerates them)."""
    # name: (journeys, touchpoints per journey, seed, vary the touchpoints per journey)
    wanted: dict[str, tuple[int, float, int, bool]] = {
        "1000": (1000, 4.5, 1, True),  # ~4.75 MB of journeys
        "10mb": (1, generate.touchpoints_for_bytes(10_000_000), 2, False),
        "small": (1, 8, 3, False),
        "render": (1, 200, 4, False),
        **{f"curve-{n}": (1, n, 5, False) for n in CURVE},
    }
    found = {}
    for name, (journeys, touchpoints, seed, vary) in wanted.items():
        root = work / name
        if fresh and root.exists():
            shutil.rmtree(root)
        if not (root / "journeys").exists():
            generate.write_workspace(root, journeys, touchpoints, seed=seed, vary=vary)
        found[name] = root
    return found


def settle(root: Path) -> None:
    """Wait until no file of `root` is younger than the 2 s the result cache wants."""
    newest = max(p.stat().st_mtime for p in root.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + 2.1 - time.time()))


def journeys_of(root: Path) -> list[str]:
    return sorted(str(p) for p in (root / "journeys").glob("*.journey.yaml"))


def bench(args: argparse.Namespace) -> Report:
    report = Report()
    work = HERE / "work"
    ws = workspaces(work, args.fresh)
    runs = args.runs
    jk = JOURNEYKIT

    # --- 1,000 files, and the peers on the same files ---
    files = journeys_of(ws["1000"])
    total = sum(Path(f).stat().st_size for f in files)
    ours = run([jk, "validate", str(ws["1000"])], runs)
    serial = run([jk, "validate", str(ws["1000"]), "--jobs", "1"], runs)
    schema_dir = work / "schemas"
    subprocess.run([jk, "schema", "--output", str(schema_dir)], stdout=subprocess.DEVNULL)
    peers = []
    checker = tool("check-jsonschema")
    ratio = None
    if checker and not args.skip_peers:
        schema = str(schema_dir / "journey.schema.json")
        theirs = run([checker, "--schemafile", schema, *files], args.peer_runs)
        ratio = theirs.median / ours.median
        peers.append(f"check-jsonschema {ms(theirs.median)} (exit {theirs.exit_code})")
    linter = tool("yamllint")
    if linter and not args.skip_peers:
        lint = run([linter, "-f", "parsable", *files], args.peer_runs)
        peers.append(f"yamllint {ms(lint.median)}")
    if not (checker and linter) and not args.skip_peers:
        report.notes.append("Peers missing: `.venv/bin/pip install -e '.[bench]'` (make bench).")
    what = f"`validate`, {len(files):,} journeys ({size(total)}) + 2 catalogs"
    report.rows.append(Row(what, ms(ours.median), "≤ 600 ms", ours.median <= 0.6, "; ".join(peers)))
    report.rows.append(Row("… the same with `--jobs 1` (one core)", ms(serial.median)))
    linted = run([jk, "lint", str(ws["1000"]), "--format", "concise"], runs)
    report.rows.append(Row("… `lint` of the same files (every rule, concise)", ms(linted.median)))
    gaps = run([jk, "gaps", str(ws["1000"]), "--format", "markdown"], runs)
    report.rows.append(Row("… `gaps` of the same files (markdown)", ms(gaps.median)))
    if ratio is not None:
        report.rows.append(
            Row(
                "… speed-up over check-jsonschema, same files",
                f"{ratio:,.0f}x",
                "≥ 20x",
                ratio >= 20,
            )
        )
    if ours.exit_code != 0:
        report.notes.append(f"validate of the 1,000 files exited {ours.exit_code}, not 0.")

    # --- one 10 MB journey: time and memory ---
    big = journeys_of(ws["10mb"])[0]
    big_size = Path(big).stat().st_size
    sample = run([jk, "validate", str(ws["10mb"])], runs, rss=True)
    report.rows.append(
        Row(
            f"`validate`, one {size(big_size)} journey",
            ms(sample.median),
            "≤ 3 s",
            sample.median <= 3,
        )
    )
    factor = sample.peak_rss / big_size
    report.rows.append(
        Row(
            "… peak memory (RSS, whole process)",
            f"{size(sample.peak_rss)} ({factor:.1f}x the file)",
            "≤ 10x the file",
            factor <= 10,
        )
    )

    # --- start-up ---
    small = run([jk, "validate", str(ws["small"])], max(runs, 10))
    report.rows.append(Row("`validate`, one small journey, full run", ms(small.median)))
    settle(ws["small"])
    warm = run([jk, "validate", str(ws["small"])], max(runs, 10), cache=True)
    report.rows.append(
        Row(
            "… unchanged since the last run (the result cache: editors, pre-commit)",
            ms(warm.median),
            "≤ 150 ms",
            warm.median <= 0.15,
        )
    )
    version = run([jk, "--version"], max(runs, 10))
    report.rows.append(
        Row("`journeykit --version`", ms(version.median), "≤ 100 ms", version.median <= 0.1)
    )
    floor = run([sys.executable, "-c", _FLOOR], max(runs, 10))
    report.rows.append(
        Row("… for scale: python importing typer + pydantic, one model", ms(floor.median))
    )
    bare = run([sys.executable, "-c", "pass"], max(runs, 10))
    report.rows.append(Row("… for scale: python doing nothing", ms(bare.median)))

    # --- render and report ---
    bench_render(report, ws["render"], work, runs)

    # --- linear growth ---
    bench_curve(report, ws, runs)
    if not args.skip_hostile:
        sys.modules.setdefault("run", sys.modules[__name__])  # hostile.py imports from here
        from hostile import bench_hostile

        bench_hostile(report, work, min(runs, 3), args.fresh)
    return report


_FLOOR = "import typer, pydantic\nclass M(pydantic.BaseModel):\n    a: int = 1\n"


def bench_render(report: Report, root: Path, work: Path, runs: int) -> None:
    jk = JOURNEYKIT
    commands = subprocess.run([jk, "--help"], capture_output=True, text=True).stdout
    if not re.search(r"^\s+render\b", commands, re.M) or not re.search(
        r"^\s+report\b", commands, re.M
    ):
        report.rows.append(Row("`render` + `report`, 200 touchpoints", "skipped", "≤ 400 ms"))
        report.notes.append("`journeykit render` or `journeykit report` is not there yet: skipped.")
        return
    if shutil.which("dot") is None:
        report.notes.append("Graphviz `dot` is missing: render/report rows skipped.")
        return
    svg = run([jk, "render", str(root), "-f", "svg", "-o", str(work / "render-out")], runs)
    # One process writes both: the HTML report and each journey's map and flow as SVG.
    site = run([jk, "report", str(root), "-o", str(work / "report-out")], runs)
    report.rows.append(
        Row(
            "SVG + HTML report (`report`, one process), 200 touchpoints",
            ms(site.median),
            "≤ 400 ms",
            site.median <= 0.4,
        )
    )
    report.rows.append(Row("… `render -f svg` alone (the map)", ms(svg.median)))
    report.rows.append(
        Row("… `render -f svg` and `report` as two processes", ms(svg.median + site.median))
    )
    if not list((work / "report-out").glob("*.map.svg")):
        report.notes.append("`report` wrote no SVG image: the one-process row is not comparable.")
    for name, sample in (("render", svg), ("report", site)):
        if sample.exit_code != 0:
            report.notes.append(f"{name} of the 200-touchpoint journey exited {sample.exit_code}.")


# Times validate_paths inside a fresh process: the work without the start-up, whose
# noise (tens of ms) would hide the small sizes.
_WORK_PROBE = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from journeykit.run.engine import validate_paths\n"
    "start = time.perf_counter()\n"
    "validate_paths([Path(sys.argv[1])])\n"
    "sys.stdout.write(repr(time.perf_counter() - start))\n"
)


def work_time(root: Path, runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        done = subprocess.run(
            [sys.executable, "-c", _WORK_PROBE, str(root)],
            capture_output=True,
            text=True,
            env=child_env(),
            check=True,
        )
        times.append(float(done.stdout))
    return statistics.median(times[1:])


def bench_curve(report: Report, ws: dict[str, Path], runs: int) -> None:
    wall = {n: run([JOURNEYKIT, "validate", str(ws[f"curve-{n}"])], runs).median for n in CURVE}
    work = {n: work_time(ws[f"curve-{n}"], runs) for n in CURVE}
    per = {n: work[n] / n for n in CURVE}
    spread = max(per[1_000], per[10_000]) / min(per[1_000], per[10_000])
    report.rows.append(
        Row(
            "`validate`, one journey of n touchpoints, whole process",
            ", ".join(f"{n:,}: {ms(wall[n])}" for n in CURVE),
        )
    )
    report.rows.append(
        Row(
            "… the work inside it (start-up left out), per touchpoint",
            ", ".join(f"{n:,}: {ms(work[n])} = {per[n] * 1e6:,.0f} µs" for n in CURVE),
            "linear: same per touchpoint at 1k and 10k (within 1.5x)",
            spread <= 1.5,
        )
    )


def table(report: Report) -> str:
    out = [
        "| What | Measured | Target | Met? | Peers, same files, same run |",
        "|---|---|---|---|---|",
    ]
    for row in report.rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        out.append(f"| {row.what} | {row.measured} | {row.target} | {met} | {row.peers} |")
    return "\n".join(out)


def render_markdown(report: Report, runs: int) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {when} on {machine()}.",
        f"Median of {runs} whole-process runs after one warm-up run; peers "
        "(check-jsonschema with journeykit's own JSON Schema, yamllint with its default "
        "rules) on the same files in the same run.",
        "",
        table(report),
    ]
    if report.notes:
        lines += ["", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines)


def update_docs(markdown: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
    DOCS.write_text(f"{text[:start]}\n{markdown}\n{text[end:]}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--peer-runs", type=int, default=1, help="timed runs of the peers")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-hostile", action="store_true", help="no 10k/100k hostile rows")
    parser.add_argument("--fresh", action="store_true", help="generate the workspaces again")
    parser.add_argument("--update-docs", action="store_true", help=f"write into {DOCS}")
    args = parser.parse_args(argv)
    report = bench(args)
    markdown = render_markdown(report, args.runs)
    print(markdown)
    if args.update_docs:
        update_docs(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
