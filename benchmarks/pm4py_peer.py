"""PM4Py as the peer of `journeykit measure`: a directly-follows graph and token-replay
fitness against the designed journey, on the same event log.

    python benchmarks/pm4py_peer.py examples/retail online-order LOG.csv [--check]

Prints one JSON object: seconds per phase (read, format, dfg, replay), PM4Py's fitness
figures and, with `--check`, journeykit's fitness computed here in plain Python (the
definition of issue 14) for agreement checking. PM4Py is AGPL: it is in the `bench`
extra only, imported only here, never by the package.

The Petri net of the design: per touchpoint a visible transition between its own
`in` and `out` places; per designed transition `a -> b` a silent transition from
a's `out` to b's `in`; per touchpoint a silent transition from its `out` back to its
own `in` (journeykit counts a run of events at one touchpoint as one visit, not as a
move); silent transitions from the source to every entry's `in`; and silent
transitions to the sink from every touchpoint's `out` (`--ends-only`: from the ends'
only). Every label is unique, so PM4Py's replay has no duplicate to guess at,
and its shortest-silent-path heuristic fires exactly the designed transition a move needs.

Where the two fitness figures coincide: PM4Py's share of fit traces (`perc_fit_traces` /
100) on this net is journeykit's fitness (customers whose path starts at an entry and
moves only along designed transitions), when a case is a customer, events that map to no
touchpoint are left out by both (PM4Py's default), ties keep the log's order (PM4Py's
`format_dataframe` sorts by case, timestamp, row), and a repeated row (same customer,
event and timestamp) is read once, its first, before either sees the log. Where they do
not: PM4Py's `log_fitness` is token-based partial credit (a path with one jump still
scores about 0.9), journeykit's is all or nothing per customer; with `--ends-only` (the
usual final marking) a drop-out is unfit for PM4Py, while journeykit reports drop-outs
apart from fitness; `--split-after` makes several instances of one customer, PM4Py has
one case; a customer with only unmapped events is an unfit empty trace for PM4Py and no
journey instance for journeykit; `events:` matchers map events to touchpoints that PM4Py
would need mapped beforehand.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Graph:
    touchpoints: list[str]
    entries: set[str]
    ends: set[str]
    edges: set[tuple[str, str]]


def journey_graph(workspace: Path, journey: str) -> Graph:
    """The designed journey: touchpoints, entries, ends, transitions within the journey."""
    from journeykit.run.engine import run

    found = [
        j.item for w in run([workspace]).workspaces for j in w.journeys if j.item.id == journey
    ]
    if not found:
        raise SystemExit(f"{workspace}: no journey {journey!r}")
    j = found[0]
    ids = [t.id for t in j.touchpoints]
    edges = {
        (t.id, s.to)
        for t in j.touchpoints
        for s in t.transitions
        if s.journey in (None, j.id) and s.to in ids
    }
    ends = {t.id for t in j.touchpoints if t.end}
    return Graph(ids, {t.id for t in j.entries()}, ends, edges)


def journeykit_fitness(paths: Iterable[list[str]], graph: Graph) -> tuple[int, int]:
    """(fit, customers): whole path explained by the design, unmapped events left out."""
    known = set(graph.touchpoints)
    fit = total = 0
    for path in paths:
        steps = [e for e in path if e in known]
        if not steps:
            continue
        total += 1
        moves = [(a, b) for a, b in itertools.pairwise(steps) if a != b]  # a != b: one visit
        fit += steps[0] in graph.entries and all(m in graph.edges for m in moves)
    return fit, total


def petri_net(graph: Graph, ends_only: bool = False) -> tuple[Any, Any, Any]:
    from pm4py.objects.petri_net.obj import Marking, PetriNet
    from pm4py.objects.petri_net.utils.petri_utils import add_arc_from_to

    net = PetriNet("designed")
    source, sink = PetriNet.Place("source"), PetriNet.Place("sink")
    net.places.update((source, sink))
    ins, outs = {}, {}
    for tp in graph.touchpoints:
        ins[tp], outs[tp] = PetriNet.Place(f"in:{tp}"), PetriNet.Place(f"out:{tp}")
        visible = PetriNet.Transition(tp, tp)
        net.places.update((ins[tp], outs[tp]))
        net.transitions.add(visible)
        add_arc_from_to(ins[tp], visible, net)
        add_arc_from_to(visible, outs[tp], net)
    silent = [(source, ins[e]) for e in sorted(graph.entries)]
    silent += [(outs[a], ins[b]) for a, b in sorted(graph.edges) if a != b]
    silent += [(outs[tp], ins[tp]) for tp in graph.touchpoints]
    stops = graph.ends if ends_only else graph.touchpoints
    silent += [(outs[t], sink) for t in sorted(stops)]
    for n, (before, after) in enumerate(silent):
        tau = PetriNet.Transition(f"tau{n}", None)
        net.transitions.add(tau)
        add_arc_from_to(before, tau, net)
        add_arc_from_to(tau, after, net)
    return net, Marking({source: 1}), Marking({sink: 1})


def measure(log: Path, graph: Graph, check: bool, ends_only: bool) -> dict[str, Any]:
    import pandas as pd
    import pm4py

    times: dict[str, float] = {}
    start = time.perf_counter()
    df = pd.read_csv(log, dtype=str)
    df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601")
    df = df.drop_duplicates(["customer_id", "event", "timestamp"], keep="first")
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    # Sorts by case, timestamp and row: ties keep the log's order, as journeykit's (ts, seq).
    df = pm4py.format_dataframe(df, "customer_id", "event", "timestamp")
    times["format"] = time.perf_counter() - start
    start = time.perf_counter()
    dfg, _, _ = pm4py.discover_dfg(df)
    times["dfg"] = time.perf_counter() - start
    net, im, fm = petri_net(graph, ends_only)
    start = time.perf_counter()
    fitness = pm4py.fitness_token_based_replay(df, net, im, fm)
    times["replay"] = time.perf_counter() - start
    out: dict[str, Any] = {
        "events": len(df),
        "cases": int(df["case:concept:name"].nunique()),
        "dfg_edges": len(dfg),
        "seconds": times,
        "pm4py": {
            "perc_fit_traces": fitness["perc_fit_traces"],
            "log_fitness": fitness["log_fitness"],
            "average_trace_fitness": fitness["average_trace_fitness"],
        },
    }
    if check:
        paths = df.groupby("case:concept:name", sort=False)["concept:name"].agg(list)
        fit, total = journeykit_fitness(paths, graph)
        out["journeykit_reference"] = {"fit": fit, "customers": total, "fitness": fit / total}
        known = df["concept:name"].isin(graph.touchpoints)
        mapped = pm4py.fitness_token_based_replay(df[known], net, im, fm)
        out["pm4py_mapped_only"] = {"perc_fit_traces": mapped["perc_fit_traces"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("journey")
    parser.add_argument("log", type=Path, help="a CSV from benchmarks/eventlog.py")
    parser.add_argument("--check", action="store_true", help="also journeykit's fitness")
    parser.add_argument("--ends-only", action="store_true", help="traces must stop at an end")
    args = parser.parse_args(argv)
    graph = journey_graph(args.workspace, args.journey)
    result = measure(args.log, graph, args.check, args.ends_only)
    sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
