"""Finding a workspace's files: nothing the user wrote is skipped without a word.

Stray YAML names (JK016), links out of the workspace (JK017), nested workspaces and
folders with nothing to check, through the CLI. The hostile trees are case folders under
tests/cases/loader/invalid/ (stray-names, nested-workspace); symlinks are made here, as
git keeps them poorly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app

CASES = Path(__file__).parent / "cases" / "loader"
MINIMAL = CASES / "valid" / "minimal"
STRAY = (
    "JK016 [error] not checked: journeykit reads *.journey.yaml, personas.yaml and "
    "channels.yaml (list the file under `exclude` if it is no journeykit file)"
)
LINK = (
    "JK017 [error] not followed: the symbolic link points outside the workspace (copy what "
    "it points to into the workspace, or list the link under `exclude`)"
)
SECRET = "root:x:0:0:not-for-your-eyes"


def build(case: Path, into: Path) -> Path:
    """The case's files over the shared `_base/` ones, as the loader case runner does."""
    into.mkdir(parents=True, exist_ok=True)
    for item in (CASES / "_base").iterdir():
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, into / item.name)
    shutil.copytree(case, into, dirs_exist_ok=True)
    (into / "expected.yaml").unlink()
    return into


def lines(result_stdout: str) -> list[str]:
    return result_stdout.splitlines()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = build(MINIMAL, tmp_path / "ws")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the workspace that must never be read nor shown."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n", "utf-8")
    return path


def test_stray_yaml_names_are_findings_with_the_expected_name(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(build(CASES / "invalid" / "stray-names", tmp_path / "ws"))
    result = runner.invoke(app, ["validate", "-f", "concise"])
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        f"journeys/returns.yaml:1:1: {STRAY} (did you mean 'journeys/returns.journey.yaml'?)",
        f"my-channels.yml:1:1: {STRAY} (did you mean 'my.channels.yml'?)",
        f"persona.yaml:1:1: {STRAY} (did you mean 'personas.yaml'?)",
        "Found 3 errors in 3 of 6 files.",
    ]
    human = runner.invoke(app, ["validate", "journeys"])
    assert human.exit_code == 1
    assert "    hint: did you mean 'journeys/returns.journey.yaml'?" in lines(human.stdout)


def test_lint_and_render_name_the_stray_too(runner: CliRunner, ws: Path) -> None:
    (ws / "journeys" / "returns.yaml").write_text("version: 1\n", "utf-8")
    linted = runner.invoke(app, ["lint", "-f", "concise", "--select", "JK9"])
    assert linted.exit_code == 1
    assert lines(linted.stdout) == [
        f"journeys/returns.yaml:1:1: {STRAY} (did you mean 'journeys/returns.journey.yaml'?)",
        "Found 1 error in 1 of 4 files.",
    ]
    rendered = runner.invoke(app, ["render", "-f", "dot", "-o", str(ws / "out")])
    assert rendered.exit_code == 1
    (left_out,) = [x for x in lines(rendered.stderr) if "returns.yaml" in x]
    assert left_out.startswith("journeykit: journeys/returns.yaml:1:1: JK016 unknown-file-kind: ")
    assert left_out.endswith("(file left out; see `journeykit validate`)")


def test_a_stray_named_on_its_own_is_read_as_asked(runner: CliRunner, ws: Path) -> None:
    (ws / "notes.yaml").write_text("title: shopping list\n", "utf-8")
    result = runner.invoke(app, ["validate", "-f", "concise", "notes.yaml"])
    assert result.exit_code == 1
    assert lines(result.stdout)[0].startswith("notes.yaml:1:1: JK016 [error] cannot tell what")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("persona.yaml", "personas.yaml"),
        ("Channel.yml", "channels.yml"),
        ("checkout.journeys.yaml", "checkout.journey.yaml"),
        ("my-personas.yaml", "my.personas.yaml"),
        ("checkout_journey.yml", "checkout.journey.yml"),
        ("checkout.yaml", "checkout.journey.yaml"),
    ],
)
def test_expected_name(name: str, expected: str) -> None:
    from journeykit.kinds import expected_name

    assert expected_name(name) == expected


@pytest.mark.parametrize("content", [[], ["README.md"], ["journeykit.toml"]])
def test_a_folder_with_nothing_to_check_exits_2_and_leaves_no_cache(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: list[str]
) -> None:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.delenv("JOURNEYKIT_CACHE_DIR", raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in content:
        (empty / name).write_text("# nothing here\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    if content == ["journeykit.toml"]:
        expected = (
            "journeykit: no journeykit files in empty: expected personas.yaml, channels.yaml "
            "or *.journey.yaml that the include and exclude of journeykit.toml select"
        )
    else:
        expected = (
            "journeykit: no journeykit files in empty: expected journeykit.toml, "
            "personas.yaml, channels.yaml or *.journey.yaml"
        )
    for command in ("validate", "lint"):
        result = runner.invoke(app, [command, "empty"])
        assert result.exit_code == 2
        assert lines(result.stderr) == [expected]
        assert result.stdout == ""
    assert sorted(p.name for p in empty.iterdir()) == content


def test_a_subfolder_with_nothing_to_check_exits_2(runner: CliRunner, ws: Path) -> None:
    (ws / "docs").mkdir()
    result = runner.invoke(app, ["validate", "docs"])
    assert result.exit_code == 2
    assert "no journeykit files in docs" in result.stderr


def test_nested_workspaces_under_a_configured_parent(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = build(CASES / "invalid" / "nested-workspace", tmp_path / "parent")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "-f", "concise", "parent"])
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "parent/team/journeys/team.journey.yaml:4:12: JK202 [error] unknown persona 'busy-parent'",
        "parent/tiny/journeys/tiny.journey.yaml:1:1: JK004 [error] file is larger than the "
        "limit of 100 bytes (raise `max-file-size` under [limits] in journeykit.toml if this "
        "is intended)",
        "Found 2 errors in 2 of 6 files.",
    ]
    # Named below the parent, the nested workspace is checked with its own settings alone.
    inner = runner.invoke(app, ["validate", "-f", "concise", str(parent / "team")])
    assert lines(inner.stdout)[-1] == "Found 1 error in 1 of 2 files."


def test_nested_workspace_under_a_parent_without_configuration(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = build(MINIMAL, tmp_path / "parent")
    (parent / "journeykit.toml").unlink()
    team = parent / "team"
    (team / "journeys").mkdir(parents=True)
    (team / "journeykit.toml").write_text("[lint]\nselect = ['JK8']\n", "utf-8")
    shutil.copy(parent / "channels.yaml", team / "channels.yaml")
    journey = (MINIMAL / "journeys" / "checkout.journey.yaml").read_text("utf-8")
    (team / "journeys" / "t.journey.yaml").write_text(journey.replace("id: checkout", "id: t"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "-f", "concise", "parent"])
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "parent/team/journeys/t.journey.yaml:4:12: JK202 [error] unknown persona 'busy-parent'",
        "Found 1 error in 1 of 5 files.",
    ]
    # Each workspace lints with its own [lint]: team's selects JK8 only, the parent's
    # default runs JK3 and the rest on its own journey.
    linted = runner.invoke(app, ["lint", "-f", "concise", "parent"])
    assert linted.exit_code == 1
    codes = [(line.split(":")[0], line.split()[1]) for line in lines(linted.stdout)[:-1]]
    in_team = [c for c in codes if c[0].startswith("parent/team/")]
    assert in_team == [
        ("parent/team/channels.yaml", "JK802"),
        ("parent/team/journeys/t.journey.yaml", "JK202"),
    ]
    assert ("parent/journeys/checkout.journey.yaml", "JK302") in codes


def test_only_nested_workspaces_in_the_folder_given(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(MINIMAL, tmp_path / "parent" / "team")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "parent"])
    assert result.exit_code == 0, result.stdout
    assert lines(result.stdout) == ["All checks passed (3 files checked)."]


def test_a_link_out_of_the_workspace_is_named_and_never_read(
    runner: CliRunner, ws: Path, secret: Path
) -> None:
    (ws / "journeys" / "leak.journey.yaml").symlink_to(secret)
    (ws / "shared").symlink_to(secret.parent, target_is_directory=True)
    (ws / "docs.md").symlink_to(secret)  # no YAML: none of journeykit's business
    result = runner.invoke(app, ["validate", "-f", "concise"])
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        f"journeys/leak.journey.yaml:1:1: {LINK}",
        f"shared:1:1: {LINK}",
        "Found 2 errors in 2 of 5 files.",
    ]
    for args in (["validate"], ["validate", "journeys/leak.journey.yaml"], ["lint"]):
        human = runner.invoke(app, args)
        assert human.exit_code == 1
        assert SECRET not in human.stdout
        assert "journeys/leak.journey.yaml:1:1: error JK017" in human.stdout


def test_a_link_named_on_the_command_line_is_not_followed(
    runner: CliRunner, ws: Path, secret: Path
) -> None:
    (ws / "journeys" / "leak.journey.yaml").symlink_to(secret)
    result = runner.invoke(app, ["validate", "-f", "concise", "journeys/leak.journey.yaml"])
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        f"journeys/leak.journey.yaml:1:1: {LINK}",
        "Found 1 error in 1 of 1 file.",
    ]


def test_links_inside_the_workspace_are_fine(runner: CliRunner, ws: Path) -> None:
    (ws / "journeys" / "again.journey.yaml").symlink_to("checkout.journey.yaml")
    (ws / "mirror").symlink_to("journeys", target_is_directory=True)
    result = runner.invoke(app, ["validate", "-f", "concise"])
    # The linked file is read (so its ids repeat); the linked folder is reached by its
    # real path only.
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "journeys/checkout.journey.yaml:2:5: JK201 [error] journey id 'checkout' is already "
        "defined in journeys/again.journey.yaml:2",
        "Found 1 error in 1 of 4 files.",
    ]


def test_the_cache_never_hides_a_stray_added_later(
    runner: CliRunner, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(ws.parent / "cache"))
    first = runner.invoke(app, ["validate"])
    assert first.exit_code == 0
    (ws / "journeys" / "returns.yaml").write_text("version: 1\n", "utf-8")
    again = runner.invoke(app, ["validate", "-f", "concise"])
    assert again.exit_code == 1
    assert lines(again.stdout)[0].startswith("journeys/returns.yaml:1:1: JK016")
