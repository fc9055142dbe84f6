"""Every view of every example journey in every format, through the real Graphviz."""

from __future__ import annotations

import struct
import xml.dom.minidom
from pathlib import Path

import pytest

from journeykit.render import OutputFormat, View, render
from journeykit.render.engine import MAX_PNG_SIDE
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WORKSPACES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
needs_dot = pytest.mark.usefixtures("dot_command")


def _load(path: Path) -> Project:
    project, _ = load_workspace(resolve_targets([path])[0])
    assert project.journeys, f"{path} has no loadable journey"
    return project


@pytest.fixture(scope="module", params=WORKSPACES, ids=[p.name for p in WORKSPACES])
def workspace(request: pytest.FixtureRequest) -> Project:
    return _load(request.param)


def check(fmt: OutputFormat, out: str | bytes) -> None:
    if fmt is OutputFormat.svg:
        assert isinstance(out, str)
        root = xml.dom.minidom.parseString(out.encode("utf-8")).documentElement
        assert root is not None and root.tagName == "svg"
    elif fmt is OutputFormat.png:
        assert isinstance(out, bytes) and out.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", out[16:24])
        assert 0 < width <= MAX_PNG_SIDE and 0 < height <= MAX_PNG_SIDE
    elif fmt is OutputFormat.pdf:
        assert isinstance(out, bytes) and out.startswith(b"%PDF-")
    elif fmt is OutputFormat.dot:
        assert isinstance(out, str) and out.startswith("digraph ")
    else:
        assert isinstance(out, str)
        assert out.startswith(("journey\n", "flowchart LR\n", "flowchart TB\n"))


def test_examples_exist() -> None:
    assert {p.name for p in WORKSPACES} >= {"retail", "b2b-software", "kuluttaja"}


@needs_dot
@pytest.mark.parametrize("view", list(View), ids=[v.value for v in View])
def test_every_view_in_every_format(workspace: Project, view: View) -> None:
    for journey in workspace.journey_list():
        for fmt in OutputFormat:
            check(fmt, render(workspace, [journey], view, fmt))


@needs_dot
def test_persona_filter_renders_for_every_persona(workspace: Project) -> None:
    for journey in workspace.journey_list():
        for persona in journey.item.personas:
            for view in (View.map, View.flow, View.coverage):
                check(
                    OutputFormat.svg, render(workspace, [journey], view, OutputFormat.svg, persona)
                )


def test_retail_channel_policy_matches_the_domain_table() -> None:
    """The combined channel matrix of the retail example reproduces the domain's table."""
    from journeykit.render.channels_view import channel_matrix

    project = _load(EXAMPLES / "retail")
    matrix = channel_matrix(project, project.journey_list())
    policy = {
        name: {project.channels[ch].item.name for ch in matrix.messaging(project, key)}
        for key, name in matrix.stages
    }
    assert policy["Awareness"] == {"SMS", "RCS", "Viber", "WhatsApp"}
    assert policy["Consideration"] == {"E-mail", "RCS", "Viber"}
    assert policy["Purchase"] == {"SMS", "WhatsApp", "Viber"}
    assert policy["Post-purchase"] == {"SMS", "E-mail", "WhatsApp"}
    assert policy["Loyalty and engagement"] == {"SMS", "WhatsApp", "Viber", "E-mail"}
    examples = " ".join(matrix.examples[matrix.stages[0][0]]).lower()
    assert "welcome" in examples and "product updates" in examples
