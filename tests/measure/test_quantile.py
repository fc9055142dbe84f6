"""`timings` gives the nearest-rank median and p90 (quantile.nearest_rank) on every engine,
whichever way it computes them (DuckDB's quantile_disc, windows elsewhere)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ibis
import pyarrow as pa
import pytest

from journeykit.measure import readers
from journeykit.measure.quantile import nearest_rank, timings
from journeykit.measure.result import Timing

if TYPE_CHECKING:
    from ibis.backends import BaseBackend


def _groups(sizes: list[int]) -> tuple[dict[str, list[int]], list[dict[str, object]]]:
    """Group g<n> holds n values, shuffled and with repeats, so order and ties count."""
    values: dict[str, list[int]] = {}
    table: list[dict[str, object]] = []
    for n in sizes:
        group = [(i * 7919) % (n // 2 + 1) for i in range(n)]
        values[f"g{n}"] = group
        table += [{"g": f"g{n}", "v": v} for v in group]
    return values, table


def test_small_groups_match_nearest_rank(backend: BaseBackend, tmp_path: Path) -> None:
    sizes = [*range(1, 41), 99, 100, 101, 1000, 1001]
    values, table = _groups(sizes)
    path = tmp_path / "values.csv"
    path.write_text("g,v\n" + "".join(f"{r['g']},{r['v']}\n" for r in table), encoding="utf-8")
    read = readers.read_rows(backend, path, "csv")
    found = timings(read.mutate(v=read.v.cast("int64")), ["g"], "v")
    expected = {
        (g,): Timing(len(vs), nearest_rank(vs, 1, 2), nearest_rank(vs, 9, 10))
        for g, vs in values.items()
    }
    assert found == expected


@pytest.mark.parametrize("n", [1_000_000, 1_000_001, 1_000_009, 3_333_337])
def test_large_groups_pick_the_exact_rank(n: int) -> None:
    """Values 1..n: the k-th smallest is k, so the ranks are visible; float rounding of
    q * n would show at these sizes."""
    con = ibis.duckdb.connect()
    values = pa.array(range(n, 0, -1), pa.int64())
    table = con.create_table("q", pa.table({"g": pa.array(["g"] * n), "v": values}))
    assert timings(table, ["g"], "v") == {("g",): Timing(n, (n + 1) // 2, (9 * n + 9) // 10)}
