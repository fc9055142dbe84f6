"""The documented GitHub Actions workflow: valid YAML, and every journeykit command in it
runs (exit 0 or 1, never a usage error) in a repository with an `origin/main`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app
from journeykit.diff.formats import MARKER

WORKFLOW = Path(__file__).resolve().parents[2] / "docs" / "examples" / "journeykit.yml"


def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def commands() -> list[str]:
    steps = workflow()["jobs"]["journeys"]["steps"]
    out: list[str] = []
    for step in steps:
        for line in str(step.get("run", "")).splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith("journeykit "):
                out.append(line.replace('"$BASE"', "origin/main"))
    return out


def test_workflow_shape() -> None:
    data = workflow()
    steps = data["jobs"]["journeys"]["steps"]
    script = next(s["with"]["script"] for s in steps if "github-script" in s.get("uses", ""))
    assert MARKER in script
    assert data["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "security-events": "write",
    }
    assert steps[0]["with"]["fetch-depth"] == 0


@pytest.mark.usefixtures("dot_command")
def test_workflow_commands_run(repo: GitRepo, runner: CliRunner) -> None:
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    repo.replace("journeys/checkout.journey.yaml", "channel: sms", "channel: whatsapp")
    repo.commit("whatsapp")
    found = commands()
    assert len(found) == 6
    for command in found:
        result = runner.invoke(app, shlex.split(command)[1:])
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"{command}: {result.exception!r}"
        assert result.exit_code in (0, 1), f"{command}: {result.output}"
    assert repo.path("journeykit-diff.md").read_text("utf-8").startswith(MARKER)
    assert repo.path("journeykit.sarif").is_file()
    images = sorted(p.name for p in repo.path("journeykit-images").iterdir())
    assert "checkout.flow.diff.svg" in images and "checkout.map.svg" in images
