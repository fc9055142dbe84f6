"""The resource guards are configurable under `[limits]`, and the values take effect."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.run.engine import validate_paths

CHANNELS = """\
version: 1
channels:
  - {id: web, name: Web shop, kind: web, presence: online, outbound: false}
  - {id: sms, name: SMS, kind: messaging, presence: mobile, outbound: true}
"""
PERSONAS = """\
version: 1
personas:
  - {id: parent, name: Busy parent, buyer: consumer, market: b2c}
"""
# Nesting: the document (1) > touchpoints (2) > a touchpoint (3) > next (4) > a transition (5)
JOURNEY = """\
version: 1
id: checkout
title: Online checkout
personas: &who [parent]
stages:
  - {id: buy, name: Purchase, phase: purchase}
touchpoints:
  - id: browse
    name: Browses the shop
    stage: buy
    channel: web
    kind: action
    personas: *who
    next:
      - {to: cart, label: adds to cart}
  - id: cart
    name: Cart reminder
    stage: buy
    channel: sms
    kind: message
    personas: *who
    end: true
"""

CASES: list[tuple[str, str, set[str]]] = [
    # (name, the [limits] table, codes expected)
    ("defaults", "", set()),
    ("file-size-over", "max-file-size = 200", {"JK004"}),
    ("file-size-enough", f"max-file-size = {len(JOURNEY)}", set()),
    ("depth-over", "max-depth = 4", {"JK007"}),
    ("depth-enough", "max-depth = 5", set()),
    ("alias-nodes-over", "max-alias-nodes = 3", {"JK006"}),
    ("alias-nodes-enough", "max-alias-nodes = 4", set()),
]


def make_workspace(root: Path, limits: str, config: str = "journeykit.toml") -> Path:
    table = "[tool.journeykit.limits]" if config == "pyproject.toml" else "[limits]"
    (root / config).write_text(f"{table}\n{limits}\n", encoding="utf-8")
    (root / "channels.yaml").write_text(CHANNELS, encoding="utf-8")
    (root / "personas.yaml").write_text(PERSONAS, encoding="utf-8")
    (root / "journeys").mkdir()
    (root / "journeys" / "checkout.journey.yaml").write_text(JOURNEY, encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("name", "limits", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_limit_takes_effect(
    tmp_path: Path, name: str, limits: str, expected: set[str], jobs: int
) -> None:
    workspace = make_workspace(tmp_path, limits)
    findings = validate_paths([workspace], jobs=jobs).findings
    assert {f.code for f in findings} == expected
    assert all(f.location.file == "journeys/checkout.journey.yaml" for f in findings)


def test_limits_in_pyproject_take_effect(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path, "max-depth = 4", "pyproject.toml")
    assert {f.code for f in validate_paths([workspace]).findings} == {"JK007"}


def test_a_limit_names_itself_in_the_finding(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path, "max-file-size = 200")
    (finding,) = validate_paths([workspace]).findings
    assert "limit of 200" in finding.message
    assert finding.hint is not None and "max-file-size" in finding.hint


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ("max-depth = 0", "limits.max-depth"),
        ("max-depth = 20000", "limits.max-depth"),
        ("max-depth = 901", "limits.max-depth"),
        ("max-file-size = 0", "limits.max-file-size"),
        ("max-alias-nodes = -1", "limits.max-alias-nodes"),
        ('max-depth = "deep"', "limits.max-depth"),
        ("max-size = 5", "unknown key 'limits.max-size'"),
    ],
)
def test_a_bad_limit_is_a_configuration_error(tmp_path: Path, limits: str, message: str) -> None:
    workspace = make_workspace(tmp_path, limits)
    result = CliRunner().invoke(app, ["validate", str(workspace)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "journeykit.toml:2:" in result.stderr


@pytest.mark.parametrize("flow", [True, False], ids=["flow", "block"])
def test_nesting_past_libyamls_own_cap_is_jk007_at_the_first_collection_too_deep(
    tmp_path: Path, flow: bool
) -> None:
    """libyaml 0.2.6 stops at 1,000 levels on its own; with the highest max-depth journeykit
    allows, the finding is still JK007 at the collection that crossed journeykit's limit."""
    workspace = make_workspace(tmp_path, "max-depth = 900")
    levels = 1_200
    if flow:
        # The document is level 1, `id:`'s list level 2: the 900th `[` opens level 901.
        body = "id: " + "[" * levels + "]" * levels + "\n"
        where = (2, 4 + 900)
    else:
        body = "".join("  " * i + "k:\n" for i in range(levels))
        where = (2 + 900, 2 * 900 + 1)
    path = workspace / "journeys" / "checkout.journey.yaml"
    path.write_text("version: 1\n" + body, encoding="utf-8")
    (finding,) = validate_paths([workspace]).findings
    assert finding.code == "JK007"
    assert (finding.location.line, finding.location.column) == where
