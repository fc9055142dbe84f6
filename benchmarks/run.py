"""Time journeykit's commands as whole processes, beside check-jsonschema and yamllint.

    python benchmarks/run.py                      # print the table
    python benchmarks/run.py --update-docs        # and write it into docs/benchmarks.md
    python benchmarks/run.py --against main       # main and the working tree side by side
    python benchmarks/run.py --only validate,report-1000 --runs 3
    python benchmarks/run.py --only measure       # measure on 100k-10M events, PM4Py beside it

Workspaces come from benchmarks/generate.py into benchmarks/work/ (git-ignored). Each
command runs once to warm up (bytecode caches, page cache), then `--runs` times; the
table shows the median. The peers run on the very same files in the same run. With
`--against REV`, REV is installed into a temporary venv and every row runs it and the
working tree in turn, so both columns are measured on the same minutes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import measure_rows  # noqa: E402
import report_rows  # noqa: E402
import rows  # noqa: E402
from revision import installed  # noqa: E402
from table import DOCS, Report, render_markdown, update_docs  # noqa: E402
from timing import working_tree  # noqa: E402

Section = Callable[[rows.Bench, Report], None]


def _hostile(bench: rows.Bench, report: Report) -> None:
    from hostile import bench_hostile

    bench_hostile(bench, report, min(bench.runs, 3), bench.fresh)


SECTIONS: dict[str, Section] = {
    "validate": rows.validate,
    "lint": rows.lint,
    "gaps": rows.gaps,
    "big": rows.big,
    "small": rows.small,
    "startup": rows.startup,
    "render": report_rows.render,
    "report-1000": report_rows.report_1000,
    "curve": rows.curve,
    "measure": measure_rows.measure,
    "hostile": _hostile,
}
"""The rows in table order, by the names `--only` takes."""


def workspaces(work: Path, fresh: bool) -> dict[str, Path]:
    """Generate the benchmark workspaces (once; `fresh` regenerates them)."""
    # name: (journeys, touchpoints per journey, seed, vary the touchpoints per journey)
    wanted: dict[str, tuple[int, float, int, bool]] = {
        "1000": (1000, 4.5, 1, True),  # ~4.75 MB of journeys
        "10mb": (1, generate.touchpoints_for_bytes(10_000_000), 2, False),
        "small": (1, 8, 3, False),
        "render": (1, 200, 4, False),
        **{f"curve-{n}": (1, n, 5, False) for n in rows.CURVE},
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


def only(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown rows {', '.join(unknown) or '(none)'}; choose from {', '.join(SECTIONS)}"
        )
    return names


def bench(args: argparse.Namespace) -> Report:
    chosen = args.only or [n for n in SECTIONS if not (n == "hostile" and args.skip_hostile)]
    wanted = [n for n in SECTIONS if n in chosen]  # in table order
    report = Report()
    work = HERE / "work"
    ws = workspaces(work, args.fresh)
    with ExitStack() as stack:
        sides = [working_tree()]
        if args.against:
            sides.append(stack.enter_context(installed(args.against)))
            report.against = sides[1].label
        setup = rows.Bench(sides, ws, work, args.runs, args.peer_runs, args.skip_peers, args.fresh)
        for name in wanted:
            SECTIONS[name](setup, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--peer-runs", type=int, default=1, help="timed runs of the peers")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-hostile", action="store_true", help="no 10k/100k hostile rows")
    parser.add_argument("--fresh", action="store_true", help="generate the workspaces again")
    parser.add_argument("--update-docs", action="store_true", help=f"write into {DOCS}")
    parser.add_argument(
        "--against", metavar="REV", help="also time this git revision, in turn with the tree"
    )
    parser.add_argument(
        "--only", type=only, metavar="ROWS", help=f"comma-separated: {', '.join(SECTIONS)}"
    )
    args = parser.parse_args(argv)
    if args.update_docs and args.only:
        parser.error("--update-docs writes the whole table: not with --only")
    report = bench(args)
    markdown = render_markdown(report, args.runs)
    print(markdown)
    if args.update_docs:
        update_docs(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
