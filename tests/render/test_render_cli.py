"""`journeykit render`: where output goes, file names, and the usage errors (exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.cli.common import output_path

SMALL = Path(__file__).resolve().parent / "small"
JOURNEY = SMALL / "journeys" / "small.journey.yaml"
needs_dot = pytest.mark.usefixtures("dot_command")


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_formats_go_to_stdout(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, str(JOURNEY), "-f", "dot", "--view", "flow")
    assert code == 0 and out.startswith('digraph "small.flow" {')
    code, out, _ = invoke(runner, str(JOURNEY), "-f", "mermaid")
    assert code == 0 and out.startswith("journey\n    title Small checkout\n")
    code, out, _ = invoke(runner, str(JOURNEY), "-f", "mermaid", "--view", "flow")
    assert code == 0 and out.startswith("flowchart LR\n")


@needs_dot
def test_one_file_per_journey_and_view(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = invoke(runner, str(SMALL), "--view", "flow", "-f", "png", "-o", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loyalty.flow.png", "small.flow.png"]
    assert f"wrote {tmp_path / 'small.flow.png'}" in out
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files are left behind"


def test_combined_channel_matrix(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(
        runner, str(SMALL), "--view", "channels", "--combine", "-f", "dot", "-o", str(tmp_path)
    )
    assert code == 0, err
    assert [p.name for p in tmp_path.iterdir()] == ["small-all.channels.dot"]


def test_persona_filter_skips_journeys_of_other_personas(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, str(SMALL), "--persona", "bob", "-f", "dot", "-o", str(tmp_path))
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["small.map.bob.dot"]  # the persona's
    assert "loyalty: skipped, not a journey of 'bob'" in err
    text = (tmp_path / "small.map.bob.dot").read_text("utf-8")
    assert "Order confirmation by SMS" not in text  # Ann's touchpoint only


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "gif"], "unknown format 'gif'"),
        (
            ["--view", "journey"],
            "unknown view 'journey' (expected one of: map, flow, channels, coverage, all)",
        ),
        (["--persona", "nobody"], "unknown persona 'nobody' (personas: ann, bob)"),
        (["--combine"], "--combine works with --view channels only"),
        (["--timeout", "0"], "--timeout must be a positive number"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = invoke(runner, str(JOURNEY), *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_several_journeys_need_a_folder(runner: CliRunner) -> None:
    code, _, err = invoke(runner, str(SMALL), "-f", "dot")
    assert code == 2
    assert "2 journeys selected: give a folder with -o/--output" in err


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, str(tmp_path / "nope.journey.yaml"), "-f", "dot")
    assert code == 2 and "no such file or directory" in err


def test_broken_journey_is_skipped_with_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(SMALL, ws)
    (ws / "journeys" / "broken.journey.yaml").write_text("version: 1\nid: [oops\n")
    out = tmp_path / "out"
    code, _, err = invoke(runner, str(ws), "-f", "dot", "-o", str(out))
    assert code == 1
    # The file is named with its first error, where it is and what it is.
    assert "journeys/broken.journey.yaml:3:1: JK001 yaml-syntax: " in err
    assert "(file left out; see `journeykit validate`)" in err
    assert sorted(p.name for p in out.iterdir()) == ["loyalty.map.dot", "small.map.dot"]


@pytest.mark.parametrize("name", ["../x.svg", "a/b.svg", "..", ".hidden.svg", ""])
def test_output_paths_never_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        output_path(tmp_path, name)


def test_output_path_refuses_a_symlink_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text("keep")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "small.map.svg").symlink_to(outside)
    with pytest.raises(ValueError, match="outside"):
        output_path(folder, "small.map.svg")
    assert output_path(folder, "small.flow.svg") == folder / "small.flow.svg"


@pytest.mark.parametrize(
    ("view", "first"), [("channels", "flowchart LR"), ("coverage", "flowchart TB")]
)
def test_the_matrices_as_mermaid_go_to_stdout(runner: CliRunner, view: str, first: str) -> None:
    code, out, err = invoke(runner, str(JOURNEY), "--view", view, "-f", "mermaid")
    assert code == 0, err
    assert out.splitlines()[0] == first


def test_shared_options_read_the_same_as_in_the_other_commands(runner: CliRunner) -> None:
    def help_of(command: str) -> str:
        shown = runner.invoke(app, [command, "--help"], terminal_width=200).stdout
        return " ".join(shown.split())  # the same text, however it is wrapped

    render = help_of("render")
    for command in ("gaps", "measure"):
        assert "-p, --persona <str> Only this persona's journeys" in help_of(command)
    assert "-p, --persona <str> Only this persona's journeys (an id), showing only" in render
    paths = "paths... Workspace folders or journey files (default: the current folder)."
    assert paths in render and paths in help_of("lint")
    assert "-f, --format <str> Output format: svg, png, pdf, dot or mermaid" in render
    assert "--timeout <float> Seconds Graphviz may take per picture." in help_of("report")
    assert "--timeout <float> Seconds Graphviz may take per picture." in render
