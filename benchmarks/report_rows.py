"""benchmarks/run.py's rows for pictures: `render` and `report` of one journey, `report` of 1,000.

The report of 1,000 journeys is timed with a cold picture cache (a fresh
`JOURNEYKIT_CACHE_DIR` before every run), warm (the same folder as the last run, nothing
changed) and after one journey changed (one title edited before every run), at most 3
runs a row. A journeykit without a picture cache simply does all the work each time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from rows import Bench, exits, journeys_of
from table import Report, Row
from timing import Side, child_env, compare


def _missing(bench: Bench, report: Report, what: str) -> bool:
    """Whether a side has no `render` or `report` command, or Graphviz is missing (noted)."""
    if shutil.which("dot") is None:
        report.notes.append(f"Graphviz `dot` is missing: {what} skipped.")
        return True
    for side in bench.sides:
        commands = subprocess.run(
            [side.journeykit, "--help"], capture_output=True, text=True, env=child_env(side=side)
        ).stdout
        if not all(re.search(rf"^\s+{c}\b", commands, re.M) for c in ("render", "report")):
            report.notes.append(f"{side.label} has no `render` or `report`: {what} skipped.")
            return True
    return False


def render(bench: Bench, report: Report) -> None:
    """One journey of 200 touchpoints: the map alone, and the whole report."""
    if _missing(bench, report, "the 200-touchpoint rows"):
        report.rows.append(Row("`render` + `report`, 200 touchpoints", "skipped", "≤ 400 ms"))
        return
    root = str(bench.ws["render"])

    def svg(side: Side) -> list[str]:
        out = bench.folder(side, "render-out")
        return [side.journeykit, "render", root, "-f", "svg", "-o", str(out)]

    def site(side: Side) -> list[str]:
        return [side.journeykit, "report", root, "-o", str(bench.folder(side, "report-out"))]

    maps = compare(bench.sides, svg, bench.runs)
    # One process writes both: the HTML report and each journey's map and flow as SVG.
    sites = compare(bench.sides, site, bench.runs)
    what = "SVG + HTML report (`report`, one process), 200 touchpoints"
    report.add(what, sites, "≤ 400 ms", lambda t: t <= 0.4)
    report.add("… `render -f svg` alone (the map)", maps)
    both = [
        type(m)([a + b for a, b in zip(m.times, s.times, strict=True)], 0)
        for m, s in zip(maps, sites, strict=True)
    ]
    report.add("… `render -f svg` and `report` as two processes", both)
    if not list(bench.folder(bench.tree, "report-out").glob("*.map.svg")):
        report.notes.append("`report` wrote no SVG image: the one-process row is not comparable.")
    exits(report, "render of the 200-touchpoint journey", maps, bench)
    exits(report, "report of the 200-touchpoint journey", sites, bench)


def _edit(path: Path) -> Callable[[Side], None]:
    """Changes the journey's title, differently each call: one journey changed."""
    original = path.read_text(encoding="utf-8")
    calls = [0]

    def edit(side: Side) -> None:
        calls[0] += 1
        text = re.sub(
            r"^title: (.*)$", f'title: "Edited {calls[0]}"', original, count=1, flags=re.M
        )
        path.write_text(text, encoding="utf-8")

    return edit


def report_1000(bench: Bench, report: Report) -> None:
    if _missing(bench, report, "the 1,000-journey report rows"):
        return
    root = bench.ws["1000"]
    # Each run draws 2,000 pictures (most of a minute on 2 cores): at most 3 runs a row.
    runs = min(bench.runs, 3)

    def site(side: Side) -> list[str]:
        return [
            side.journeykit,
            "report",
            str(root),
            "-o",
            str(bench.folder(side, "report-1000")),
        ]

    def cache_dir(side: Side, fresh: bool) -> Mapping[str, str]:
        folder = bench.folder(side, "cache-1000")
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(exist_ok=True)
        return {"JOURNEYKIT_CACHE_DIR": str(folder)}

    cold = compare(bench.sides, site, runs, cache=True, before=lambda s: cache_dir(s, True))
    what = (
        f"`report`, {len(journeys_of(root)):,} journeys, cold cache (a fresh JOURNEYKIT_CACHE_DIR)"
    )
    report.add(what, cold, "≤ 15 s", lambda t: t <= 15)
    warm = compare(bench.sides, site, runs, cache=True, before=lambda s: cache_dir(s, False))
    report.add("… warm cache, nothing changed since the last run", warm, "≤ 2 s", lambda t: t <= 2)
    changed = journeys_of(root)[len(journeys_of(root)) // 2]
    edit = _edit(Path(changed))
    original = Path(changed).read_text(encoding="utf-8")

    def one_changed(side: Side) -> Mapping[str, str]:
        edit(side)
        return cache_dir(side, False)

    try:
        again = compare(bench.sides, site, runs, cache=True, before=one_changed)
    finally:
        Path(changed).write_text(original, encoding="utf-8")
        for side in bench.sides:
            shutil.rmtree(bench.folder(side, "cache-1000"), ignore_errors=True)
    report.add(
        "… warm cache, one journey changed since the last run", again, "≤ 2 s", lambda t: t <= 2
    )
    for what, samples in (("cold", cold), ("warm", warm), ("one changed", again)):
        exits(report, f"report of 1,000 journeys ({what})", samples, bench)
