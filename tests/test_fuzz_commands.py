"""Fuzzing the commands: a workspace with one broken file never makes a traceback.

Each example copies a small example workspace, breaks one of its files with the loader
fuzzer's mutations and runs a command on it. Whatever the input, the command exits 0, 1
or 2, and every finding it reports points inside the file it names.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.findings import Location
from test_fuzz_loader import FUZZ, REPO, Mutation, assert_located, mutate, mutations

Workspace = dict[str, bytes]


def example_workspaces() -> list[Workspace]:
    """Each example with its catalogs and one journey at a time: small, so quick to run."""
    found = []
    for root in sorted((REPO / "examples").iterdir()):
        common = {
            p.name: p.read_bytes()
            for p in (root / "journeykit.toml", root / "channels.yaml", root / "personas.yaml")
            if p.is_file()
        }
        for journey in sorted(root.glob("journeys/*.journey.yaml")):
            found.append({**common, f"journeys/{journey.name}": journey.read_bytes()})
    return found


WORKSPACES = example_workspaces()

COMMANDS: list[tuple[str, list[str]]] = [
    # (name, arguments): {ws} the broken workspace, {old} the intact one, {out} a new folder
    ("validate", ["validate", "{ws}", "-f", "json"]),
    ("lint", ["lint", "{ws}", "-f", "json"]),
    ("gaps", ["gaps", "{ws}", "-f", "json"]),
    ("render", ["render", "{ws}", "-f", "dot", "-o", "{out}"]),
    ("render-mermaid", ["render", "{ws}", "--view", "flow", "-f", "mermaid", "-o", "{out}"]),
    ("diff", ["diff", "{old}", "{ws}", "-f", "json"]),
]


def write(root: Path, files: Workspace) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def reported_locations(output: str) -> list[Location]:
    """The finding locations of a JSON report (validate, lint)."""
    found = []
    for finding in json.loads(output)["findings"]:
        loc = finding["location"]
        found.append(Location(loc["file"], loc["line"], loc["column"], loc["yaml_path"]))
    return found


def test_every_example_journey_is_a_fuzz_input() -> None:
    assert len(WORKSPACES) == 7  # retail 3, b2b-software 1, kuluttaja 1, subscription 2


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
@FUZZ
@given(
    files=st.sampled_from(WORKSPACES),
    target=st.sampled_from(["journey", "journey", "journey", "channels", "personas"]),
    steps=mutations,
)
def test_a_command_survives_a_broken_file(
    name: str,
    args: list[str],
    files: Workspace,
    target: str,
    steps: list[tuple[Mutation, int]],
) -> None:
    chosen = next(n for n in files if n.endswith(f"{target}.yaml") or target in n)
    broken = {**files, chosen: mutate(files[chosen], steps)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = write(root / "ws", broken)
        old = write(root / "old", files)
        argv = [a.format(ws=ws, old=old, out=root / "out") for a in args]
        result = CliRunner().invoke(app, argv)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"journeykit {' '.join(args)} raised {result.exception!r}"
        )
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output
        if name in ("validate", "lint") and result.exit_code != 2:
            for loc in reported_locations(result.stdout):
                path = Path(loc.file) if Path(loc.file).is_absolute() else Path.cwd() / loc.file
                assert_located(loc, path.read_bytes())
