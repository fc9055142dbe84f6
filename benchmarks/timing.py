"""Timing whole processes for benchmarks/run.py: one command, or the same row on each side.

A side is one journeykit to measure: the working tree, or a revision installed by
benchmarks/revision.py. `compare` runs a row's command for every side in turn (A, B, A,
B ...), so both are measured on the same minutes of a noisy machine.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent


@dataclass
class Sample:
    times: list[float]
    exit_code: int
    peak_rss: int = 0
    """Largest resident set of the command, in bytes (measured when asked)."""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass(frozen=True)
class Side:
    """One journeykit to time: its command, its Python, what its processes' environment adds."""

    label: str
    journeykit: str
    python: str
    env: Mapping[str, str | None] = field(default_factory=dict)
    """Variables to set, or (None) to remove, for this side's processes."""


def working_tree() -> Side:
    """This checkout's sources, run by this venv's `journeykit` (whatever it has installed)."""
    return Side(
        "working tree", str(BIN / "journeykit"), sys.executable, {"PYTHONPATH": str(REPO / "src")}
    )


Before = Callable[[Side], Mapping[str, str]]
"""Called before each run of a side (warm-up included); returns variables for that run."""


def child_env(
    cache: bool = False, side: Side | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    # What users have: bytecode caches written once and reused.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(NO_COLOR="1", CI="true")
    # Every row times a full run unless it says it is the cached one.
    env.pop("JOURNEYKIT_NO_CACHE", None)
    env.pop("JOURNEYKIT_CACHE_DIR", None)
    if not cache:
        env["JOURNEYKIT_NO_CACHE"] = "1"
    for name, value in (side.env if side is not None else {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    env.update(extra or {})
    return env


# Runs the command as a child and reports its peak RSS (KiB on Linux) and exit code.
_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'RSS {peak} EXIT {code}')\n"
)


def once(cmd: Sequence[str], env: Mapping[str, str], rss: bool = False) -> tuple[float, int, int]:
    """One timed run: seconds, exit code, peak RSS in bytes (0 unless `rss`)."""
    wrapped = [sys.executable, "-c", _RSS_PROBE, *cmd] if rss else list(cmd)
    start = time.perf_counter()
    done = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - start
    if not rss:
        return took, done.returncode, 0
    match = re.search(rb"RSS (\d+) EXIT (-?\d+)", done.stderr)
    assert match, done.stderr
    return took, int(match[2]), int(match[1]) * 1024


def run(cmd: Sequence[str], runs: int, rss: bool = False, cache: bool = False) -> Sample:
    """Warm up once, then time `runs` whole processes (for commands that are no side's)."""
    env = child_env(cache)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    sample = Sample([], 0)
    for _ in range(runs):
        took, sample.exit_code, peak = once(cmd, env, rss)
        sample.times.append(took)
        sample.peak_rss = max(sample.peak_rss, peak)
    return sample


def compare(
    sides: Sequence[Side],
    command: Callable[[Side], Sequence[str]],
    runs: int,
    rss: bool = False,
    cache: bool = False,
    before: Before | None = None,
) -> list[Sample]:
    """Each side's sample of `command(side)`: one warm-up each, then the runs interleaved."""
    samples = [Sample([], 0) for _ in sides]

    def env(side: Side) -> dict[str, str]:
        return child_env(cache, side, before(side) if before is not None else None)

    for side in sides:
        subprocess.run(
            command(side), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(side)
        )
    for _ in range(runs):
        for side, sample in zip(sides, samples, strict=True):
            took, sample.exit_code, peak = once(command(side), env(side), rss)
            sample.times.append(took)
            sample.peak_rss = max(sample.peak_rss, peak)
    return samples


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
