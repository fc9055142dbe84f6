"""The observed flow (`render --view flow --events`): golden DOT and Mermaid of the case in
tests/render/observed, an SVG laid out by the real Graphviz, the CLI's rules and errors.

Refresh the golden files after an intended change with `pytest --update-golden`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.measure import Measurement, MeasureOptions, engines, measure
from journeykit.measure.settings import settings_from
from journeykit.render import OutputFormat
from journeykit.render.observed import render_each, source
from journeykit.render.observed_numbers import UNUSED_WIDTH, width
from journeykit.workspace.project import Project

CASE = Path(__file__).resolve().parent / "observed"
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SRC = Path(__file__).resolve().parents[2] / "src"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def project(loader: Callable[[Path], Project]) -> Project:
    return loader(CASE)


def measured(project: Project, events: Path) -> Measurement:
    settings = settings_from(project.config.measure, CASE / "journeykit.toml")
    backend = engines.connect(settings, "duckdb")
    try:
        return measure(project, str(events), MeasureOptions(settings=settings), backend)
    finally:
        engines.close(backend)


@pytest.fixture(scope="module")
def observation(project: Project) -> Measurement:
    return measured(project, CASE / "events.csv")


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CASE, tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws")
    return tmp_path / "ws"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "fmt"), [("observed.flow.dot", OutputFormat.dot), ("observed.flow.mmd", "mermaid")]
)
def test_golden(
    project: Project, observation: Measurement, update_golden: bool, name: str, fmt: str
) -> None:
    shop = observation.journeys[1]
    assert shop.journey == "shop"  # journeys are sorted by id: returns, shop
    out = source(project, project.journeys["shop"], shop, observation.log, OutputFormat(fmt))
    path = GOLDEN / name
    if update_golden:
        path.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize(
    ("fmt", "name"), [("dot", "observed.flow.dot"), ("mermaid", "observed.flow.mmd")]
)
def test_the_cli_draws_the_golden_picture(ws: Path, fmt: str, name: str) -> None:
    code, out, err = invoke(
        ".", "--view", "flow", "--events", "events.csv", "--journey", "shop", "-f", fmt
    )
    assert code == 0, err
    assert out == (GOLDEN / name).read_text("utf-8")


def test_the_designed_flow_is_unchanged_without_events(ws: Path) -> None:
    code, out, _ = invoke("journeys/shop.journey.yaml", "--view", "flow", "-f", "dot")
    assert code == 0
    assert out.startswith('digraph "shop.flow" {') and "jump" not in out


def test_the_svg_shows_jumps_dashed_counts_and_grey_touchpoints(
    dot_command: str, project: Project, observation: Measurement
) -> None:
    pictures = render_each(
        [(project, project.journeys["shop"], observation.journeys[1])],
        observation.log,
        OutputFormat.svg,
    )
    svg = next(pictures)
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    edges = {k: g for k, g in groups.items() if k and (k.startswith(("jump-", "move-")))}
    assert sorted(k for k in edges if k.startswith("jump-")) == [
        "jump-ad-delivery",
        "jump-browse-order",
        "jump-start-browse",
    ]
    for key, g in edges.items():
        path = g.find(f".//{SVG}path")
        assert path is not None
        dashed = path.get("stroke-dasharray") is not None
        assert dashed == key.startswith("jump-"), key
        texts = ["".join(t.itertext()) for t in g.iter(f"{SVG}text")]
        count = texts[-1].removeprefix("jump ")
        assert count.isdigit(), (key, texts)
    assert "Left for an hour" in "".join(edges["move-cart-cart-sms"].itertext())
    assert [t.text for t in edges["move-order-review"].iter(f"{SVG}text")] == ["0"]
    assert edges["move-order-review"].find(f".//{SVG}path").get("stroke-width") == "0.6"  # type: ignore[union-attr]
    grey = groups["tp-review"].find(f".//{SVG}path")
    assert grey is not None and grey.get("fill") == "#eaeef2"
    assert grey.get("stroke-dasharray") is not None
    assert "never observed" in "".join(groups["tp-review"].itertext())
    assert groups["tp-browse"].find(f".//{SVG}path").get("fill") != "#eaeef2"  # type: ignore[union-attr]
    assert "20% drop-off (1 of 5)" in "".join(groups["tp-browse"].itertext())
    title = "".join(t for t in root.itertext())
    assert "2024-05-01 to 2024-05-06 · 6 customers · 6 journey instances" in title


def test_widths_follow_the_documented_formula() -> None:
    assert width(0, 10) == UNUSED_WIDTH
    assert width(10, 10) == 6.0
    assert width(1, 4) == 3.5  # 1 + 5 * sqrt(1/4)
    assert width(40, 10) == 6.0  # bounded
    assert width(1, 10_000) == 1.05


def test_other_events_other_picture_in_the_cache(
    dot_command: str, tmp_path: Path, project: Project, observation: Measurement
) -> None:
    fewer = tmp_path / "fewer.csv"
    lines = (CASE / "events.csv").read_text("utf-8").splitlines()
    fewer.write_text("\n".join(lines[:-3]) + "\n", "utf-8")
    other = measured(project, fewer)
    cache = tmp_path / "pictures"

    def draw(m: Measurement) -> str | bytes:
        journey = project.journeys["shop"]
        return next(
            render_each(
                [(project, journey, m.journeys[1])], m.log, OutputFormat.svg, cache_dir=cache
            )
        )

    first = draw(observation)
    assert len(list(cache.glob("*.pic"))) == 1
    second = draw(other)
    assert second != first
    assert len(list(cache.glob("*.pic"))) == 2
    assert draw(observation) == first
    assert len(list(cache.glob("*.pic"))) == 2


def test_one_file_per_journey_with_a_folder(ws: Path) -> None:
    code, _out, err = invoke(
        ".", "--view", "flow", "--events", "events.csv", "-f", "svg", "-o", "out"
    )
    assert code == 0, err
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["returns.flow.svg", "shop.flow.svg"]
    assert "Returns" in (ws / "out" / "returns.flow.svg").read_text("utf-8")
    code, _, err = invoke(".", "--view", "flow", "--events", "events.csv", "-f", "dot")
    assert (code, err) == (
        2,
        "journeykit: 2 journeys selected: give a folder with -o/--output for one file each\n",
    )


def test_the_persona_is_in_the_file_name_and_o_file_is_one_file(ws: Path) -> None:
    args = ["--view", "flow", "--events", "events.csv", "--persona", "student", "-f", "dot"]
    code, _out, err = invoke(".", *args, "-o", "out")
    assert code == 0, err
    assert sorted(p.name for p in (ws / "out").iterdir()) == ["shop.flow.student.dot"]
    code, out, err = invoke(".", *args[:-2], "-o", "shop.dot")
    assert (code, out) == (0, "wrote shop.dot\n"), err
    named = ws / "out" / "shop.flow.student.dot"
    assert (ws / "shop.dot").read_text("utf-8") == named.read_text("utf-8")
    code, _out, err = invoke(".", "--view", "flow", "--events", "events.csv", "-o", "both.svg")
    assert code == 2
    assert (
        err == "journeykit: 2 journeys selected, but -o both.svg is one file: give a folder "
        "with -o DIR\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--view", "channels", "--events", "events.csv"],
            "--events works with --view flow or map, and not with --diff-base",
        ),
        (["--view", "flow", "--since", "2024-05-01"], "--since works with --events only"),
        (["--view", "flow", "--journey", "shop"], "--journey works with --events only"),
        (
            ["--view", "flow", "--events", "events.csv", "--diff-base", "HEAD"],
            "--events works with --view flow or map, and not with --diff-base",
        ),
        (
            ["--view", "flow", "--events", "events.csv", "--journey", "shoop"],
            "unknown journey 'shoop' (did you mean 'shop'?)",
        ),
        (["--view", "flow", "--events", "nope.csv"], "nope.csv: no such file"),
        (
            ["--view", "flow", "--events", "events.csv", "--since", "May"],
            "--since: 'May' is not a date (YYYY-MM-DD) or an ISO 8601 instant",
        ),
        (
            ["--view", "flow", "--events", "events.csv", "--split-after", "soon"],
            "--split-after: ",
        ),
    ],
)
def test_usage_and_input_errors_exit_2(ws: Path, args: list[str], message: str) -> None:
    code, _out, err = invoke(".", *args, "-f", "dot", "-o", "out")
    assert code == 2
    assert err.startswith(f"journeykit: {message}"), err
    if not message.endswith(": "):
        assert err == f"journeykit: {message}\n"
    assert not (ws / "out").exists()


def test_a_journey_the_paths_do_not_select(ws: Path) -> None:
    args = ["journeys/returns.journey.yaml", "--events", "events.csv", "--journey", "shop"]
    code, _out, err = invoke(*args, "--view", "flow", "-f", "dot")
    assert (code, err) == (
        2,
        "journeykit: journey 'shop' is not among the journeys the paths select\n",
    )


def test_a_bad_log_gives_the_measure_message(ws: Path) -> None:
    (ws / "bad.csv").write_text("customer,event,timestamp\nc1,ad,2024-05-01T09:00:00Z\n")
    common = [".", "--events", "bad.csv", "--journey", "shop"]
    render = CliRunner().invoke(
        app, ["render", *common, "--view", "flow", "-f", "dot", "-o", "out"]
    )
    plain = CliRunner().invoke(app, ["measure", *common, "-f", "json"])
    assert render.exit_code == plain.exit_code == 2
    assert render.stderr == plain.stderr
    assert "column 'customer_id'" in render.stderr and "did you mean 'customer'?" in render.stderr
    assert not (ws / "out").exists()


PROBE = """
import sys
sys.argv = ["journeykit", *sys.argv[1:]]
from journeykit.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""


def modules_of(*args: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "render", *args],
        capture_output=True,
        text=True,
        cwd=CASE,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONPATH": str(SRC)},
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout, set(done.stderr.split("MODULES ")[1].split())


HEAVY = ("ibis", "duckdb", "pyarrow", "pyspark")


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_render_without_events_imports_no_ibis(fmt: str) -> None:
    out, modules = modules_of("journeys/shop.journey.yaml", "--view", "flow", "-f", fmt)
    assert out.startswith(("digraph", "flowchart"))
    assert {m for m in modules if m.split(".")[0] in HEAVY} == set()
    assert not {m for m in modules if m.startswith("journeykit.measure")}
    out, modules = modules_of(".", "--view", "flow", "--events", "events.csv", "--journey", "shop")
    assert out.startswith("<?xml") and "ibis" in modules


def test_only_the_busiest_jumps_are_drawn_and_the_rest_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The retail example's log has more jumps in online-order than a picture can show.
    retail = Path(__file__).resolve().parents[2] / "examples" / "retail"
    monkeypatch.chdir(retail)
    code, out, _ = invoke(
        ".", "--view", "flow", "-f", "dot", "--events", "events/events.csv",
        "--journey", "online-order",
    )  # fmt: skip
    assert code == 0
    drawn = [
        line
        for line in out.splitlines()
        if 'id="jump-' in line and not line.lstrip().startswith('"start"')
    ]
    assert len(drawn) == 12
    counts = [int(line.split("<B>jump ")[1].split("<")[0]) for line in drawn]
    assert counts == sorted(counts, reverse=True)
    assert " more jumps (" in out
    assert "not drawn: journeykit measure lists them" in out
