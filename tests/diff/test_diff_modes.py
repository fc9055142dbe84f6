"""How `journeykit diff` is pointed at two versions: two paths, `REV:path`, `--base`
(against the work tree or `--head`), and what it says about bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app

CHECKOUT = "journeys/checkout.journey.yaml"


def kinds(output: str) -> list[str]:
    report = json.loads(output)
    out: list[str] = []
    for workspace in report["workspaces"]:
        for journey in workspace["journeys"]:
            out.extend(c["kind"] for c in journey["changes"])
        out.extend(c["kind"] for c in workspace["catalog"] + workspace["analysis"])
    return out


def messages(output: str) -> list[str]:
    report: dict[str, Any] = json.loads(output)
    return [c["message"] for w in report["workspaces"] for j in w["journeys"] for c in j["changes"]]


def test_work_tree_against_head_by_default(repo: GitRepo, runner: CliRunner) -> None:
    repo.replace(CHECKOUT, "    owner: Logistics", "    owner: Parcel team")
    repo.write("journeys/new.journey.yaml", repo.read(CHECKOUT).replace("id: checkout", "id: new"))
    result = runner.invoke(app, ["diff", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["old"], report["new"]) == ("HEAD", "work tree")
    assert "owner-changed" in kinds(result.stdout)
    # Untracked files count: a new journey is new before it is committed.
    assert "journey-added" in kinds(result.stdout)


def test_no_changes(repo: GitRepo, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 0
    assert "No journey changes between HEAD and work tree." in result.output


def test_several_commits_with_head(repo: GitRepo, runner: CliRunner) -> None:
    repo.replace(CHECKOUT, "emotion: {score: -1, label: nagged}", "emotion: {score: 1}")
    repo.commit("happier reminder")
    repo.move("journeys/returns.journey.yaml", "journeys/after/returns.journey.yaml")
    repo.commit("move returns")
    repo.replace(CHECKOUT, "    owner: Logistics", "    owner: Parcel team")  # not committed
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "json"])
    found = kinds(result.stdout)
    assert "emotion-changed" in found
    assert "journey-file-renamed" in found
    assert "owner-changed" not in found  # the work tree is not HEAD


def test_revision_paths(repo: GitRepo, runner: CliRunner) -> None:
    repo.replace(
        CHECKOUT,
        "    channel: sms\n    kind: message\n    owner: CRM",
        "    channel: whatsapp\n    kind: message\n    owner: CRM",
    )
    repo.commit("whatsapp")
    result = runner.invoke(app, ["diff", "base:journeys/", "HEAD:journeys/", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "touchpoint 'cart-reminder': channel sms -> whatsapp" in messages(result.stdout)
    one = runner.invoke(app, ["diff", f"base:{CHECKOUT}", f"HEAD:{CHECKOUT}", "-f", "json"])
    assert "channel-changed" in kinds(one.stdout)


def test_revision_path_relative_to_the_current_folder(
    repo: GitRepo, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.replace(CHECKOUT, "title: Web-shop checkout", "title: Checkout")
    repo.commit("title")
    monkeypatch.chdir(repo.path("journeys"))
    args = ["diff", "base:./checkout.journey.yaml", "HEAD:./checkout.journey.yaml", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert kinds(result.stdout) == ["text-changed"]


def test_two_files_of_one_workspace(repo: GitRepo, runner: CliRunner) -> None:
    text = repo.read(CHECKOUT)
    repo.write("journeys/checkout-v2.journey.yaml", text.replace("target: 60", "target: 70"))
    result = runner.invoke(
        app, ["diff", CHECKOUT, "journeys/checkout-v2.journey.yaml", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    # Each side is checked without the other: no duplicate journey id appears.
    assert kinds(result.stdout) == ["kpi-target-changed"]


def test_two_folders_outside_git(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = Path(__file__).parent / "fixtures" / "shop"
    shutil.copytree(shop, tmp_path / "v1")
    shutil.copytree(shop, tmp_path / "v2")
    (tmp_path / "v2" / "journeys" / "returns.journey.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "v1", "v2", "-f", "json", "--fail-on", "warning"])
    assert result.exit_code == 1
    assert "journey-removed" in kinds(result.stdout)


def test_base_limited_to_a_path(repo: GitRepo, runner: CliRunner) -> None:
    repo.replace(CHECKOUT, "title: Web-shop checkout", "title: Checkout")
    repo.replace("journeys/returns.journey.yaml", "title: Returning an item", "title: Returns")
    result = runner.invoke(
        app, ["diff", "--base", "HEAD", "journeys/returns.journey.yaml", "-f", "json"]
    )
    report = json.loads(result.stdout)
    ids = [j["id"] for w in report["workspaces"] for j in w["journeys"]]
    assert ids == ["returns"]


def test_fail_on_from_configuration(repo: GitRepo, runner: CliRunner) -> None:
    repo.write("journeykit.toml", '[diff]\nfail-on = "warning"\n')
    repo.commit("fail on warnings")
    repo.replace(CHECKOUT, "    stage: post-purchase\n", "    stage: loyalty\n")
    assert runner.invoke(app, ["diff"]).exit_code == 1
    assert runner.invoke(app, ["diff", "--fail-on", "none"]).exit_code == 0
    assert runner.invoke(app, ["diff", "--fail-on", "breaking"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "no-such-branch"], "unknown revision 'no-such-branch'"),
        (["no-such-rev:journeys/", "HEAD:journeys/"], "unknown revision 'no-such-rev'"),
        (["HEAD:nowhere/", "HEAD:journeys/"], "nowhere does not exist at HEAD"),
        (["--base", "HEAD", "/"], "outside the repository"),
        (["--base", "HEAD", "../.."], "outside the repository"),
        (["--base", "--oops"], "invalid revision '--oops'"),
        (["one.journey.yaml"], "give two files or folders"),
        (["--head", "HEAD"], "--head needs --base"),
        (["missing.journey.yaml", "other.journey.yaml"], "missing.journey.yaml: no such file"),
        ([CHECKOUT, "journeys"], "compare a file with a file, or a folder with a folder"),
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--fail-on", "severe"], "unknown change level 'severe'"),
        (["--git-external", "a", "b"], "--git-external takes the 7 or 9 arguments"),
        (["--textconv"], "--textconv takes one file"),
    ],
)
def test_usage_errors(repo: GitRepo, runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["diff", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_outside_a_repository(
    tmp_path: Path, runner: CliRunner, git_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "--base", "main"])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_bad_diff_configuration(repo: GitRepo, runner: CliRunner) -> None:
    repo.write("journeykit.toml", '[diff]\nlevels = { stage-removd = "breaking" }\n')
    result = runner.invoke(app, ["diff"])
    assert result.exit_code == 2
    assert "journeykit.toml:2:" in result.stderr
    assert "unknown kind of change 'stage-removd' (did you mean 'stage-removed'?)" in result.stderr


def test_file_that_does_not_parse_at_the_base(repo: GitRepo, runner: CliRunner) -> None:
    good = repo.read(CHECKOUT)
    repo.write(CHECKOUT, good.replace("stages:\n", "stages:\n  - [\n", 1))
    repo.commit("broken")
    repo.write(CHECKOUT, good)
    result = runner.invoke(app, ["diff", "-f", "json"])
    assert result.exit_code == 0, result.output
    # One change, naming the error it had: not the error fixed plus every finding the
    # journey has as new (what lint said of it at the base is unknown).
    assert kinds(result.stdout) == ["journey-repaired"]


def test_paths_with_spaces(repo: GitRepo, runner: CliRunner) -> None:
    repo.move("journeys/returns.journey.yaml", "journeys/after sales/returns.journey.yaml")
    repo.commit("a folder with a space")
    result = runner.invoke(app, ["diff", "--base", "base", "--head", "HEAD", "-f", "json"])
    assert kinds(result.stdout) == ["journey-file-renamed"]
    args = [
        "diff",
        "base:journeys/returns.journey.yaml",
        "HEAD:journeys/after sales/returns.journey.yaml",
    ]
    assert runner.invoke(app, [*args, "--fail-on", "info"]).exit_code == 0
    missing = runner.invoke(app, ["diff", "HEAD:journeys/no such.journey.yaml", *args[2:]])
    assert missing.exit_code == 2
    assert "journeys/no such.journey.yaml does not exist at HEAD" in missing.stderr


def test_ignored_files_are_not_part_of_the_change(repo: GitRepo, runner: CliRunner) -> None:
    repo.write(".gitignore", "scratch/\n")
    repo.commit("ignore scratch")
    repo.write("scratch/copy.journey.yaml", repo.read(CHECKOUT).replace("id: checkout", "id: copy"))
    repo.replace(CHECKOUT, "title: Web-shop checkout", "title: Checkout")
    result = runner.invoke(app, ["diff", "-f", "json"])
    assert kinds(result.stdout) == ["text-changed"]
