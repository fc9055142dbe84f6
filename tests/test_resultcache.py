"""The result cache: a hit says exactly what a full run says, and only then hits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit import resultcache
from journeykit.cli import app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "retail"
AN_HOUR_AGO = time.time() - 3600
FORMATS = ["human", "concise", "json", "github", "sarif"]


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.delenv("JOURNEYKIT_CACHE_DIR", raising=False)


# A cache that an earlier `make demo` or a user left in the example is not part of it.
NOT_INPUT = shutil.ignore_patterns(resultcache.CACHE_DIR)


def settle(root: Path) -> None:
    """Date every file an hour back: the cache keeps only runs whose inputs had settled."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The retail example with a broken reference and a syntax error planted."""
    root = tmp_path / "retail"
    shutil.copytree(EXAMPLE, root, ignore=NOT_INPUT)
    journey = root / "journeys" / "online-order.journey.yaml"
    journey.write_text(journey.read_text("utf-8").replace("channel: sms", "channel: smss", 1))
    (root / "journeys" / "broken.journey.yaml").write_text("id: broken\nstages: [\n", "utf-8")
    settle(root)
    return root


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    """The CLI in this process, from `cwd`."""
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def no_full_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a full run fail loudly, so a test knows it got its answer from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workspace was loaded: the cache missed")

    monkeypatch.setattr("journeykit.validate.validate_paths", refuse)
    monkeypatch.setattr("journeykit.lint.lint_paths", refuse)


def entries(root: Path, command: str = "*") -> list[Path]:
    return sorted((root / resultcache.CACHE_DIR).glob(f"{command}-*.json"))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "journeys"],
        ["validate", "journeys/online-order.journey.yaml"],
        ["validate", "."],
        ["lint"],
        ["lint", "journeys/online-order.journey.yaml", "--statistics"],
        ["lint", "--select", "JK4", "--ignore", "JK404"],
    ],
    ids=["workspace", "folder", "one-file", "dot", "lint", "lint-one-file", "lint-select"],
)
def test_a_hit_prints_what_a_full_run_prints(
    workspace: Path, fmt: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    command = [*args, "-f", fmt]
    full = run([*command, "--no-cache"], workspace)
    assert entries(workspace) == []
    first = run(command, workspace)
    assert len(entries(workspace)) == 1
    no_full_run(monkeypatch)
    second = run(command, workspace)
    assert full == first == second
    assert full[0] == 1


@pytest.mark.parametrize(
    ("config", "args", "code"),
    [
        # (the workspace's [lint] table, lint's options, the exit code every run gives)
        ("", [], 1),
        ('[lint]\nfail-level = "warning"\n', [], 1),
        ("", ["--fail-level", "info"], 1),
        ("", ["--exit-zero"], 0),
        ("", ["--select", "JK5"], 0),
        ('[lint]\nfail-level = "info"\n', ["--select", "JK5", "--fail-level", "error"], 0),
        ('[lint]\nfail-level = "info"\n', ["--select", "JK5"], 1),
    ],
)
def test_lint_hits_keep_every_exit_code(
    tmp_path: Path, config: str, args: list[str], code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "retail"
    shutil.copytree(EXAMPLE, root, ignore=NOT_INPUT)
    toml = root / "journeykit.toml"
    toml.write_text(toml.read_text("utf-8").replace("[lint.rules", config + "[lint.rules", 1))
    settle(root)
    first = run(["lint", *args], root)
    assert first[0] == code
    monkeypatch.setattr("journeykit.lint.lint_paths", lambda *a, **k: pytest.fail("missed"))
    assert run(["lint", *args], root) == first


def test_lint_options_that_change_the_findings_miss(workspace: Path) -> None:
    everything = run(["lint", "-f", "concise"], workspace)
    some = run(["lint", "-f", "concise", "--select", "JK2,JK4"], workspace)
    assert some != everything
    assert some == run(["lint", "-f", "concise", "--select", "JK2,JK4", "--no-cache"], workspace)
    assert len(entries(workspace, "lint")) == 1


def test_a_hit_from_outside_the_workspace_shows_the_same_paths(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = ["validate", "retail/journeys", "-f", "concise"]
    first = run(command, workspace.parent)
    assert "retail/journeys/online-order.journey.yaml:" in first[1]
    no_full_run(monkeypatch)
    assert run(command, workspace.parent) == first


def test_the_cache_folder_keeps_itself_out_of_git(workspace: Path) -> None:
    run(["validate"], workspace)
    folder = workspace / resultcache.CACHE_DIR
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        # (what changes after the cached run, a line the next run must print)
        (
            lambda r: (r / "journeys" / "broken.journey.yaml").unlink(),
            "Found 1 error in 1 of 5 files.",
        ),
        (
            lambda r: (r / "channels.yaml").write_text(
                (r / "channels.yaml").read_text("utf-8") + "\n  - id: smss\n", "utf-8"
            ),
            "channels.yaml:",
        ),
        (
            lambda r: (r / "journeykit.toml").write_text(
                'exclude = ["journeys/broken.journey.yaml"]\n', "utf-8"
            ),
            "Found 1 error in 1 of 5 files.",
        ),
        (
            lambda r: (r / "journeys" / "new.journey.yaml").write_text("id: [\n", "utf-8"),
            "journeys/new.journey.yaml:",
        ),
    ],
    ids=["file-deleted", "file-edited", "config-added", "file-added"],
)
def test_any_change_to_the_inputs_misses(workspace: Path, change: object, expect: str) -> None:
    before = run(["validate", "-f", "concise"], workspace)
    assert callable(change)
    change(workspace)
    settle(workspace)
    after = run(["validate", "-f", "concise"], workspace)
    assert after != before
    assert expect in after[1]
    assert after == run(["validate", "-f", "concise", "--no-cache"], workspace)


def test_an_edit_that_keeps_size_and_time_still_misses(workspace: Path) -> None:
    journey = workspace / "journeys" / "online-order.journey.yaml"
    run(["validate"], workspace)
    text = journey.read_text("utf-8")
    journey.write_text(text.replace("channel: smss", "channel: smsx", 1), "utf-8")
    settle(workspace)
    _code, out = run(["validate", "-f", "concise"], workspace)
    assert "unknown channel 'smsx'" in out


def test_files_changed_just_before_the_run_are_not_cached(workspace: Path) -> None:
    (workspace / "personas.yaml").touch()
    run(["validate"], workspace)
    assert entries(workspace) == []


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_cache_can_be_turned_off(
    workspace: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if how == "environment":
        monkeypatch.setenv("JOURNEYKIT_NO_CACHE", "1")
    run(["validate", *(["--no-cache"] if how == "option" else [])], workspace)
    assert not (workspace / resultcache.CACHE_DIR).exists()


def test_the_cache_can_live_elsewhere(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(tmp_path / "elsewhere"))
    first = run(["validate"], workspace)
    assert not (workspace / resultcache.CACHE_DIR).exists()
    assert len(list((tmp_path / "elsewhere").glob("validate-*.json"))) == 1
    no_full_run(monkeypatch)
    assert run(["validate"], workspace) == first


@pytest.mark.parametrize(
    "spoil",
    [
        lambda e: e.write_text("{not json", "utf-8"),
        lambda e: e.write_bytes(b"\xff\xfe\x00"),
        lambda e: e.write_text(json.dumps({"format": 1}), "utf-8"),
        lambda e: e.write_text(json.dumps([1, 2]), "utf-8"),
        lambda e: e.write_text(
            json.dumps({**json.loads(e.read_text("utf-8")), "fingerprint": "older"}), "utf-8"
        ),
        lambda e: e.write_text(
            json.dumps({**json.loads(e.read_text("utf-8")), "findings": [{"code": 1}]}), "utf-8"
        ),
    ],
    ids=["truncated", "binary", "fields-missing", "not-an-object", "other-version", "bad-finding"],
)
def test_a_spoilt_cache_is_a_miss(workspace: Path, spoil: object) -> None:
    first = run(["validate", "-f", "json"], workspace)
    [entry] = entries(workspace)
    assert callable(spoil)
    spoil(entry)
    assert run(["validate", "-f", "json"], workspace) == first
    json.loads(entry.read_text("utf-8"))  # written anew


def test_a_cache_that_cannot_be_written_changes_nothing(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JOURNEYKIT_CACHE_DIR", str(blocker / "cache"))
    assert run(["validate", "-f", "concise"], workspace) == run(
        ["validate", "-f", "concise", "--no-cache"], workspace
    )


def test_a_file_named_from_outside_the_configuration_is_not_cached(workspace: Path) -> None:
    (workspace / "journeykit.toml").write_text('exclude = ["journeys/broken*"]\n', "utf-8")
    settle(workspace)
    code, out = run(["validate", "journeys/broken.journey.yaml", "-f", "concise"], workspace)
    assert code == 1 and "journeys/broken.journey.yaml:" in out
    assert entries(workspace) == []


def test_a_hit_imports_neither_pydantic_nor_yaml(workspace: Path) -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['journeykit', *sys.argv[1:]]\n"
        "from journeykit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
    )
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}

    def modules() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", probe, "validate", "-f", "concise"],
            capture_output=True,
            text=True,
            cwd=workspace,
            env=env,
            timeout=60,
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert "unknown channel 'smss'" in done.stdout
        line = done.stderr.splitlines()[-1]
        return set(line.split()[1:])

    assert {"pydantic", "yaml"} <= modules()  # the first run loads
    assert {"pydantic", "yaml", "journeykit.model", "journeykit.loader"}.isdisjoint(modules())
