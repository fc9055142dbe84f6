"""The pre-commit hooks: which files they run on, and that a single changed file is
checked against the whole workspace (references resolve, other files stay quiet)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from journeykit.cli import app

REPO = Path(__file__).resolve().parents[2]
SHOP = Path(__file__).parent / "fixtures" / "shop"


def hooks() -> dict[str, dict[str, object]]:
    data = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return {hook["id"]: hook for hook in data}


def test_hook_ids_and_entries() -> None:
    found = hooks()
    assert found["journeykit-validate"]["entry"] == "journeykit validate"
    assert found["journeykit-lint"]["entry"] == "journeykit lint"
    assert found["journeykit-validate-workspace"]["pass_filenames"] is False
    for hook in found.values():
        assert hook["language"] == "python"


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("journeys/checkout.journey.yaml", True),
        ("checkout.journey.yml", True),
        ("personas.yaml", True),
        ("catalog/personas.yml", True),
        ("shop.channels.yaml", True),
        ("b2b.personas.yaml", True),
        ("channels.yaml.bak", False),
        ("journeys/notes.yaml", False),
        ("mypersonas.yaml", False),
        (".github/workflows/ci.yml", False),
    ],
)
def test_files_pattern(path: str, selected: bool) -> None:
    pattern = str(hooks()["journeykit-validate"]["files"])
    assert bool(re.search(pattern, path)) is selected


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root)
    monkeypatch.chdir(root)
    return root


def test_changed_file_resolves_references_across_the_workspace(
    shop: Path, runner: CliRunner
) -> None:
    # returns steps into the checkout journey and names personas and channels of the
    # catalogs: none of that is in the one file pre-commit passes.
    result = runner.invoke(app, ["validate", "journeys/returns.journey.yaml"])
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.output


def test_changed_file_reports_its_own_broken_reference_only(shop: Path, runner: CliRunner) -> None:
    returns = shop / "journeys" / "returns.journey.yaml"
    returns.write_text(returns.read_text("utf-8").replace("to: delivery-notice", "to: parcel"))
    checkout = shop / "journeys" / "checkout.journey.yaml"
    checkout.write_text(checkout.read_text("utf-8").replace("channel: sms", "channel: pigeon"))
    result = runner.invoke(app, ["validate", "journeys/returns.journey.yaml", "-f", "concise"])
    assert result.exit_code == 1
    assert "journeys/returns.journey.yaml:26:" in result.output
    assert "JK205" in result.output and "'parcel'" in result.output
    assert "checkout.journey.yaml" not in result.output
    assert "pigeon" not in result.output
