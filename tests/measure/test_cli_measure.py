"""`journeykit measure` end to end: the hand-checked case, and every kind of bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from measure.clirun import CASE, jk


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(CASE, tmp_path / "ws")
    return tmp_path / "ws"


def test_case_matches_expected_json(ws: Path) -> None:
    done = jk("measure", ".", "--events", "events.csv", "-f", "json", cwd=ws)
    assert done.returncode == 0, done.stderr
    expected = (CASE / "expected.json").read_text()
    if os.environ.get("UPDATE_GOLDEN"):
        (CASE / "expected.json").write_text(done.stdout)
    assert done.stdout == expected


def test_human_and_markdown(ws: Path) -> None:
    human = jk("measure", ".", "--events", "events.csv", cwd=ws)
    assert human.returncode == 0, human.stderr
    assert "fitness: 60.0% (3 of 5)   unexplained movement: 20.0% (3 of 15)" in human.stdout
    md = jk("measure", ".", "--events", "events.csv", "-f", "markdown", "-o", "m.md", cwd=ws)
    assert md.returncode == 0 and md.stdout == ""
    text = (ws / "m.md").read_text()
    assert "| browse | order | JUMP | 1 | 30.0 min | 30.0 min |" in text


def _bad(ws: Path, csv_text: str | bytes, *more: str, name: str = "bad.csv") -> str:
    path = ws / name
    if isinstance(csv_text, bytes):
        path.write_bytes(csv_text)
    else:
        path.write_text(csv_text)
    done = jk("measure", ".", "--events", name, "-f", "json", "-o", "out.json", *more, cwd=ws)
    assert done.returncode == 2, done.stderr
    assert not (ws / "out.json").exists()
    assert "Traceback" not in done.stderr
    return done.stderr.strip()


HEAD = "customer_id,event,timestamp,persona,campaign\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "customer,event,timestamp\nc1,ad,2024-05-01T09:00:00Z\n",
            "journeykit: bad.csv, column 'customer_id': no column 'customer_id' (the [measure] "
            "customer-id setting); the columns are customer, event, timestamp; "
            "did you mean 'customer'?",
        ),
        (
            HEAD + "c1,ad,2024-05-01T09:00:00Z,student,\nc1,browse,yesterday,student,\n",
            "journeykit: bad.csv, column 'timestamp', row 2: cannot read 'yesterday' as a "
            "timestamp (ISO 8601, e.g. 2024-05-01T09:30:00+03:00 or 2024-05-01 09:30:00)",
        ),
        (
            HEAD + "c1,ad,2024-05-01T09:00:00Z,student,\nc1,browse,2024-05-01 09:10:00,student,\n",
            "journeykit: bad.csv, column 'timestamp', row 2: mixed time zones: row 1 has an "
            "offset, row 2 has none; write every timestamp with an offset, or none (and set "
            "[measure] time-zone)",
        ),
        (HEAD, "journeykit: bad.csv: the event log is empty (no rows)"),
        ("", "journeykit: bad.csv: the event log is empty (no rows)"),
        (
            HEAD + ",ad,2024-05-01T09:00:00Z,student,\n",
            "journeykit: bad.csv, column 'customer_id', row 1: an empty customer id",
        ),
        (
            b"PAR1\x00\x01binary",
            "journeykit: bad.csv: not a CSV file (it is binary, or not UTF-8 text)",
        ),
    ],
)
def test_bad_logs(ws: Path, text: str | bytes, message: str) -> None:
    assert _bad(ws, text) == message


def test_not_parquet(ws: Path) -> None:
    got = _bad(ws, HEAD, name="bad.parquet")
    assert got == "journeykit: bad.parquet: not a Parquet file (it starts with b'customer')"


def test_unknown_journey(ws: Path) -> None:
    got = _bad(ws, HEAD + "c1,ad,2024-05-01T09:00:00Z,student,\n", "--journey", "shoop")
    assert got == "journeykit: unknown journey 'shoop' (did you mean 'shop'?)"


def test_missing_file(ws: Path) -> None:
    done = jk("measure", ".", "--events", "nope.csv", cwd=ws)
    assert (done.returncode, done.stderr) == (2, "journeykit: nope.csv: no such file\n")


def test_bad_setting(ws: Path) -> None:
    (ws / "journeykit.toml").write_text('[measure]\nsegment = "persona"\nsplit-after = "soon"\n')
    done = jk("measure", ".", "--events", "events.csv", cwd=ws)
    assert done.returncode == 2
    assert done.stderr == (
        "journeykit: journeykit.toml:3:1: measure.split-after: 'soon' is not a duration "
        "like 30d, 12h, 90m, 45s or 2w\n"
    )
    (ws / "journeykit.toml").write_text('[measure]\ncustomer_idd = "x"\n')
    done = jk("measure", ".", "--events", "events.csv", cwd=ws)
    assert done.stderr == (
        "journeykit: journeykit.toml:2:1: unknown key 'measure.customer_idd' "
        "(did you mean 'customer-id'?)\n"
    )


def test_split_after_and_period(ws: Path) -> None:
    done = jk(
        "measure",
        ".",
        "--events",
        "events.csv",
        "-f",
        "json",
        "--split-after",
        "30m",
        "--since",
        "2024-05-01",
        "--until",
        "2024-05-02",
        cwd=ws,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["log"]["rows_in_period"] == 20
    assert data["log"]["split_after_seconds"] == 1800
    assert data["journeys"][0]["all"]["instances"] == 5


def test_bad_period(ws: Path) -> None:
    done = jk("measure", ".", "--events", "events.csv", "--since", "May 1st", cwd=ws)
    assert (done.returncode, done.stderr) == (
        2,
        "journeykit: --since: 'May 1st' is not a date (YYYY-MM-DD) or an ISO 8601 instant\n",
    )
    done = jk("measure", ".", "--events", "events.csv", "--since", "2030-01-01", cwd=ws)
    assert (done.returncode, done.stderr) == (
        2,
        "journeykit: events.csv: no events in the period asked for (--since/--until)\n",
    )
    done = jk("measure", ".", "--events", "events.csv", "--split-after", "0d", cwd=ws)
    assert (done.returncode, done.stderr) == (
        2,
        "journeykit: --split-after: '0d' is not a duration like 30d, 12h, 90m, 45s or 2w\n",
    )


def test_memory_limit_and_spill_folder(ws: Path, tmp_path: Path) -> None:
    (ws / "journeykit.toml").write_text('[measure]\nmemory-limit = "lots"\n')
    done = jk("measure", ".", "--events", "events.csv", cwd=ws)
    assert (done.returncode, done.stderr) == (
        2,
        "journeykit: journeykit.toml:2:1: measure.memory-limit: 'lots' is not a size like "
        "1GB, 512MB or 2GiB\n",
    )
    spill = tmp_path / "spill"
    config = (CASE / "journeykit.toml").read_text()
    assert config.rstrip().endswith('"') and "[measure]" in config  # the table comes last
    more = f'memory-limit = "64MB"\ntemp-directory = "{spill}"\n'
    (ws / "journeykit.toml").write_text(config.rstrip() + "\n" + more)
    done = jk("measure", ".", "--events", "events.csv", "-f", "json", cwd=ws)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (CASE / "expected.json").read_text()


def test_duckdb_settings_reach_the_engine(tmp_path: Path) -> None:
    from journeykit.measure import MeasureSettings, engines

    settings = MeasureSettings(memory_limit="100MB", temp_directory=str(tmp_path / "spill"))
    backend = engines.connect(settings, "duckdb")
    try:
        got = backend.raw_sql(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchall()
    finally:
        engines.close(backend)
    assert got[0][1] == str(tmp_path / "spill")
    assert got[0][0] in ("95.3 MiB", "100.0 MB")
    default = engines.connect(MeasureSettings(), "duckdb")
    folder = Path(default.raw_sql("SELECT current_setting('temp_directory')").fetchall()[0][0])
    assert folder.name.startswith("journeykit-duckdb-") and folder.is_dir()
    assert folder.parent != Path.cwd()
    engines.close(default)
    assert not folder.exists()


def test_the_headline_says_counted_without_a_period_and_in_the_period_with_one() -> None:
    retail = Path(__file__).resolve().parents[2] / "examples" / "retail"
    args = ["measure", ".", "--events", "events/events.csv", "--journey", "online-order"]
    whole = jk(*args, cwd=retail)
    assert whole.returncode == 0, whole.stderr
    assert "Event log events/events.csv: 20,000 rows, 19,985 counted (" in whole.stdout
    part = jk(*args, "--since", "2026-01-01", cwd=retail)
    assert part.returncode == 0, part.stderr
    assert " in the period (2026-01-01" in part.stdout
