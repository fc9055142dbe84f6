"""`--jobs`: loading on several processes gives exactly what loading in one process does."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.loader.source import Limits, SourceFile, load_bytes
from journeykit.run import pool as parallel
from journeykit.run.engine import lint_paths, validate_paths
from journeykit.run.load import load_sources as load_files
from journeykit.run.result import RunResult as ValidationResult
from journeykit.run.targets import close_pools, resolve_targets
from journeykit.run.workers import FILES_PER_JOB, available_cpus, default_jobs
from journeykit.workspace.config import ConfigError
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


STRATEGIES = [
    pytest.param(validate_paths, 2, id="validate-2"),
    pytest.param(validate_paths, 3, id="validate-3"),
    pytest.param(validate_paths, None, id="validate-auto"),
    pytest.param(lint_paths, 2, id="lint-2"),
    pytest.param(lint_paths, None, id="lint-auto"),
]


@pytest.mark.parametrize(("command", "jobs"), STRATEGIES)
def test_the_result_does_not_depend_on_the_strategy(
    workspace: Path, command: Callable[..., ValidationResult], jobs: int | None
) -> None:
    """Loading and the rules on a pool or forked copies give what one process gives."""
    serial = command([workspace], base=workspace, jobs=1)
    assert serial.findings  # the workspace has mistakes, and they are all still found
    assert summary(command([workspace], base=workspace, jobs=jobs)) == summary(serial)


def test_a_run_from_a_thread_forks_nothing(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor or a notebook calls the library from a thread: no fork behind its back."""
    import threading

    expected = summary(lint_paths([workspace], base=workspace, jobs=1))

    def no_fork() -> int:
        raise AssertionError("forked from a process running threads")

    monkeypatch.setattr(os, "fork", no_fork)
    found: list[dict[str, Any]] = []
    thread = threading.Thread(
        target=lambda: found.append(summary(lint_paths([workspace], base=workspace, jobs=None)))
    )
    thread.start()
    thread.join()
    assert found == [expected]


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
    from journeykit.loader.reading import read_parsed as real

    parent = os.getpid()

    def read_parsed(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:
            if how == "dies":
                os._exit(9)
            raise MemoryError("out of memory")
        return real(*args, **kwargs)

    monkeypatch.setattr("journeykit.run.pool.read_parsed", read_parsed)
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
    (pid,) = pool.pids
    deadline = time.monotonic() + 120
    while os.waitpid(pid, os.WNOHANG)[0] == 0:  # it ends once every chunk is taken
        assert time.monotonic() < deadline, "the worker is waiting for this process"
        time.sleep(0.02)
    sources = pool.collect()  # the worker took every chunk: nothing is left to parse here
    assert [s.rel for s in sources] == [f.rel for f in files]
    assert all(s.model is not None and not s.findings for s in sources)


def test_the_console_script_says_the_same_whatever_the_jobs(workspace: Path) -> None:
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


def test_the_first_workspace_starts_loading_before_its_configuration_is_checked(
    workspace: Path,
) -> None:
    """Workers parse while pydantic and the models are imported; the run takes them only
    because the checked configuration selects the very files they load."""
    targets = resolve_targets([workspace], jobs=2)
    try:
        (target,) = targets
        assert target.pool is not None and len(target.pool.pids) == 1
        assert target.pool.requests == target.requests()
    finally:
        close_pools(targets)
    assert no_children_left()
    serial = validate_paths([workspace], base=workspace, jobs=1)
    assert summary(validate_paths([workspace], base=workspace, jobs=2)) == summary(serial)


def test_no_early_pool_for_one_job(workspace: Path) -> None:
    targets = resolve_targets([workspace], jobs=1)
    assert [t.pool for t in targets] == [None]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[limits]\nmax-depth = 5000\n", "limits.max-depth"),
        ("includes = ['**']\n", "unknown key 'includes'"),
        ("[lint]\nselect = ['JK99']\n", "lint.select"),
    ],
)
def test_a_configuration_the_check_rejects_ends_the_early_pool(
    workspace: Path, tmp_path: Path, config: str, message: str
) -> None:
    copy = Path(shutil.copytree(workspace, tmp_path / "ws"))
    (copy / "journeykit.toml").write_text(config, "utf-8")
    with pytest.raises(ConfigError, match=message):
        validate_paths([copy], jobs=2)
    assert no_children_left()


def test_files_named_beyond_the_early_listing_load_without_the_early_pool(
    workspace: Path, tmp_path: Path
) -> None:
    """The early workers load what the configuration selects; a file named on the command
    line that it excludes changes what must load, so the workers are ended unused."""
    copy = Path(shutil.copytree(workspace, tmp_path / "ws"))
    (copy / "journeykit.toml").write_text("exclude = ['journeys/journey-0000*']\n", "utf-8")
    excluded = sorted((copy / "journeys").glob("journey-0000*.journey.yaml"))[0]
    expected = validate_paths([copy, excluded], base=copy, jobs=1)
    assert expected.files_checked == 300 - 10 + 2 + 1
    assert summary(validate_paths([copy, excluded], base=copy, jobs=2)) == summary(expected)
    assert no_children_left()
