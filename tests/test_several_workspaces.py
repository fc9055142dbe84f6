"""Run from a folder above several workspaces: each is checked with its own configuration,
findings name files from where the command runs, and nothing is written into that folder
unless asked (-o): the result cache goes into each workspace, reports into theirs.

Two workspaces under one parent, with different [lint], include/exclude and [diff]
settings (one in journeykit.toml, one in pyproject.toml's [tool.journeykit]).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from journeykit.cache.results import CACHE_DIR
from journeykit.cli import app

CASES = Path(__file__).parent / "cases" / "loader"
JOURNEY = (CASES / "valid" / "minimal" / "journeys" / "checkout.journey.yaml").read_text("utf-8")
AN_HOUR_AGO = 1_700_000_000.0


def workspace(root: Path, config: tuple[str, str], journey_id: str) -> Path:
    """The shared catalogs, one journey, and the configuration file (name, text)."""
    (root / "journeys").mkdir(parents=True)
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CASES / "_base" / name, root / name)
    text = JOURNEY.replace("id: checkout", f"id: {journey_id}")
    (root / "journeys" / f"{journey_id}.journey.yaml").write_text(text, "utf-8")
    (root / config[0]).write_text(config[1], "utf-8")
    return root


@pytest.fixture
def parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """north: only the JK7 rules. south: no JK7 nor JK8, fails on warnings, drafts/
    excluded (its broken draft is never read), [diff] fails on any change."""
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.delenv("JOURNEYKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    top = tmp_path / "parent"
    workspace(top / "north", ("journeykit.toml", '[lint]\nselect = ["JK7"]\n'), "checkout")
    south = workspace(
        top / "south",
        (
            "pyproject.toml",
            '[project]\nname = "south"\n\n[tool.journeykit]\nexclude = ["drafts/**"]\n\n'
            '[tool.journeykit.lint]\nignore = ["JK7", "JK8"]\nfail-level = "warning"\n\n'
            '[tool.journeykit.diff]\nfail-on = "info"\n',
        ),
        "returns",
    )
    (south / "drafts").mkdir()
    (south / "drafts" / "idea.journey.yaml").write_text("id: idea\nstages: [\n", "utf-8")
    for path in [top, *top.rglob("*")]:  # the result cache keeps runs on settled files only
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    monkeypatch.chdir(top)
    return top


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def codes(stdout: str) -> dict[str, set[str]]:
    """The codes of `-f concise` findings, by the first folder of the path shown."""
    found: dict[str, set[str]] = {}
    for line in stdout.splitlines()[:-1]:
        path, _, rest = line.partition(":")
        found.setdefault(path.split("/")[0], set()).add(rest.split()[1])
    return found


@pytest.mark.parametrize("args", [["validate"], ["validate", "."], ["lint", "."]])
def test_the_cache_goes_into_each_workspace_never_the_parent(parent: Path, args: list[str]) -> None:
    first = invoke([*args, "-f", "concise"])
    again = invoke([*args, "-f", "concise"])
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert listing(parent) == ["north", "south"]
    assert CACHE_DIR in listing(parent / "north")
    assert CACHE_DIR in listing(parent / "south")


@pytest.mark.parametrize("args", [["validate"], ["lint", "."], ["lint", "north", "south"]])
def test_a_second_run_from_the_parent_is_answered_from_each_cache(
    parent: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = invoke([*args, "-f", "concise"])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workspaces were loaded: the cache missed")

    with monkeypatch.context() as patched:
        patched.setattr("journeykit.run.engine.run", refuse)
        again = invoke([*args, "-f", "concise"])
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    # One workspace changed: the run is a full one, and says what changed.
    journey = parent / "south" / "journeys" / "returns.journey.yaml"
    journey.write_text(journey.read_text("utf-8").replace("channel: sms", "channel: fax"))
    changed = invoke([*args, "-f", "concise"])
    assert "south/journeys/returns.journey.yaml:23:14: JK203" in changed.stdout
    assert listing(parent) == ["north", "south"]


def test_other_tools_yaml_in_the_parent_is_none_of_journeykits(
    parent: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (parent / "docker-compose.yaml").write_text("services: {}\n", "utf-8")
    first = invoke(["validate", "-f", "concise"])
    assert (first.exit_code, first.stdout) == (0, "All checks passed (6 files checked).\n")
    assert listing(parent) == ["docker-compose.yaml", "north", "south"]
    with monkeypatch.context() as patched:
        patched.setattr("journeykit.run.engine.run", None)  # a full run would fail
        again = invoke(["validate", "-f", "concise"])
    assert (again.exit_code, again.stdout) == (0, first.stdout)
    # Named, it is read as asked (and is no journeykit file).
    named = invoke(["validate", "-f", "concise", "docker-compose.yaml"])
    assert named.exit_code == 1
    assert named.stdout.startswith("docker-compose.yaml:1:1: JK016 [error] cannot tell what")
    # A parent with a journeykit file or a configuration of its own is a workspace.
    (parent / "journeykit.toml").write_text("unknown-key = 1\n", "utf-8")
    broken = invoke(["validate", "-f", "concise"])
    assert broken.exit_code == 2 and "unknown-key" in broken.stderr


def test_validate_reads_what_each_configuration_selects(parent: Path) -> None:
    result = invoke(["validate", "-f", "concise"])
    # south's broken draft is excluded by south's own configuration.
    assert (result.exit_code, result.stdout) == (0, "All checks passed (6 files checked).\n")


def test_each_workspace_lints_with_its_own_rules_and_fail_level(parent: Path) -> None:
    result = invoke(["lint", "-f", "concise", "."])
    found = codes(result.stdout)
    assert found["north"] == {"JK702", "JK703"}
    assert "JK302" in found["south"] and "JK601" in found["south"]
    assert not any(code.startswith(("JK7", "JK8")) for code in found["south"])
    assert all(line.startswith(("north/", "south/")) for line in result.stdout.splitlines()[:-1])
    assert result.exit_code == 1  # south's warnings fail it; north alone passes
    assert invoke(["lint", "north"]).exit_code == 0
    assert listing(parent) == ["north", "south"]


def test_findings_name_files_from_where_the_command_runs(
    parent: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(parent.parent)
    result = invoke(["lint", "-f", "concise", "parent"])
    assert set(codes(result.stdout)) == {"parent"}
    assert "parent/north/journeys/checkout.journey.yaml:13:5: JK703" in result.stdout


def test_gaps_ranks_each_workspace_with_its_own_rules(parent: Path) -> None:
    result = invoke(["gaps", "-f", "json", "."])
    assert result.exit_code == 0, result.output
    reports = {r["workspace"]: r for r in json.loads(result.stdout)["reports"]}
    assert set(reports) == {"north", "south"}
    north = {i["code"] for i in reports["north"]["fix_first"] if i.get("code")}
    south = {i["code"] for i in reports["south"]["fix_first"] if i.get("code")}
    assert north and all(code.startswith("JK7") for code in north)
    assert south and not any(code.startswith(("JK7", "JK8")) for code in south)
    assert listing(parent) == ["north", "south"]


def test_render_writes_only_where_it_is_told(parent: Path, dot_command: str) -> None:
    refused = invoke(["render", "-f", "dot", "."])
    assert refused.exit_code == 2
    assert "2 journeys selected: give a folder with -o/--output" in refused.stderr
    assert listing(parent) == ["north", "south"]
    written = invoke(["render", "-f", "dot", ".", "-o", "out"])
    assert written.exit_code == 0, written.output
    assert listing(parent) == ["north", "out", "south"]
    assert listing(parent / "out") == ["checkout.map.dot", "returns.map.dot"]


def test_report_goes_into_the_workspace_unless_told(parent: Path, dot_command: str) -> None:
    several = invoke(["report", "."])
    assert several.exit_code == 2
    assert several.stderr == (
        "journeykit: the paths span 2 workspaces (north, south): write one report per "
        "workspace (journeykit report north)\n"
    )
    assert listing(parent) == ["north", "south"]
    one = invoke(["report", "north"])
    assert one.exit_code == 0, one.output
    assert one.stdout.startswith("wrote north/site/index.html, 1 journey page")
    assert "index.html" in listing(parent / "north" / "site")
    assert listing(parent) == ["north", "south"]
    asked = invoke(["report", "south", "-o", "site"])
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.startswith("wrote site/index.html, 1 journey page")
    assert listing(parent) == ["north", "site", "south"]
    assert "site" not in listing(parent / "south")


def test_report_from_a_folder_holding_one_workspace(
    parent: Path, dot_command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(parent / "south")
    for _ in range(2):  # the second finds the first one's pages in north/site
        result = invoke(["report"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("wrote north/site/index.html")
    assert listing(parent) == ["north"]
    monkeypatch.chdir(parent / "north")
    inside = invoke(["report"])
    assert inside.stdout.startswith("wrote site/index.html"), inside.output


def test_measure_takes_one_workspace(parent: Path) -> None:
    refused = invoke(["measure", ".", "--events", "events.csv"])
    assert refused.exit_code == 2
    assert refused.stderr == (
        "journeykit: . holds 2 workspaces (north, south): measure one workspace at a time\n"
    )
    one = invoke(["measure", "north", "--events", "events.csv"])
    assert one.exit_code == 2
    assert "workspaces" not in one.stderr  # on to the event log, which is missing
    assert listing(parent) == ["north", "south"]


def test_diff_applies_each_workspace_fail_on(parent: Path, git_command: str) -> None:
    def git(*args: str) -> None:
        subprocess.run([git_command, *args], cwd=parent, check=True, capture_output=True)

    git("init", "-q", ".")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    for journey in ("north/journeys/checkout", "south/journeys/returns"):
        path = parent / f"{journey}.journey.yaml"
        path.write_text(path.read_text("utf-8").replace("Online checkout", "Checkout"))
    result = invoke(["diff", "--base", "HEAD", "-f", "json"])
    assert result.exit_code == 1  # south's [diff] fail-on = "info"
    assert invoke(["diff", "--base", "HEAD", "north"]).exit_code == 0
    assert listing(parent) == [".git", "north", "south"]
