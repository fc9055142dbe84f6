"""journeykit inside `git diff`: the textconv driver and the external diff driver, run
by a real git in a temporary repository."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app
from journeykit.diff.canonical import textconv

CHECKOUT = "journeys/checkout.journey.yaml"
JOURNEYKIT = f"{shlex.quote(sys.executable)} -m journeykit"


def git_diff(repo: GitRepo, *config: str) -> str:
    args = ["git", "-c", "core.pager=cat"]
    for item in config:
        args += ["-c", item]
    proc = subprocess.run(
        [*args, "diff", "--ext-diff", "HEAD"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def attributed(repo: GitRepo) -> GitRepo:
    repo.write(".gitattributes", "*.journey.yaml diff=journeykit\n")
    repo.commit("attributes")
    return repo


def test_textconv_is_canonical(repo: GitRepo) -> None:
    text = repo.read(CHECKOUT)
    flow = text.replace(
        "emotion: {score: -1, label: nagged}", "emotion:\n      score: -1\n      label: nagged"
    )
    assert textconv(text.encode(), "c.journey.yaml") == textconv(flow.encode(), "c.journey.yaml")
    out = textconv(text.encode(), "c.journey.yaml")
    assert "journey checkout\n" in out
    # Touchpoints are listed under their stage, each field on its own line.
    assert "stage purchase: Purchase\n" in out
    assert "  touchpoint cart-reminder: Abandoned-cart reminder\n    channel: sms\n" in out
    assert "    emotion: -1 (nagged)\n" in out
    assert '    next -> cart-reminder "cart idle for 1 h"\n' in out


def test_textconv_of_a_broken_file_shows_it_as_it_is() -> None:
    assert textconv(b"title: [oops\n", "x.journey.yaml") == "title: [oops\n"


def test_textconv_command(repo: GitRepo, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "--textconv", "personas.yaml"])
    assert result.exit_code == 0
    assert "persona busy-parent: Sanna, the busy parent\n" in result.stdout


def test_git_diff_with_textconv(attributed: GitRepo) -> None:
    attributed.replace(
        CHECKOUT,
        "    channel: sms\n    kind: message\n    owner: CRM",
        "    channel: whatsapp\n    kind: message\n    owner: CRM",
    )
    out = git_diff(attributed, f"diff.journeykit.textconv={JOURNEYKIT} diff --textconv")
    assert "-    channel: sms\n+    channel: whatsapp\n" in out
    assert "touchpoint cart-reminder" in out  # the hunk's context names the touchpoint


def test_git_diff_with_the_external_driver(attributed: GitRepo) -> None:
    attributed.replace(CHECKOUT, "    stage: post-purchase\n", "    stage: loyalty\n")
    out = git_diff(attributed, f"diff.journeykit.command={JOURNEYKIT} diff --git-external")
    assert (
        "journeykit diff a/journeys/checkout.journey.yaml -> b/journeys/checkout.journey.yaml"
        in out
    )
    assert (
        "touchpoint 'delivery-notice' moved from stage 'post-purchase' (Post-purchase) to "
        "'loyalty' (Loyalty)" in out
    )


def test_external_driver_for_added_deleted_and_renamed_files(attributed: GitRepo) -> None:
    attributed.delete("journeys/returns.journey.yaml")
    attributed.write(
        "journeys/gift.journey.yaml", attributed.read(CHECKOUT).replace("id: checkout", "id: gift")
    )
    attributed.git("add", "-A", ".")
    out = git_diff(attributed, f"diff.journeykit.command={JOURNEYKIT} diff --git-external")
    assert "journey 'returns' removed" in out
    assert "journey 'gift' added" in out


def test_external_driver_rename_arguments(repo: GitRepo, runner: CliRunner) -> None:
    old = repo.path(CHECKOUT)
    new = repo.root / "new-version.yaml"
    new.write_text(old.read_text("utf-8").replace("target: 60", "target: 75"))
    args = [
        "diff",
        "--git-external",
        CHECKOUT,
        str(old),
        "a" * 40,
        "100644",
        str(new),
        "b" * 40,
        "100644",
        "journeys/checkout2.journey.yaml",
        "similarity index 95%",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "KPI 'checkout-conversion' of stage 'purchase': target 60 -> 75" in result.stdout
    assert (
        "moved from journeys/checkout.journey.yaml to journeys/checkout2.journey.yaml"
        in result.stdout
    )
