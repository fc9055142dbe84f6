"""Attribution: the engines against the plain-Python reference, the Markov model against
a published example, and the command's answers to bad options."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from journeykit.measure import MeasureOptions, MeasureSettings, markov, measure
from journeykit.measure.attribution import MODELS, AttributionSpec, parse_models
from journeykit.measure.design import JourneyDesign
from journeykit.run.engine import run
from journeykit.run.options import RunOptions
from journeykit.workspace.project import Project
from measure import genlog, reference
from measure.clirun import CASE, jk
from measure.reference_attribution import _p_conv

if TYPE_CHECKING:
    from ibis.backends import BaseBackend


@pytest.fixture(scope="module")
def project() -> Project:
    return run([CASE], RunOptions()).workspaces[0].project


SPARK = pytest.mark.spark
CASES = [
    pytest.param("duckdb", 1, "order", None, None, MODELS),
    pytest.param("duckdb", 2, "buy", "persona", None, MODELS),
    pytest.param("duckdb", 3, "after", None, timedelta(days=10), MODELS),
    pytest.param("duckdb", 4, "delivery", "persona", timedelta(days=10), ("linear", "markov")),
    pytest.param("spark", 1, "order", "persona", None, MODELS, marks=SPARK),
    pytest.param("spark", 3, "buy", None, timedelta(days=10), MODELS, marks=SPARK),
]


@pytest.mark.parametrize(
    ("backend", "seed", "outcome", "segment", "split", "models"), CASES, indirect=["backend"]
)
def test_engine_agrees_with_reference(
    tmp_path: Path,
    project: Project,
    backend: BaseBackend,
    seed: int,
    outcome: str,
    segment: str | None,
    split: timedelta | None,
    models: tuple[str, ...],
) -> None:
    log = tmp_path / "events.csv"
    genlog.generate(log, seed)
    settings = replace(MeasureSettings(), segment=segment, split_after=split)
    spec = AttributionSpec(outcome, models, timedelta(days=2), (30, 30, 40))
    options = MeasureOptions(settings=settings, attribution=spec)
    got = measure(project, str(log), options, backend)
    designs = [JourneyDesign.from_journey(j.item) for j in project.journeys.values()]
    want = reference.measure(log, designs, segment, split, spec)
    assert got.to_json() == want.to_json()
    found = got.journeys[0].all.attribution
    assert found is not None and found.conversions > 0
    for model in models:
        credit = found.models[model]
        for part in (credit.touchpoints, credit.channels, credit.stages):
            assert sum(part.values()) == pytest.approx(found.conversions, abs=1e-4)


def test_markov_on_a_published_example() -> None:
    """Serhii Puzyrov, "Markov Chain Attribution - Simple Explanation Of Removal Effect"
    (2019, serhiipuzyrov.com): paths google ads (2 conversions), mailing (1), google ads >
    mailing (1), google ads (no conversion). His transition table: start > google ads
    0.8, start > mailing 0.2, google ads > conv 0.5, > mailing 0.25, > null 0.25,
    mailing > conv 1. The chain converts with 0.8; without google ads with 0.2, without
    mailing with 0.4: removal effects 0.75 and 0.5, credits 2.4 and 1.6 of 4."""
    g, m = "google ads", "mailing"
    moves = {
        (markov.START, g): 4,
        (markov.START, m): 1,
        (g, markov.CONV): 2,
        (g, m): 1,
        (g, markov.NULL): 1,
        (m, markov.CONV): 2,
    }
    effects = markov.removal_effects(moves)
    assert effects == {g: pytest.approx(0.75), m: pytest.approx(0.5)}
    assert markov.credits(moves, 4) == {g: pytest.approx(2.4), m: pytest.approx(1.6)}
    assert float(_p_conv(moves, None)) == pytest.approx(0.8)
    assert markov.removal_effects({(markov.START, g): 3, (g, markov.NULL): 3}) == {}


def test_models_are_parsed_in_their_order() -> None:
    assert parse_models("markov, first") == ("first", "markov")
    with pytest.raises(ValueError, match=r"unknown model 'markow' \(did you mean 'markov'\?\)"):
        parse_models("first,markow")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(CASE, tmp_path / "ws")
    return tmp_path / "ws"


def test_the_command_attributes_an_outcome(ws: Path) -> None:
    done = jk("measure", ".", "--events", "events.csv", "--outcome", "order", "-f", "json", cwd=ws)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)["journeys"][0]["all"]["attribution"]
    assert (found["outcome"], found["outcome_kind"]) == ("order", "touchpoint")
    assert sorted(found["models"]) == sorted(MODELS)
    assert {found["conversions"], sum(found["models"]["first"]["touchpoints"].values())} == {3}
    human = jk("measure", ".", "--events", "events.csv", "--outcome", "buy", cwd=ws)
    assert human.returncode == 0, human.stderr
    assert "Attribution of buy (stage): " in human.stdout
    assert "reached buy (stage): " in human.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--attribution", "first"], "--attribution without --outcome attributes the ends"),
        (["--outcome", "ordr"], "no journey measured has a touchpoint, stage or outcome 'ordr'"),
        (["--outcome", "order", "--attribution", "frist"], "unknown model 'frist'"),
        (["--outcome", "order", "--attribution", ","], "name one or more of first, last"),
    ],
)
def test_bad_attribution_options(ws: Path, args: list[str], message: str) -> None:
    done = jk("measure", ".", "--events", "events.csv", "-o", "out.json", *args, cwd=ws)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (ws / "out.json").exists()


def test_bad_attribution_settings(ws: Path) -> None:
    toml = ws / "journeykit.toml"
    toml.write_text(toml.read_text() + 'attribution-position = "50/20/40"\n')
    done = jk("measure", ".", "--events", "events.csv", "--outcome", "order", cwd=ws)
    assert done.returncode == 2
    line = len(toml.read_text().splitlines())
    assert f"journeykit.toml:{line}:1: measure.attribution-position: '50/20/40' adds up to 110" in (
        done.stderr
    )


def test_an_outcome_stage_without_touchpoints(ws: Path) -> None:
    journey = next((ws / "journeys").glob("*.yaml"))
    text = journey.read_text()
    journey.write_text(
        text.replace("touchpoints:\n", "  - {id: returns, name: Returns}\ntouchpoints:\n", 1)
    )
    done = jk(
        "measure", ".", "--events", "events.csv", "--outcome", "returns", "-f", "json", cwd=ws
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["journeys"][0]["all"]["attribution"] is None
    assert (
        "journey 'shop': its stage 'returns' has no touchpoint, so no attribution"
        in (data["warnings"])
    )
