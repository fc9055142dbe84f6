"""The engines against the plain-Python reference on generated logs, and the hand-checked
case folder: the same JSON on DuckDB and on Spark."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from journeykit.measure import MeasureOptions, MeasureSettings, measure
from journeykit.measure.design import JourneyDesign
from journeykit.run.engine import run
from journeykit.run.options import RunOptions
from journeykit.workspace.project import Project
from measure import genlog, reference

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

CASE = Path(__file__).parent / "cases" / "shop"


@pytest.fixture(scope="module")
def project() -> Project:
    return run([CASE], RunOptions()).workspaces[0].project


SPLITS = [None, timedelta(days=10)]
SEGMENTS = [None, "persona"]
SPARK = pytest.mark.spark
# DuckDB on every combination; Spark (seconds a query) on four that cover every split
# and segment setting and every seed, its JSON compared to the same reference.
CASES = [
    *(
        pytest.param("duckdb", seed, split, seg)
        for seed in (1, 2, 3, 4)
        for split in SPLITS
        for seg in SEGMENTS
    ),
    *(
        pytest.param("spark", seed, SPLITS[seed % 2], SEGMENTS[seed // 2 % 2], marks=SPARK)
        for seed in (1, 2, 3, 4)
    ),
]


@pytest.mark.parametrize(("backend", "seed", "split", "segment"), CASES, indirect=["backend"])
def test_engine_agrees_with_reference(
    tmp_path: Path,
    project: Project,
    backend: BaseBackend,
    seed: int,
    split: timedelta | None,
    segment: str | None,
) -> None:
    log = tmp_path / "events.csv"
    genlog.generate(log, seed)
    settings = replace(MeasureSettings(), segment=segment, split_after=split)
    got = measure(project, str(log), MeasureOptions(settings=settings), backend)
    designs = [JourneyDesign.from_journey(j.item) for j in project.journeys.values()]
    want = reference.measure(log, designs, segment, split)
    assert got.to_json() == want.to_json()


@pytest.mark.parametrize("case", ["shop", "two-journeys"])
def test_case_folder_on_each_engine(backend: BaseBackend, case: str) -> None:
    """Each hand-checked case: expected.json (UPDATE_GOLDEN=1 rewrites it, from DuckDB),
    and the reference, on both engines. two-journeys has two journeys over one log: a row
    either of them claims is mapped, for both."""
    folder = CASE.parent / case
    project = run([folder], RunOptions()).workspaces[0].project
    settings = replace(MeasureSettings(), segment="persona")  # the cases' [measure]
    got = measure(project, "events.csv", MeasureOptions(settings=settings, base=folder), backend)
    designs = [JourneyDesign.from_journey(j.item) for j in project.journeys.values()]
    want = reference.measure(folder / "events.csv", designs, "persona", None)
    assert got.to_json() == replace(want, log=replace(want.log, source="events.csv")).to_json()
    expected = folder / "expected.json"
    if os.environ.get("UPDATE_GOLDEN") and backend.name == "duckdb":
        expected.write_text(got.to_json())
    assert got.to_json() == expected.read_text()


@pytest.mark.parametrize("backend", ["duckdb"], indirect=True)  # about the logs only
def test_generated_logs_hold_the_deviations(
    tmp_path: Path, project: Project, backend: BaseBackend
) -> None:
    """The comparison means something only if the logs really deviate."""
    log = tmp_path / "events.csv"
    genlog.generate(log, 1)
    got = measure(project, str(log), MeasureOptions(), backend).journeys[0].all
    assert got.jumps and got.drop_outs and got.back_steps.numerator
    assert got.loops.numerator and got.unmapped.rows
    assert 0 < (got.fitness.rate or 0) < 1
