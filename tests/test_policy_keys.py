"""JK404's policy keys name a stage id, a phase or a part: a key naming none of them is
a configuration error at its line (exit 2), never a policy silently not applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SUBSCRIPTION = EXAMPLES / "subscription"
RETAIL = EXAMPLES / "retail"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SUBSCRIPTION, tmp_path / "ws"))


def _policy(ws: Path, old: str, new: str) -> None:
    config = ws / "journeykit.toml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")


def _lint(ws: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["lint", str(ws), "--format", "concise", *extra])
    return result.exit_code, result.stderr


def test_a_misspelt_phase_is_named_with_its_line(ws: Path) -> None:
    _policy(ws, '\nusage = ["sms", "email", "app"]', '\nusaeg = ["sms", "email", "app"]')
    code, err = _lint(ws)
    assert code == 2
    line = next(
        n
        for n, text in enumerate((ws / "journeykit.toml").read_text().splitlines(), 1)
        if text.startswith("usaeg")
    )
    assert f"journeykit.toml:{line}:1: lint.rules.JK404.policy.usaeg: 'usaeg' names" in err
    assert "(did you mean 'usage'?); its phases: awareness, consideration, signup," in err


@pytest.mark.parametrize(
    "key",
    [
        "usage",  # a phase of the workspace
        "post-purchase",  # a part a phase plays
    ],
)
def test_a_phase_or_a_part_is_a_key(ws: Path, key: str) -> None:
    _policy(ws, '\nusage = ["sms", "email", "app"]', f'\n{key} = ["sms", "email", "app"]')
    code, err = _lint(ws)
    assert code == 0 and "JK404" not in err, err  # the example has warnings only


def test_a_stage_id_of_any_journey_is_a_key(tmp_path: Path) -> None:
    """`joining` is a stage of the loyalty programme only, and no phase."""
    ws = Path(shutil.copytree(RETAIL, tmp_path / "ws"))
    _policy(ws, '\nloyalty = ["sms"', '\njoining = ["sms"]\nloyalty = ["sms"')
    code, err = _lint(ws)
    assert code == 1 and "JK404" not in err, err  # the retail example's one error
    _policy(ws, '\njoining = ["sms"]', '\njoinnig = ["sms"]')
    code, err = _lint(ws)
    assert code == 2 and "(did you mean 'joining'?)" in err


def test_without_jk404_the_policy_is_not_read(ws: Path) -> None:
    _policy(ws, '\nusage = ["sms", "email", "app"]', '\nusaeg = ["sms", "email", "app"]')
    code, err = _lint(ws, "--ignore", "JK404")
    assert code == 0 and "usaeg" not in err
