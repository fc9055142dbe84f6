"""The engines measure runs on, for the tests: DuckDB in memory, and one Spark session
(local[2]) for the tests in this folder, started on first use and ended, JVM and all,
after the last of them. `backend` runs a test on both; the Spark half is marked `spark`
(`pytest -m "not spark"` leaves it out). Where pyspark or Java is missing the Spark tests
skip, and under CI=true they fail (tests/conftest.py turns every CI skip into a failure)."""

from __future__ import annotations

import importlib.util
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

import support

if TYPE_CHECKING:
    from ibis.backends import BaseBackend


@dataclass(frozen=True)
class Settings:
    """What engines.connect reads of MeasureSettings."""

    spark_master: str = "local[2]"
    spark_remote: str | None = None


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: `pip install -e '.[spark]'` (`make setup` does)"
    if shutil.which("java") is None:
        return "Spark needs Java: `apt-get install openjdk-17-jre-headless` (`make setup`)"
    return None


@pytest.fixture(scope="package")
def spark() -> Iterator[BaseBackend]:
    """One Spark for the measure tests: started once (a JVM takes seconds), warmed up with
    a first query, and stopped with its JVM after the last of them, which must then be
    gone. Not for the whole session: its py4j threads would stop journeykit forking
    (run/forked.can_fork) in the tests that run after these."""
    missing = _spark_missing()
    if missing is not None:
        pytest.skip(missing)
    from journeykit.measure import engines

    before = support.children()
    started = time.perf_counter()
    backend = engines.connect(Settings(), "spark")
    import ibis

    backend.execute(ibis.memtable({"x": [1, 2]}).x.sum())
    print(f"\nSpark local[2] started and warmed up in {time.perf_counter() - started:.1f} s")
    yield backend
    engines.close(backend)
    assert support.no_children_left(before), "Spark's JVM outlived engines.close"


@pytest.fixture(params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def backend(request: pytest.FixtureRequest) -> Iterator[BaseBackend]:
    """Each engine in turn, so a test asserts the same numbers on both."""
    if request.param == "spark":
        yield request.getfixturevalue("spark")
        return
    from journeykit.measure import engines

    duck = engines.connect(Settings(), "duckdb")
    yield duck
    engines.close(duck)
