"""`journeykit render -o`: one file or a folder, `--view all`, the persona in the file
names, and images kept off a terminal but written to a pipe (issue 16)."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from journeykit.cli import app, render_cmd
from journeykit.cli.common import stdout_is_terminal
from journeykit.render import OutputFormat, View
from journeykit.render.outputs import (
    OutputError,
    Target,
    count_refusal,
    output_format,
    picture_name,
    target,
)

SMALL = Path(__file__).resolve().parent / "small"
JOURNEY = SMALL / "journeys" / "small.journey.yaml"
VIEWS = ["map", "flow", "channels", "coverage"]
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<?xml"}
needs_dot = pytest.mark.usefixtures("dot_command")


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["render", *map(str, args)])


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# --- -o FILE ---------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_o_file_writes_that_file_in_the_format_of_its_suffix(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    picture = tmp_path / f"map.{fmt}"
    result = invoke(runner, JOURNEY, "-o", picture)
    assert result.exit_code == 0, result.stderr
    assert files(tmp_path) == [f"map.{fmt}"]  # a file, not a folder named map.png
    assert picture.read_bytes().startswith(MAGIC[fmt])
    assert result.stdout == f"wrote {picture}\n"


@needs_dot
def test_o_file_with_the_format_it_implies(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, JOURNEY, "-f", "png", "-o", tmp_path / "MAP.PNG")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "MAP.PNG").read_bytes().startswith(MAGIC["png"])


def test_o_file_of_a_text_format_holds_what_stdout_gets(runner: CliRunner, tmp_path: Path) -> None:
    for suffix, fmt in ((".dot", "dot"), (".mmd", "mermaid")):
        result = invoke(runner, JOURNEY, "--view", "flow", "-o", tmp_path / f"flow{suffix}")
        assert result.exit_code == 0, result.stderr
        piped = invoke(runner, JOURNEY, "--view", "flow", "-f", fmt)
        assert (tmp_path / f"flow{suffix}").read_text("utf-8") == piped.stdout != ""
    assert files(tmp_path) == ["flow.dot", "flow.mmd"]


def test_a_format_unlike_the_suffix_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    picture = tmp_path / "map.png"
    result = invoke(runner, JOURNEY, "-f", "svg", "-o", picture)
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeykit: -o {picture} names a .png file but --format is svg: "
        f"name the file {tmp_path / 'map.svg'} or leave --format out\n"
    )
    assert files(tmp_path) == []


def test_several_journeys_into_one_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, SMALL, "-o", tmp_path / "both.dot")
    assert result.exit_code == 2
    assert result.stderr == (
        f"journeykit: 2 journeys selected, but -o {tmp_path / 'both.dot'} is one file: "
        "give a folder with -o DIR\n"
    )
    result = invoke(runner, JOURNEY, "--view", "all", "-o", tmp_path / "all.dot")
    assert result.exit_code == 2
    assert "4 pictures (1 journey x 4 views), but -o " in result.stderr
    assert files(tmp_path) == []


def test_an_image_suffix_journeykit_does_not_write(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, JOURNEY, "-o", tmp_path / "map.jpg")
    assert result.exit_code == 2
    assert f"-o {tmp_path / 'map.jpg'}: journeykit does not write .jpg files" in result.stderr
    assert files(tmp_path) == []


def test_a_device_is_a_file(runner: CliRunner) -> None:
    assert target(Path(os.devnull)) == Target(Path(os.devnull))
    result = invoke(runner, JOURNEY, "-f", "dot", "-o", os.devnull)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {os.devnull}\n"


# --- -o DIR ----------------------------------------------------------------------------


def test_o_dir_without_a_suffix_or_existing_is_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, JOURNEY, "-f", "dot", "-o", tmp_path / "new").exit_code == 0
    (tmp_path / "pics.svg").mkdir()  # an existing folder stays a folder, whatever its name
    assert invoke(runner, JOURNEY, "-f", "dot", "-o", tmp_path / "pics.svg").exit_code == 0
    assert files(tmp_path) == ["new", "new/small.map.dot", "pics.svg", "pics.svg/small.map.dot"]


# --- --view all ------------------------------------------------------------------------


def test_view_all_writes_every_view_of_every_journey(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, SMALL, "--view", "all", "-f", "dot", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert files(tmp_path) == sorted(f"{j}.{v}.dot" for j in ("loyalty", "small") for v in VIEWS)
    assert result.stdout.count("wrote ") == 8
    for view in VIEWS:  # the very picture `--view <view>` draws
        alone = invoke(runner, JOURNEY, "--view", view, "-f", "dot")
        assert (tmp_path / f"small.{view}.dot").read_text("utf-8") == alone.stdout


@needs_dot
def test_view_all_as_svg(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, SMALL, "--view", "all", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert files(tmp_path) == sorted(f"{j}.{v}.svg" for j in ("loyalty", "small") for v in VIEWS)
    assert all(p.read_bytes().startswith(MAGIC["svg"]) for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "4 pictures (1 journey x 4 views): give a folder with -o/--output for one file each"),
        (["--combine"], "--combine works with --view channels only"),
        (["--diff-base", "HEAD"], "--diff-base works with the map and flow views"),
        (["--events", "e.csv"], "--events works with --view flow or map"),
    ],
)
def test_view_all_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = invoke(runner, JOURNEY, "--view", "all", "-f", "dot", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


# --- the persona in file names ---------------------------------------------------------


def test_persona_is_in_the_file_names(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, SMALL, "-p", "bob", "--view", "all", "-f", "dot", "-o", tmp_path / "a")
    assert result.exit_code == 0, result.stderr
    assert files(tmp_path / "a") == sorted(f"small.{v}.bob.dot" for v in VIEWS)
    args: list[str | Path] = ["--view", "channels", "--combine", "-f", "dot", "-o", tmp_path / "b"]
    assert invoke(runner, SMALL, "--persona", "ann", *args).exit_code == 0
    assert files(tmp_path / "b") == ["small-all.channels.ann.dot"]
    # -o FILE is the name asked for, persona or not.
    assert invoke(runner, JOURNEY, "-p", "bob", "-o", tmp_path / "bob.dot").exit_code == 0
    assert (tmp_path / "bob.dot").read_text("utf-8").startswith("digraph")


def test_picture_names() -> None:
    assert picture_name("checkout", View.map, OutputFormat.svg) == "checkout.map.svg"
    assert (
        picture_name("checkout", View.map, OutputFormat.svg, "busy-parent")
        == "checkout.map.busy-parent.svg"
    )
    assert picture_name("x", View.flow, OutputFormat.mermaid, "p") == "x.flow.p.mmd"


def test_output_format_and_count_refusal() -> None:
    assert output_format(None, Target(None)) is OutputFormat.svg
    assert output_format(None, Target(Path("m.PDF"))) is OutputFormat.pdf
    assert output_format("png", Target(Path("m.svg"), folder=True)) is OutputFormat.png
    with pytest.raises(OutputError, match="unknown format 'jpg'"):
        output_format("jpg", Target(None))
    assert count_refusal(Target(Path("d"), folder=True), 8, 2, 4) is None
    assert count_refusal(Target(None), 1, 1, 1) is None


# --- standard output: a terminal or a pipe ----------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is a terminal, as `render` sees it (CliRunner's never is)."""
    monkeypatch.setattr(render_cmd, "stdout_is_terminal", lambda: True)


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_an_image_is_not_poured_onto_a_terminal(runner: CliRunner, fmt: str) -> None:
    result = invoke(runner, JOURNEY, "-f", fmt)
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr == (
        f"journeykit: {fmt} is an image, not for the terminal: use -o FILE.{fmt} "
        f"(or -o DIR for one file per picture), or redirect: > FILE.{fmt}\n"
    )


@pytest.mark.usefixtures("terminal")
def test_a_terminal_gets_text_formats_and_refuses_the_default_svg(runner: CliRunner) -> None:
    assert invoke(runner, JOURNEY, "-f", "dot").stdout.startswith('digraph "small.map" {')
    assert invoke(runner, JOURNEY, "-f", "mermaid").stdout.startswith("journey\n")
    result = invoke(runner, JOURNEY)
    assert result.exit_code == 2 and "use -o FILE.svg" in result.stderr


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_a_pipe_gets_the_image_as_it_is(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    result = invoke(runner, JOURNEY, "-f", fmt)  # `render ... > x.png`
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(MAGIC[fmt])
    if fmt != "pdf":  # a PDF carries the time it was made
        assert invoke(runner, JOURNEY, "-o", tmp_path / f"x.{fmt}").exit_code == 0
        assert result.stdout_bytes == (tmp_path / f"x.{fmt}").read_bytes()


def test_stdout_is_terminal_asks_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    assert stdout_is_terminal()
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not stdout_is_terminal()


def test_a_real_terminal_is_refused_the_svg(tmp_path: Path) -> None:
    """The whole way: journeykit's standard output is a pseudo-terminal."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "journeykit", "render", str(JOURNEY)],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"svg is an image, not for the terminal: use -o FILE.svg" in done.stderr
