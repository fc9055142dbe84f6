"""`--jobs`: loading on several processes gives exactly what loading in one process does.

So does preloading: files parsed by workers started before pydantic is imported.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.loader.source import Limits, SourceFile, load_bytes
from journeykit.run import pool as parallel
from journeykit.run import preload, validate
from journeykit.run.pool import load_files
from journeykit.run.validate import ValidationResult, resolve_targets, validate_paths
from journeykit.run.workers import FILES_PER_JOB, available_cpus, default_jobs
from journeykit.workspace.config import ConfigError, read_config
from support import generator, no_children_left


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 journeys, about a third with a mistake: syntax, schema and reference errors."""
    root = tmp_path_factory.mktemp("jobs")
    generator().write_workspace(root, journeys=300, touchpoints=4, seed=7, error_rate=0.35)
    return root


def summary(result: ValidationResult) -> dict[str, Any]:
    """Everything validation produced, in a form that compares by value."""
    sources = {}
    for ws in result.workspaces:
        for s in ws.project.sources:
            dumped = s.model.model_dump() if s.model is not None else None
            sources[s.rel] = (s.kind, s.text, dumped, s.findings)
    return {
        "findings": result.findings,
        "sources": sources,
        "ids": [sorted(ws.project.journeys) for ws in result.workspaces],
    }


def test_a_generated_workspace_is_valid(tmp_path: Path) -> None:
    generator().write_workspace(tmp_path, journeys=25, touchpoints=12, seed=3)
    result = validate_paths([tmp_path])
    assert result.files_checked == 27
    assert result.findings == []


def test_the_workspace_has_mistakes_of_every_kind(workspace: Path) -> None:
    codes = {f.code for f in validate_paths([workspace]).findings}
    # syntax (JK001), duplicate key (JK005), bad value (JK103), unknown ids (JK203, JK204)
    assert {"JK001", "JK005", "JK103", "JK203", "JK204"} <= codes


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_results_equal_serial(workspace: Path, jobs: int) -> None:
    serial = validate_paths([workspace], base=workspace, jobs=1)
    parallel = validate_paths([workspace], base=workspace, jobs=jobs)
    assert summary(parallel) == summary(serial)


def test_auto_jobs_equal_serial(workspace: Path) -> None:
    serial = validate_paths([workspace], jobs=1)
    assert summary(validate_paths([workspace], jobs=None)) == summary(serial)


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_file_in_order(workspace: Path, jobs: int) -> None:
    target = resolve_targets([workspace])[0]
    requests = [(f.path, f.rel, f.kind) for f in target.workspace.files()]
    calls: list[tuple[int, int]] = []
    sources = load_files(requests, Limits(), jobs, lambda done, total: calls.append((done, total)))
    assert [s.rel for s in sources] == [rel for _, rel, _ in requests]
    assert calls[-1] == (len(requests), len(requests))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize(
    ("files", "expected"),
    [(0, 1), (1, 1), (FILES_PER_JOB - 1, 1), (FILES_PER_JOB * 2, min(2, available_cpus()))],
)
def test_default_jobs(files: int, expected: int) -> None:
    assert default_jobs(files) == expected


def test_more_jobs_than_files_is_fine(tmp_path: Path) -> None:
    generator().write_workspace(tmp_path, journeys=2, touchpoints=3, seed=1)
    assert validate_paths([tmp_path], jobs=8).findings == []


def test_a_source_file_travels_without_its_tree_and_composes_it_again() -> None:
    text = b"version: 1\npersonas:\n  - id: a\n    name: A\n    buyer: nobody\n"
    source = load_bytes(text, "personas.yaml")
    assert source.findings and source.tree is not None
    copy: SourceFile = pickle.loads(pickle.dumps(source))
    assert copy.tree is None
    assert copy.findings == source.findings
    where = ("personas", 0, "buyer")
    assert copy.locate(*where) == source.locate(*where)
    assert copy.tree is not None


def test_a_clean_file_loads_without_a_tree_until_asked() -> None:
    text = (
        b"version: 1\nchannels:\n  - {id: sms, name: SMS, kind: messaging,\n"
        b"     presence: mobile, outbound: true}\n"
    )
    source = load_bytes(text, "channels.yaml")
    assert source.findings == [] and source.tree is None
    assert source.locate("channels", 0, "presence").line == 4


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_the_cli_output_does_not_depend_on_jobs(workspace: Path, command: str) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(app, [command, str(workspace), "-f", "json", "--jobs", jobs])
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]
    codes = {f["code"] for f in outputs[0]["findings"]}
    assert "JK001" in codes  # loading's findings
    if command == "lint":
        assert any(c >= "JK300" for c in codes)  # and the rules'


def test_jobs_must_be_positive(workspace: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(workspace), "--jobs", "0"])
    assert result.exit_code == 2


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failing_worker_is_an_error_not_a_hang(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    import os

    from journeykit.run import pool as parallel

    parent = os.getpid()
    real = parallel.read_parsed

    def read_parsed(*args: Any) -> Any:
        if os.getpid() != parent:
            if how == "dies":
                os._exit(9)
            raise MemoryError("out of memory")
        return real(*args)

    monkeypatch.setattr(parallel, "read_parsed", read_parsed)
    target = resolve_targets([workspace])[0]
    requests = [(f.path, f.rel, f.kind) for f in target.workspace.files()]
    message = "worker process failed while loading files: MemoryError: out of memory"
    with pytest.raises(RuntimeError, match=message if how == "raises" else "worker process"):
        load_files(requests, Limits(), 2)


def test_workers_finish_while_nobody_reads_what_they_send(tmp_path: Path) -> None:
    """A worker never waits for this process: a pool made before pydantic is imported
    parses the whole workspace meanwhile, even when it sends far more than a pipe holds."""
    generator().write_workspace(tmp_path, journeys=60, touchpoints=120, seed=5)
    files = resolve_targets([tmp_path])[0].workspace.files()
    assert sum(f.path.stat().st_size for f in files) > 4 << 20
    requests = [(f.path, f.rel, f.kind) for f in files]
    pool = parallel.Pool(requests, Limits(), 2)
    (worker,) = pool._helpers
    deadline = time.monotonic() + 120
    while os.waitpid(worker.pid, os.WNOHANG)[0] == 0:  # it ends once every chunk is taken
        assert time.monotonic() < deadline, "the worker is waiting for this process"
        time.sleep(0.02)
    sources = pool.collect()  # the worker took every chunk: nothing is left to parse here
    assert [s.rel for s in sources] == [f.rel for f in files]
    assert all(s.model is not None and not s.findings for s in sources)


# Preloading


def test_a_preloaded_run_equals_a_serial_one(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = validate_paths([workspace], base=workspace, jobs=1)
    started = preload.start([workspace], 2)
    assert started is not None

    def not_again(*args: Any) -> Any:
        raise AssertionError("the preloaded pool was not used")

    monkeypatch.setattr(validate, "load_files", not_again)
    monkeypatch.setattr(validate.Workspace, "files", not_again)
    preloaded = validate_paths([workspace], base=workspace, jobs=2, preload=started)
    assert summary(preloaded) == summary(serial)
    assert preloaded.findings  # the workspace has mistakes, and they are all still found
    assert no_children_left()


def test_a_pool_for_other_files_is_ended_unused(workspace: Path) -> None:
    started = preload.start([workspace], 2)
    assert started is not None
    target = resolve_targets([workspace])[0]
    files = target.workspace.files()
    requests = [(f.path, f.rel, f.kind) for f in files]
    limits = target.workspace.config.limits.limits()
    assert started.take(target.workspace.root, requests[1:], limits) is None
    assert no_children_left()
    # and the run that follows loads the files itself, with the same result
    assert summary(validate_paths([workspace], jobs=1)) == summary(
        validate_paths([workspace], jobs=2, preload=started)
    )


def test_a_pool_with_other_limits_is_ended_unused(workspace: Path) -> None:
    started = preload.start([workspace], 2)
    assert started is not None
    target = resolve_targets([workspace])[0]
    requests = [(f.path, f.rel, f.kind) for f in target.workspace.files()]
    other = parallel.Limits(max_depth=7)
    assert started.take(target.workspace.root, requests, other) is None
    assert no_children_left()


def test_a_bad_configuration_is_reported_and_the_pool_ended(
    workspace: Path, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(workspace, root)
    # Plain enough to preload from; the real reading rejects the unknown lint key.
    (root / "journeykit.toml").write_text('include = ["**"]\n\n[lint]\nbogus = 1\n')
    result = CliRunner().invoke(app, ["validate", str(root), "--jobs", "2"])
    assert result.exit_code == 2
    assert "journeykit.toml:4:" in result.output and "bogus" in result.output
    assert no_children_left()


@pytest.mark.parametrize(
    "config",
    [
        "",
        'include = ["journeys/**"]\n',
        'include = ["**"]\nexclude = ["journeys/j0001*"]\n',
        "[limits]\nmax-depth = 40\nmax-file-size = 100000\n",
        "[limits]\nmax_alias_nodes = 5\n",
        '[tool.journeykit]\nexclude = ["personas.yaml"]\n',
    ],
)
def test_plain_settings_agree_with_the_configuration(tmp_path: Path, config: str) -> None:
    name = "pyproject.toml" if config.startswith("[tool.") else "journeykit.toml"
    path = tmp_path / name
    path.write_text(config)
    plain = preload._plain_settings(path)
    loaded = read_config(path).config
    assert plain == (loaded.include, loaded.exclude, loaded.limits.limits())


@pytest.mark.parametrize(
    "config",
    [
        "include = [",  # not TOML
        'include = "**"\n',  # not a list
        "[limits]\nmax-depth = 0\n",  # out of range
        "[limits]\nmax-depth = true\n",  # not an integer
        "[limits]\nmax-deepness = 4\n",  # unknown
        "limits = 3\n",
    ],
)
def test_anything_but_plain_settings_is_left_to_the_full_run(tmp_path: Path, config: str) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text(config)
    assert preload._plain_settings(path) is None
    if config.startswith("[limits]\nmax-depth = 0"):
        with pytest.raises(ConfigError):
            read_config(path)


def test_no_pool_for_few_files_or_one_job(tmp_path: Path, workspace: Path) -> None:
    generator().write_workspace(tmp_path, journeys=5, touchpoints=3, seed=1)
    assert preload.start([tmp_path], None) is None
    assert preload.start([workspace], 1) is None


def test_no_pool_for_a_file_the_workspace_would_not_read(workspace: Path, tmp_path: Path) -> None:
    stray = workspace / "notes.yaml"
    stray.write_text("touchpoints: []\n")
    try:
        assert preload.start([workspace, stray], 2) is None
    finally:
        stray.unlink()


def test_no_pool_across_two_workspaces(workspace: Path, tmp_path: Path) -> None:
    generator().write_workspace(tmp_path, journeys=5, touchpoints=3, seed=1)
    (tmp_path / "journeykit.toml").write_text("")
    assert preload.start([workspace, tmp_path], 2) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ([Path(".")], None)),
        (["ws"], ([Path("ws")], None)),
        (["a", "b", "--jobs", "3"], ([Path("a"), Path("b")], 3)),
        (["-j2", "ws", "-f", "json", "--statistics"], ([Path("ws")], 2)),
        (["--jobs=4", "--format=sarif", "-o", "out.sarif", "ws"], ([Path("ws")], 4)),
        (["--select", "JK3", "--ignore=JK305", "--exit-zero", "--no-cache"], ([Path(".")], None)),
        (["-fjson", "--fail-level", "warning", "--", "-odd-name"], ([Path("-odd-name")], None)),
        (["--help"], None),
        (["--frobnicate", "ws"], None),
        (["ws", "--jobs"], None),
        (["ws", "--jobs", "0"], None),
        (["ws", "-j", "two"], None),
        (["ws", "--format"], None),
    ],
)
def test_arguments_read_before_typer_is_imported(
    args: list[str], expected: tuple[list[Path], int | None] | None
) -> None:
    assert preload._paths_and_jobs(args, preload._OPTIONS["validate"]) == expected
    assert preload._paths_and_jobs(args, preload._OPTIONS["lint"]) == expected


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        ("report", ["ws", "-o", "site", "--timeout", "30"], [Path("ws")]),
        ("report", ["--output=site", "a.journey.yaml", "b"], [Path("a.journey.yaml"), Path("b")]),
        ("report", ["ws", "--jobs", "2"], None),  # report has no --jobs
        ("report", ["ws", "--view", "flow"], None),
        ("render", ["ws", "--view", "flow", "-fsvg", "-o", "out", "--combine"], [Path("ws")]),
        ("render", ["--persona", "p", "--diff-base=HEAD~1", "--timeout", "9"], [Path(".")]),
        ("render", ["ws", "--select", "JK3"], None),
        ("render", ["ws", "--help"], None),
        ("gaps", ["ws", "-p", "cfo", "--top", "5", "-fjson", "-o", "g.json"], [Path("ws")]),
        ("gaps", ["ws", "--jobs", "2"], None),
    ],
)
def test_render_and_report_arguments_read_before_typer(
    command: str, args: list[str], expected: list[Path] | None
) -> None:
    parsed = preload._paths_and_jobs(args, preload._OPTIONS[command])
    assert parsed == (None if expected is None else (expected, None))


def test_an_early_pool_is_claimed_only_by_the_same_arguments(workspace: Path) -> None:
    preload.start_early("validate", [str(workspace), "--jobs", "2"])
    early = preload._early
    assert early is not None and early[2] is not None
    assert preload.claim([workspace], 2) is early[2]
    early[2].close()

    preload.start_early("validate", [str(workspace), "--jobs", "2"])
    early = preload._early
    assert early is not None and early[2] is not None
    other = preload.claim([workspace], 3)
    assert early[2].pool.closed and other is not None and other is not early[2]
    other.close()

    preload.start_early("validate", [str(workspace), "--jobs", "2"])
    early = preload._early
    assert early is not None and early[2] is not None
    preload.discard_early()
    assert early[2].pool.closed and preload._early is None
    assert no_children_left()


def test_the_console_script_says_the_same_when_it_starts_early(workspace: Path) -> None:
    import subprocess
    import sys

    def run(*jobs: str) -> Any:
        script = [sys.executable, "-m", "journeykit", "validate", str(workspace), "-f", "json"]
        done = subprocess.run([*script, *jobs], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and done.stderr == "", done.stderr
        return json.loads(done.stdout)

    assert run("--jobs", "2") == run("--jobs", "1") == run()


def test_loading_goes_on_in_one_process_when_no_worker_can_start(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    expected = summary(validate_paths([workspace], base=workspace, jobs=1))
    monkeypatch.setattr(os, "fork", no_fork)
    assert summary(validate_paths([workspace], base=workspace, jobs=2)) == expected
    assert preload.claim([workspace], 2) is None  # no early pool either
    result = CliRunner().invoke(app, ["lint", str(workspace), "--jobs", "2", "-f", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["findings"]


def test_diff_does_not_depend_on_jobs(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diff` loads and lints both sides on every core by default, with the same report."""
    new = tmp_path / "new"
    shutil.copytree(workspace, new)
    for path in sorted((new / "journeys").glob("*.yaml"))[::15]:
        path.write_text(path.read_text("utf-8").replace("kind: message", "kind: action"))
    args = ["diff", str(workspace), str(new), "-f", "json"]
    parallel_run = CliRunner().invoke(app, args)
    monkeypatch.setattr("journeykit.run.workers.default_jobs", lambda files: 1)
    serial_run = CliRunner().invoke(app, args)
    assert parallel_run.exit_code == serial_run.exit_code == 0, parallel_run.output
    assert parallel_run.stdout == serial_run.stdout
    report = json.loads(parallel_run.stdout)
    changed = {j["id"] for w in report["workspaces"] for j in w["journeys"]}
    assert len(changed) >= 10 and report["counts"]["info"] > 0
    assert default_jobs(300) == min(2, available_cpus())
