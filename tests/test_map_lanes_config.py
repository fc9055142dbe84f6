"""`[map] lanes`: a workspace's own rows of the journey map, declared in journeykit.toml and
filled by touchpoints under `lanes`; a key no lane declares is JK210 (unknown-lane)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.findings import Finding
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.config import ConfigError, read_config

BASE = Path(__file__).parent / "cases" / "loader" / "_base"
LANES = '[map]\nlanes = [{key = "systems", title = "Systems"}, {key = "legal", title = "Legal"}]\n'
JOURNEY = """\
version: 1
id: j
title: J
personas: [busy-parent]
stages:
  - {id: buy, name: Buy}
touchpoints:
  - id: cart
    name: Cart
    stage: buy
    channel: web
    kind: action
    end: true
    lanes:
      systems: CRM
      sytems: POS
      staff: Night shift
"""


def _workspace(tmp_path: Path, toml: str) -> Path:
    for name in ("personas.yaml", "channels.yaml"):
        (tmp_path / name).write_bytes((BASE / name).read_bytes())
    (tmp_path / "journeykit.toml").write_text(toml, "utf-8")
    (tmp_path / "j.journey.yaml").write_text(JOURNEY, "utf-8")
    return tmp_path


def _findings(root: Path) -> list[Finding]:
    return load_workspace(resolve_targets([root])[0])[1]


def _error(tmp_path: Path, toml: str) -> ConfigError:
    path = tmp_path / "journeykit.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError) as info:
        read_config(path)
    return info.value


def test_lanes_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text(LANES, "utf-8")
    lanes = read_config(path).config.map.lanes
    assert [(lane.key, lane.title) for lane in lanes] == [
        ("systems", "Systems"),
        ("legal", "Legal"),
    ]


def test_no_map_table_declares_no_lanes(tmp_path: Path) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text("[lint]\n", "utf-8")
    assert read_config(path).config.map.keys() == []


def test_a_key_declared_twice_names_the_lanes_line(tmp_path: Path) -> None:
    error = _error(
        tmp_path, '# lanes\n[map]\nlanes = [{key = "a", title = "A"}, {key = "a", title = "B"}]\n'
    )
    assert error.message == "map.lanes: lane key 'a' is declared twice"
    assert error.line == 3


def test_a_bad_key_names_the_lanes_line(tmp_path: Path) -> None:
    error = _error(tmp_path, '[map]\nlanes = [\n  {key = "Legal notes", title = "Legal"},\n]\n')
    assert error.message.startswith("map.lanes.0.key: String should match pattern")
    assert error.line == 2


def test_an_unknown_key_of_a_lane_is_an_error(tmp_path: Path) -> None:
    error = _error(tmp_path, '[map]\nlanes = [{key = "a", titel = "A"}]\n')
    assert "map.lanes.0" in error.message
    assert error.line == 2


def test_an_undeclared_lane_is_jk210_with_did_you_mean(tmp_path: Path) -> None:
    found = [f for f in _findings(_workspace(tmp_path, LANES)) if f.code == "JK210"]
    assert [(f.message, f.location.line, f.location.column, f.hint) for f in found] == [
        ("unknown lane 'sytems'", 16, 7, "did you mean 'systems'?"),
        (
            "unknown lane 'staff'",
            17,
            7,
            'declare it in journeykit.toml: [map] lanes = [{key = "staff", title = "..."}]'
            " (declared: systems, legal)",
        ),
    ]
    assert all(f.severity.label == "error" for f in found)


def test_without_declared_lanes_every_lane_is_unknown(tmp_path: Path) -> None:
    found = [f for f in _findings(_workspace(tmp_path, "")) if f.code == "JK210"]
    assert len(found) == 3
    assert found[0].hint is not None and found[0].hint.endswith("(none is declared)")


def test_validate_exits_1_and_names_file_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_workspace(tmp_path, LANES))
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "j.journey.yaml:16:7: error JK210 (unknown-lane) unknown lane 'sytems'" in result.stdout
    assert "Traceback" not in result.stdout
