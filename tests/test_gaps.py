"""The coverage matrix, the gap report and `journeykit gaps` on the bundled examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.analysis.coverage import coverage_matrix, persona_stage_gaps
from journeykit.analysis.gaps import gap_report
from journeykit.cli import app
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CATALOG = Path(__file__).parent / "cases" / "rules" / "catalog"

SMALL = """\
version: 1
id: small
title: Small
personas: [busy-parent, style-enthusiast]
stages:
  - {id: aware, name: Awareness}
  - {id: buy, name: Purchase}
  - {id: after, name: After}
touchpoints:
  - {id: ad, name: Ad, stage: aware, channel: social, kind: message, next: [sms, mail]}
  - {id: sms, name: SMS, stage: aware, channel: sms, kind: message, personas: [busy-parent],
     next: [pay]}
  - {id: mail, name: Mail, stage: aware, channel: email, kind: message, next: [pay],
     personas: [style-enthusiast]}
  - {id: pay, name: Pay, stage: buy, channel: web, kind: action, importance: critical,
     pain_points: [{id: fees, description: Fees, severity: high}]}
"""


def _load(root: Path) -> Project:
    return load_workspace(resolve_targets([root])[0])[0]


@pytest.fixture
def small(tmp_path: Path) -> Project:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CATALOG / name, tmp_path / name)
    (tmp_path / "small.journey.yaml").write_text(SMALL, "utf-8")
    return _load(tmp_path)


def test_coverage_matrix(small: Project) -> None:
    matrix = coverage_matrix(small, small.journeys["small"])
    assert matrix.journey == "small"
    assert matrix.personas == ["busy-parent", "style-enthusiast"]
    assert matrix.stages == ["aware", "buy", "after"]
    assert matrix.channels == ["sms", "email", "web", "social"]  # catalog order
    assert matrix.cells[("busy-parent", "aware", "social")] == ["ad"]
    assert matrix.count("busy-parent", "aware", "sms") == 1
    assert matrix.count("style-enthusiast", "aware", "sms") == 0
    assert matrix.stage_total("style-enthusiast", "aware") == 2
    assert matrix.touchpoints("aware", "social") == ["ad"]
    assert matrix.count("busy-parent", "after", "web") == 0


def test_coverage_matrix_for_one_persona(small: Project) -> None:
    mine = coverage_matrix(small, small.journeys["small"], "busy-parent")
    assert mine.personas == ["busy-parent"]
    assert set(mine.cells) == {
        ("busy-parent", "aware", "social"),
        ("busy-parent", "aware", "sms"),
        ("busy-parent", "buy", "web"),
    }
    assert coverage_matrix(small, small.journeys["small"], "nobody").personas == []


def test_persona_stage_gaps(small: Project) -> None:
    gaps = persona_stage_gaps(small, small.journeys["small"])
    # busy-parent accepts web only, but in buy she pays there herself: her own act shows
    # where she is, not a channel the company chose for her.
    assert [(g.persona, g.stage, g.kind) for g in gaps] == []


def test_gap_report_of_a_small_journey(small: Project) -> None:
    report = gap_report(small)
    kinds = [(g.kind, g.importance.value) for g in report.top_gaps]
    assert kinds[0] == ("dead-end", "critical")
    assert ("empty-stage", "high") in kinds
    assert ("unaddressed-pain", "critical") in kinds
    weights = [g.importance.weight for g in report.top_gaps]
    assert weights == sorted(weights, reverse=True)
    (journey,) = report.journeys
    assert [d.touchpoint for d in journey.dead_ends] == ["pay"]
    assert [(d.touchpoint, d.reason) for d in journey.drop_outs] == [
        ("pay", "dead end; high-severity pain point")
    ]
    assert [(s.id, s.pain_points, s.score) for s in journey.pain_by_stage] == [("buy", 1, 3)]
    assert journey.touchpoints == 4 and journey.no_evidence == 4


@pytest.mark.parametrize(
    ("workspace", "expected"),
    [
        (
            "retail",
            [
                ("unaddressed-pain", "checkout"),
                ("dead-end", "wismo-call"),
                ("no-preferred-channel", "busy-parent"),
                ("unmeasured-stage", "loyalty"),
                ("unsourced-assumption", "birthday-viber"),
                ("kpi-without-target", "return-rate"),
            ],
        ),
        (
            "b2b-software",
            [
                ("unreachable", "review-site-visit"),
                ("unaddressed-pain", "portal-paperwork"),
                ("unmeasured-stage", "research"),
                ("unsourced-assumption", "linkedin-close-post"),
                ("kpi-without-target", "seat-utilisation"),
            ],
        ),
        (
            "kuluttaja",
            [
                ("unaddressed-pain", "hidas-vastaus"),
                ("unsourced-assumption", "tyosuhdepyora-sivu"),
                ("kpi-without-target", "arvostelujen-maara"),
            ],
        ),
        (
            "subscription",
            [
                ("unaddressed-pain", "first-bill-shock"),
                ("kpi-without-target", "port-out-rate"),
            ],
        ),
    ],
)
def test_examples_give_a_useful_report(workspace: str, expected: list[tuple[str, str]]) -> None:
    report = gap_report(_load(EXAMPLES / workspace), top=20)
    assert report.journeys and report.touchpoints > 20
    gaps = [(g.kind, g.message) for g in report.all_gaps]
    for kind, name in expected:
        assert any(k == kind and name in m for k, m in gaps), (kind, name, gaps)
    assert all(j.matrix.cells for j in report.journeys)
    assert all(j.pain_by_stage and j.drop_outs for j in report.journeys)
    assert 0 < report.assumption_share < 0.2


def test_persona_filter_keeps_only_their_journeys_and_touchpoints() -> None:
    project = _load(EXAMPLES / "b2b-software")
    everyone = gap_report(project)
    cfo = gap_report(project, "cfo")
    assert cfo.persona == "cfo"
    assert cfo.touchpoints < everyone.touchpoints
    assert all(g.persona in (None, "cfo") for g in cfo.all_gaps)
    assert cfo.journeys[0].matrix.personas == ["cfo"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_gaps_command_on_every_example(runner: CliRunner, fmt: str) -> None:
    paths = [str(EXAMPLES / w) for w in ("retail", "b2b-software", "kuluttaja", "subscription")]
    result = runner.invoke(app, ["gaps", *paths, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["version"] == 1 and len(data["reports"]) == 4
        retail = data["reports"][0]
        assert retail["summary"]["journeys"] == 3
        assert retail["top_gaps"][0]["importance"] == "critical"
        fixes = retail["fix_first"]
        assert fixes and len(fixes) <= 10  # --top's default
        assert [f["tier_rank"] for f in fixes] == sorted(f["tier_rank"] for f in fixes)
        assert {"tier", "severity", "count", "code", "rule", "places"} <= set(fixes[0])
        coverage = retail["journeys"][0]["coverage"]
        assert {"persona", "stage", "channel", "touchpoints"} <= set(coverage["cells"][0])
    elif fmt == "markdown":
        assert out.count("# Gap report: ") == 4
        assert "| # | Tier | Severity | Importance | Count | Rule | Gap | Where |" in out
        assert "busy-parent (no preferred channel)" in out
    else:
        assert out.count("Gap report: ") == 4 and "Fix first" in out
        assert "no preferred channel: busy-parent in consideration" in out
        assert "wismo-call (post-purchase, high): dead end; lowest emotion, -2" in out


def test_gaps_for_one_persona_to_a_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    out = tmp_path / "gaps.md"
    result = runner.invoke(
        app,
        ["gaps", "examples/retail", "--persona", "busy-parent", "-f", "markdown", "-o", str(out)],
    )
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text("utf-8")
    assert text.startswith("# Gap report: examples/retail\n\nFor persona busy-parent.")
    assert "home-maker" not in text


def test_unknown_persona_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["gaps", str(EXAMPLES / "retail"), "--persona", "busy-parnet"])
    assert result.exit_code == 2
    assert "unknown persona 'busy-parnet' (did you mean 'busy-parent'?)" in result.stderr


def test_a_journey_file_limits_the_report(runner: CliRunner) -> None:
    path = EXAMPLES / "retail" / "journeys" / "online-order.journey.yaml"
    data = json.loads(runner.invoke(app, ["gaps", str(path), "-f", "json"]).stdout)
    assert [j["id"] for j in data["reports"][0]["journeys"]] == ["online-order"]
