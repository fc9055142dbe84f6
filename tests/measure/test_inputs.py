"""The same log as CSV, Parquet, JSON Lines and a DuckDB table: the same measurement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from measure.clirun import CASE, jk


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(CASE, tmp_path / "ws")
    return tmp_path / "ws"


def _without_source(text: str) -> dict[str, object]:
    data = json.loads(text)
    data["log"].pop("source")
    return dict(data)


def _write_copies(ws: Path) -> None:
    con = duckdb.connect()
    rows = "read_csv('events.csv', all_varchar = true)"
    con.execute(f"COPY (SELECT * FROM {rows}) TO 'events.parquet' (FORMAT parquet)")
    con.execute(f"COPY (SELECT * FROM {rows}) TO 'events.jsonl' (FORMAT json)")
    con.close()
    db = duckdb.connect("events.duckdb")
    db.execute(
        "CREATE TABLE log AS SELECT customer_id, event, CAST(timestamp AS TIMESTAMPTZ) AS "
        f"timestamp, persona, campaign FROM {rows}"
    )
    db.close()


@pytest.mark.parametrize("source", ["events.parquet", "events.jsonl", "duckdb:events.duckdb:log"])
def test_every_input_gives_the_same_numbers(
    ws: Path, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws)
    _write_copies(ws)
    done = jk("measure", ".", "--events", source, "-f", "json", cwd=ws)
    assert done.returncode == 0, done.stderr
    assert _without_source(done.stdout) == _without_source((CASE / "expected.json").read_text())


def test_missing_duckdb_table(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    _write_copies(ws)
    done = jk("measure", ".", "--events", "duckdb:events.duckdb:lgo", cwd=ws)
    assert (done.returncode, done.stderr) == (
        2,
        "journeykit: duckdb:events.duckdb:lgo: no table 'lgo' in events.duckdb (tables: log); "
        "did you mean 'log'?\n",
    )


def test_naive_times_in_the_configured_zone(ws: Path) -> None:
    """Helsinki is UTC+3 in May: the same instants written as local wall-clock times."""
    from datetime import datetime, timedelta

    lines = (ws / "events.csv").read_text().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        c, e, ts, *rest = line.split(",")
        local = datetime.fromisoformat(ts.replace("Z", "+00:00")) + timedelta(hours=3)
        out.append(",".join([c, e, local.strftime("%Y-%m-%d %H:%M:%S"), *rest]))
    (ws / "local.csv").write_text("\n".join(out) + "\n")
    config = '[measure]\nsegment = "persona"\ntime-zone = "Europe/Helsinki"\n'
    (ws / "journeykit.toml").write_text(config)
    done = jk("measure", ".", "--events", "local.csv", "-f", "json", cwd=ws)
    assert done.returncode == 0, done.stderr
    assert _without_source(done.stdout) == _without_source((CASE / "expected.json").read_text())


def test_persona_keeps_its_segment(ws: Path) -> None:
    done = jk(
        "measure", ".", "--events", "events.csv", "--persona", "student", "-f", "json", cwd=ws
    )
    assert done.returncode == 0, done.stderr
    everyone = json.loads(done.stdout)["journeys"][0]["all"]
    assert (everyone["customers"], everyone["instances"]) == (2, 2)
    bad = jk("measure", ".", "--events", "events.csv", "--persona", "studnet", cwd=ws)
    assert (bad.returncode, bad.stderr) == (
        2,
        "journeykit: unknown persona 'studnet' (did you mean 'student'?)\n",
    )
