"""The result cache: a hit says exactly what a full run says, and only then hits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeykit.cache import results as resultcache
from journeykit.cli import app
from journeykit.run.engine import run as engine_run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "retail"
AN_HOUR_AGO = time.time() - 3600
FORMATS = ["human", "concise", "json", "github", "sarif"]


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.delenv("JOURNEYKIT_NO_CACHE", raising=False)
    monkeypatch.delenv("JOURNEYKIT_CACHE_DIR", raising=False)
    # The entries' key lives in the user's cache folder: a test's own, not the real one.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("home-cache")))


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

    monkeypatch.setattr("journeykit.run.engine.run", refuse)


def full_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A list that gets an item for every full run of `validate`."""
    loads: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        loads.append(args)
        return engine_run(*args, **kwargs)

    monkeypatch.setattr("journeykit.run.engine.run", counted)
    return loads


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
    monkeypatch.setattr("journeykit.run.engine.run", lambda *a, **k: pytest.fail("missed"))
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


def test_files_changed_just_before_the_run_are_cached_by_what_it_read(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No waiting for times to settle: an entry is keyed on the text the run parsed."""
    (workspace / "personas.yaml").touch()
    first = run(["validate", "-f", "concise"], workspace)
    assert len(entries(workspace)) == 1
    no_full_run(monkeypatch)
    assert run(["validate", "-f", "concise"], workspace) == first


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
    # This checkout's code, and the test's key (not the user's).
    env.update({k: os.environ[k] for k in ("PYTHONPATH", "XDG_CACHE_HOME") if k in os.environ})

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
    assert {"pydantic", "yaml", "journeykit.model", "journeykit.loader.source"}.isdisjoint(
        modules()
    )


# Breaking the cache on purpose: whoever can write to the workspace (a pull request, a
# shared checkout) must not be able to make a run say anything a full run would not.


def cli(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The CLI in a fresh process with a time limit: a cache that blocks fails, not hangs."""
    done = subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=20,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def forged(entry: Path, **fields: object) -> None:
    """The entry with some fields rewritten and the rest of it, its MAC too, kept."""
    body = json.loads(entry.read_text("utf-8"))
    mac = body.pop("mac", None)
    body.update(fields)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if mac is not None:
        text = '{"mac":' + json.dumps(mac) + "," + text[1:]
    entry.write_text(text, "utf-8")


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_an_entry_emptied_by_hand_is_a_miss(workspace: Path, command: str) -> None:
    full = run([command, "-f", "concise", "--no-cache"], workspace)
    assert full[0] == 1
    run([command], workspace)
    [entry] = entries(workspace)
    forged(entry, findings=[])
    assert run([command, "-f", "concise"], workspace) == full


def test_an_entry_made_with_another_key_is_a_miss(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry the forger's own journeykit wrote (it can say anything) is not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "forger"))
    first = run(["validate", "-f", "concise"], workspace)
    assert len(entries(workspace)) == 1
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    loads = full_runs(monkeypatch)
    assert run(["validate", "-f", "concise"], workspace) == first
    assert len(loads) == 1
    assert run(["validate", "-f", "concise"], workspace) == first  # the user's own entry now
    assert len(loads) == 1


def test_the_key_is_private_and_outside_the_workspace(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    run(["validate"], workspace)
    assert len(entries(workspace)) == 1
    keys = [p for p in (tmp_path / "home" / "journeykit").iterdir()]
    assert len(keys) == 1
    assert keys[0].stat().st_mode & 0o777 == 0o600
    assert not list(workspace.rglob("*.key"))


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_an_entry_that_is_not_a_regular_file_is_a_miss(workspace: Path, kind: str) -> None:
    full = cli(["validate", "-f", "concise", "--no-cache"], workspace)
    cli(["validate"], workspace)
    [entry] = entries(workspace)
    entry.unlink()
    if kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.mkdir()
    code, out, err = cli(["validate", "-f", "concise"], workspace)
    assert (code, out) == full[:2]
    assert err == ""


def cp_p(path: Path, text: str) -> None:
    """What `cp -p` does to a file: new content, the old modification time."""
    info = path.stat()
    path.write_text(text, "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize("changed", ["journey", "config"])
def test_a_file_changed_during_the_run_is_not_cached_under_its_new_content(
    workspace: Path, command: str, changed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run has read the files when it ends; a change after that (content new, time
    old), before the result is stored, must not file the old findings under it."""
    journey = workspace / "journeys" / "online-order.journey.yaml"
    config = workspace / "journeykit.toml"

    def run_then_change(*args: Any, **kwargs: Any) -> Any:
        result = engine_run(*args, **kwargs)
        if changed == "journey":
            cp_p(journey, journey.read_text("utf-8").replace("channel: smss", "channel: sms", 1))
        else:
            cp_p(config, 'exclude = ["journeys/**"]\n' + config.read_text("utf-8"))
        return result

    monkeypatch.setattr("journeykit.run.engine.run", run_then_change)
    before = run([command, "-f", "concise"], workspace)
    monkeypatch.setattr("journeykit.run.engine.run", engine_run)
    after = run([command, "-f", "concise"], workspace)
    assert after != before
    assert after == run([command, "-f", "concise", "--no-cache"], workspace)


def test_a_symlinked_cache_folder_is_not_written_through(workspace: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (workspace / resultcache.CACHE_DIR).symlink_to(elsewhere)
    full = run(["validate", "-f", "concise", "--no-cache"], workspace)
    for _ in range(2):
        code, out, err = cli(["validate", "-f", "concise"], workspace)
        assert (code, out) == full
        assert list(elsewhere.iterdir()) == []
        assert err.count("journeykit:") == 1 and "symbolic link" in err


def test_a_key_others_can_read_turns_the_cache_off(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    full = run(["validate", "-f", "concise"], workspace)
    [key] = (tmp_path / "home" / "journeykit").iterdir()
    key.chmod(0o644)
    loads = full_runs(monkeypatch)
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(app, ["validate", "-f", "concise"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == full
    assert len(loads) == 1
    assert result.stderr.count("journeykit:") == 1 and "chmod 600" in result.stderr


def test_a_fifo_in_the_workspace_neither_blocks_nor_is_cached(workspace: Path) -> None:
    os.mkfifo(workspace / "journeys" / "pipe.journey.yaml")
    full = cli(["validate", "-f", "concise", "--no-cache"], workspace)
    assert "journeys/pipe.journey.yaml:1:1: JK015" in full[1]
    assert cli(["validate", "-f", "concise"], workspace) == full
    assert entries(workspace) == []
    assert cli(["validate", "-f", "concise"], workspace) == full


def test_the_code_fingerprint_covers_every_module_of_journeykit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An edited rule (not only an edited cache module) must miss: the fingerprint once
    walked journeykit/cache/ alone, and a changed rule answered from the cache."""
    import journeykit.checks.rules.dead_end as rule

    before = resultcache.code_fingerprint()
    real_stat = os.stat
    target = os.path.realpath(rule.__file__)

    def touched(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)
        if os.path.realpath(path) != target:
            return info
        fields = list(info)
        fields[8] += 1  # st_mtime, as an edit moves it
        result = os.stat_result(fields, {"st_mtime_ns": info.st_mtime_ns + 10**9})
        return result

    monkeypatch.setattr(os, "stat", touched)
    assert resultcache.code_fingerprint() != before
