"""Graphviz discovery, the fallback engine, timeouts and the PNG size guard."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from journeykit.render import engine
from journeykit.render.engine import MAX_PNG_SIDE, Engine, RenderError, render_dot
from journeykit.workspace.project import Project

needs_dot = pytest.mark.usefixtures("dot_command")
JOURNEYKIT = Path(sys.executable).parent / "journeykit"
SMALL_JOURNEY = Path(__file__).resolve().parent / "small" / "journeys" / "small.journey.yaml"


# The CLI with `sys.executable` in the folder given as PATH: find_engine also looks for
# graphviz-pure beside the running Python (where `journeykit[pure]` puts it), so that one is
# out of sight too, whatever this virtual environment holds.
RUN_HIDING_THE_VENV = (
    "import runpy, sys; sys.executable = sys.argv.pop(1); "
    "runpy.run_module('journeykit', run_name='__main__')"
)


def run_cli(args: list[str], path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNEYKIT_DOT"}
    env["PATH"] = path
    python_in_path = str(Path(path) / "python")
    return subprocess.run(
        [sys.executable, "-c", RUN_HIDING_THE_VENV, python_in_path, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_missing_dot_says_how_to_get_it(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    done = run_cli(["render", str(SMALL_JOURNEY), "-f", "svg"], str(empty), tmp_path)
    assert done.returncode == 2, done.stderr
    assert "apt-get install graphviz" in done.stderr
    assert "journeykit[pure]" in done.stderr
    assert "Traceback" not in done.stderr
    # Text formats need no engine.
    done = run_cli(["render", str(SMALL_JOURNEY), "-f", "dot"], str(empty), tmp_path)
    assert done.returncode == 0 and done.stdout.startswith('digraph "small.map"')


def test_graphviz_pure_on_path_is_the_fallback(tmp_path: Path, dot_command: str) -> None:
    """A `graphviz-pure` command (here a stand-in that runs dot) is used when dot is absent."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "graphviz-pure"
    log = tmp_path / "called"
    fake.write_text(f'#!/bin/sh\necho "$@" > {log}\nexec {dot_command} "$@"\n')
    fake.chmod(0o755)
    done = run_cli(["render", str(SMALL_JOURNEY), "-f", "svg"], str(bin_dir), tmp_path)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout
    assert log.read_text().strip() == "-Tsvg"
    done = run_cli(["render", str(SMALL_JOURNEY), "-f", "pdf", "-o", "out"], str(bin_dir), tmp_path)
    assert done.returncode == 2
    assert "graphviz-pure cannot write pdf" in done.stderr


def test_engine_formats() -> None:
    assert "pdf" in Engine("/usr/bin/dot", "dot").formats
    assert Engine("/x/graphviz-pure", "graphviz-pure").formats == {"svg", "png"}


def test_timeout_is_an_error_not_a_hang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(slow))
    with pytest.raises(RenderError, match=r"did not finish within 0\.5 s"):
        render_dot("digraph { a -> b }", "svg", timeout=0.5)


def test_engine_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "dot"
    broken.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setenv("JOURNEYKIT_DOT", str(broken))
    with pytest.raises(RenderError, match=r"dot failed \(exit 1\): Error: syntax error"):
        render_dot("digraph {", "svg")


def _big_workspace(root: Path, stages: int, touchpoints: int) -> Path:
    (root / "journeys").mkdir(parents=True)
    tps = []
    for k in range(touchpoints):
        tp = {
            "id": f"t{k}",
            "name": f"Touchpoint {k} with a fairly long descriptive name",
            "stage": f"s{k * stages // touchpoints}",
            "channel": "web",
            "kind": "action",
            "emotion": {"score": k % 5 - 2},
        }
        if k + 1 < touchpoints:
            tp["next"] = [f"t{k + 1}"]
        tps.append(tp)
    journey = {
        "version": 1,
        "id": "big",
        "title": "Big",
        "personas": ["p"],
        "stages": [{"id": f"s{i}", "name": f"Stage {i} with a long name"} for i in range(stages)],
        "touchpoints": tps,
    }
    (root / "journeys" / "big.journey.yaml").write_text(yaml.safe_dump(journey))
    (root / "personas.yaml").write_text(
        yaml.safe_dump(
            {
                "version": 1,
                "personas": [{"id": "p", "name": "P", "buyer": "customer", "market": "b2c"}],
            }
        )
    )
    channel = {"id": "web", "name": "Web", "kind": "web", "presence": "online", "outbound": False}
    (root / "channels.yaml").write_text(yaml.safe_dump({"version": 1, "channels": [channel]}))
    return root


@needs_dot
def test_wide_map_wraps_into_rows_and_stays_a_real_png(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    from journeykit.render import OutputFormat, View, render

    project = loader(_big_workspace(tmp_path / "ws", stages=40, touchpoints=240))
    out = render(project, project.journey_list(), View.map, OutputFormat.png)
    assert isinstance(out, bytes)
    width, height = struct.unpack(">II", out[16:24])
    assert width < 4000, "40 stages must wrap into rows of columns"
    assert height <= MAX_PNG_SIDE


@needs_dot
def test_a_flow_too_large_for_png_is_a_clear_error(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    from journeykit.render import OutputFormat, View, render

    project = loader(_big_workspace(tmp_path / "ws", stages=4, touchpoints=400))
    with pytest.raises(RenderError, match="too large for a PNG"):
        render(project, project.journey_list(), View.flow, OutputFormat.png)
    svg = render(project, project.journey_list(), View.flow, OutputFormat.svg)
    assert isinstance(svg, str) and "<svg" in svg


@needs_dot
def test_png_resolution_is_lowered_before_giving_up() -> None:
    # A 120-node chain is about 40,000 px wide at 144 dpi and fits at a lower resolution.
    chain = " -> ".join(f"n{i}" for i in range(120))
    source = f"digraph {{ rankdir=LR; node [shape=box, width=2]; {chain} }}"
    out = render_dot(source, "png")
    width, _ = engine.png_size(out)
    assert 20_000 < width <= MAX_PNG_SIDE
