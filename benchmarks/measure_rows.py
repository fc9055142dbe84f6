"""benchmarks/run.py's rows for `journeykit measure`, with PM4Py as the peer on the same logs.

Logs come from benchmarks/eventlog.py (the retail example's `online-order` journey) into
benchmarks/work/events/. `measure` is timed as a whole process on DuckDB and on Spark
local, its peak memory the largest sum of the resident sets of its process tree (the
JVM included), sampled every 50 ms. PM4Py (DFG + token replay against a Petri net of
the design, benchmarks/pm4py_peer.py) runs once per log, stopped after 10 minutes. On a
side without `measure` the rows say so and PM4Py is timed alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rows import Bench
from table import Report, Row
from timing import HERE, REPO, Side, child_env, ms, size

WORKSPACE = REPO / "examples" / "retail"
JOURNEY = "online-order"
SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
PEER_SIZES = ("100k", "1M")
PEER_TIMEOUT = 600.0


def tree_rss(pid: int) -> int:
    """The resident set of `pid` and all its descendants, in bytes (0 once gone)."""
    parents: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        child = int(stat.parent.name)
        parents.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * 4096
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += parents.get(current, [])
    return total


def timed(
    cmd: Sequence[str], env: dict[str, str], timeout: float | None = None
) -> tuple[float, int, int, str]:
    """Seconds, exit code (-9 when stopped at `timeout`), peak tree RSS, stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        code = -9
    finally:
        done.set()
        sampler.join()
    return time.perf_counter() - start, code, peak[0], out.decode(errors="replace")


def logs(bench: Bench) -> tuple[dict[str, Path], list[str]]:
    """The logs, made once (`--fresh`: again), and how long making them took."""
    folder = bench.work / "events"
    found, notes = {}, []
    for name, events in SIZES.items():
        path = folder / f"{JOURNEY}-{name}.csv"
        if bench.fresh or not path.exists():
            cmd = [sys.executable, str(HERE / "eventlog.py"), str(WORKSPACE), str(path)]
            cmd += ["--events", str(events), "--journey", JOURNEY]
            took, code, peak, _ = timed(cmd, child_env(side=bench.tree))
            assert code == 0, f"eventlog.py exited {code}"
            wrote = f"`eventlog.py` wrote {name} events ({size(path.stat().st_size)} CSV)"
            notes.append(f"{wrote} in {ms(took)}, peak RSS {size(peak)}.")
        found[name] = path
    return found, notes


def has_measure(side: Side) -> bool:
    done = subprocess.run(
        [side.journeykit, "measure", "--help"], capture_output=True, env=child_env(side=side)
    )
    return done.returncode == 0


def fitness_in(text: str) -> tuple[int, int] | None:
    """(numerator, denominator) of the first journey's fitness in measure's JSON (the
    rate is rounded to 6 places, so the counts are what is compared)."""
    try:
        fitness = json.loads(text)["journeys"][0]["all"]["fitness"]
        return int(fitness["numerator"]), int(fitness["denominator"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def peer(bench: Bench, log: Path, check: bool) -> dict[str, Any] | None:
    cmd = [sys.executable, str(HERE / "pm4py_peer.py"), str(WORKSPACE), JOURNEY, str(log)]
    took, code, peak, out = timed(
        [*cmd, *(["--check"] if check else [])], child_env(side=bench.tree), PEER_TIMEOUT
    )
    if code != 0:
        return {"took": took, "code": code}
    result: dict[str, Any] = json.loads(out)
    result.update(took=took, code=0, peak=peak)
    return result


def measure(bench: Bench, report: Report) -> None:
    found, notes = logs(bench)
    report.notes += notes
    sides = [s for s in bench.sides if has_measure(s)]
    if not sides:
        report.notes.append("No side has `journeykit measure`: its rows are skipped.")
    peers: dict[str, dict[str, Any] | None] = {}
    if not bench.skip_peers:
        try:
            import pm4py  # noqa: F401
        except ImportError:
            report.notes.append("PM4Py missing: `.venv/bin/pip install -e '.[bench]'`.")
        else:
            peers = {name: peer(bench, found[name], name == "100k") for name in PEER_SIZES}
    for engine in ("duckdb", "spark"):
        for name, log in found.items():
            _row(bench, report, sides, engine, name, log, peers.get(name))
    _agreement(report, peers.get("100k"), bench, sides, found["100k"])


def _peer_text(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    if result["code"] != 0:
        return f"PM4Py stopped after {ms(result['took'])} (exit {result['code']})"
    s = result["seconds"]
    return (
        f"PM4Py {ms(result['took'])} (read {ms(s['read'])}, DFG {ms(s['dfg'])}, token replay "
        f"{ms(s['replay'])}), peak {size(result['peak'])}"
    )


def _row(
    bench: Bench,
    report: Report,
    sides: list[Side],
    engine: str,
    name: str,
    log: Path,
    theirs: dict[str, Any] | None,
) -> None:
    what = f"`measure --engine {engine}`, {name} events ({size(log.stat().st_size)} CSV)"
    big = name == "10M"
    target = ("≤ 30 s, ≤ 2 GB" if big else "") if engine == "duckdb" else ""
    peers = _peer_text(theirs) if engine == "duckdb" else ""
    if not sides:
        report.rows.append(Row(what, "skipped (no `measure`)", target, None, peers))
        return
    runs = 1 if big or engine == "spark" else min(bench.runs, 3)
    samples: list[list[tuple[float, int, int]]] = [[] for _ in sides]
    for _ in range(runs):
        for side, got in zip(sides, samples, strict=True):
            cmd = [side.journeykit, "measure", str(WORKSPACE), "--events", str(log)]
            cmd += ["--journey", JOURNEY, "--engine", engine, "-f", "json"]
            took, code, peak, _ = timed(cmd, child_env(side=side))
            got.append((took, code, peak))
    best = sorted(samples[0])[len(samples[0]) // 2]
    peak = max(p for _, _, p in samples[0])
    met = (best[0] <= 30 and peak <= 2e9) if target else None
    row = Row(what, f"{ms(best[0])}, peak {size(peak)} (tree)", target, met, peers)
    if len(samples) > 1:
        other = sorted(samples[1])[len(samples[1]) // 2]
        row.against, row.ratio = ms(other[0]), f"{best[0] / other[0]:.2f}x"
    report.rows.append(row)
    for side, got in zip(sides, samples, strict=True):
        if any(code != 0 for _, code, _ in got):
            report.notes.append(f"{what} ({side.label}) exited {[c for _, c, _ in got]}.")


def _agreement(
    report: Report,
    theirs: dict[str, Any] | None,
    bench: Bench,
    sides: list[Side],
    log: Path,
) -> None:
    if not theirs or theirs.get("code") != 0:
        return
    ref = theirs["journeykit_reference"]
    text = (
        f"reference {ref['fit']:,}/{ref['customers']:,} = {ref['fitness']:.4f}; "
        f"PM4Py fit traces {theirs['pm4py']['perc_fit_traces'] / 100:.4f} "
        f"(log fitness {theirs['pm4py']['log_fitness']:.4f})"
    )
    agree = abs(ref["fitness"] - theirs["pm4py"]["perc_fit_traces"] / 100) < 1e-9
    if sides:
        cmd = [sides[0].journeykit, "measure", str(WORKSPACE), "--events", str(log)]
        done = subprocess.run(
            [*cmd, "--journey", JOURNEY, "-f", "json"],
            capture_output=True,
            text=True,
            env=child_env(side=sides[0]),
        )
        ours = fitness_in(done.stdout)
        shown = "none" if ours is None else f"{ours[0]:,}/{ours[1]:,} = {ours[0] / ours[1]:.4f}"
        text += f"; `measure` {shown}"
        agree = agree and ours == (ref["fit"], ref["customers"])
    what = "… fitness on 100k events: journeykit's definition vs PM4Py's fit traces"
    report.rows.append(Row(what, text, "equal", agree))
