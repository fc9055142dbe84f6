"""Start-up: quick commands must not import what only other commands need.

Each case runs the CLI in a fresh interpreter and lists the modules it imported. Times
are for the benchmark (`benchmarks/run.py`); this guards the imports that cost them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BARE_ENV = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONPATH": str(REPO / "src")}
"""A bare environment running this checkout's sources (whichever journeykit is installed)."""

PROBE = """
import sys
import time
sys.argv = ["journeykit", *sys.argv[1:]]
from journeykit.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""

RENDERING = ["jinja2", "graphviz", "journeykit.render", "journeykit.report", "journeykit.mermaid"]
PARSING = [
    "pydantic",
    "yaml",
    "journeykit.model",
    "journeykit.loader.source",
    "journeykit.run.engine",
]

POOL = ["journeykit.run.pool", "journeykit.run.forked", "pickle"]
"""What loading on forked workers needs: not a workspace too small for them."""

CASES: list[tuple[str, list[str], list[str]]] = [
    # (name, arguments, module prefixes that must not be imported)
    ("version", ["--version"], [*RENDERING, *PARSING, "rich", "multiprocessing"]),
    ("help", ["--help"], [*RENDERING, *PARSING, "multiprocessing"]),
    ("validate-help", ["validate", "--help"], [*RENDERING, "yaml", "journeykit.model"]),
    (
        "validate",
        ["validate", "{workspace}"],
        [*RENDERING, "journeykit.diff.engine", "rich.progress", "multiprocessing.pool", *POOL],
    ),
    (
        "validate-no-cache",
        ["validate", "{workspace}", "--no-cache"],
        [*RENDERING, "journeykit.cache.results", *POOL],
    ),
    (
        "validate-json",
        ["validate", "{workspace}", "-f", "json"],
        [*RENDERING, "rich", "multiprocessing.pool"],
    ),
]


def imported(args: list[str], cwd: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=BARE_ENV,
    )
    assert "Traceback" not in done.stderr, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("startup")
    (root / "channels.yaml").write_text(
        "version: 1\nchannels:\n  - id: sms\n    name: SMS\n    kind: messaging\n"
        "    presence: mobile\n    outbound: true\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(("name", "args", "forbidden"), CASES, ids=[c[0] for c in CASES])
def test_a_quick_command_imports_only_what_it_needs(
    name: str, args: list[str], forbidden: list[str], workspace: Path
) -> None:
    modules = imported([a.format(workspace=workspace) for a in args], workspace)
    assert "journeykit.cli" in modules
    unwanted = sorted(
        m for m in modules for prefix in forbidden if m == prefix or m.startswith(prefix + ".")
    )
    assert unwanted == [], f"`journeykit {' '.join(args)}` imported {unwanted}"


def test_the_console_script_answers_version_without_loading_the_cli() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['journeykit', '--version']\n"
        "from journeykit.__main__ import main\n"
        "main()\n"
        "sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    modules = set(done.stderr.split()[1:])
    assert {"typer", "journeykit.cli", "pydantic"}.isdisjoint(modules)
    from typer.testing import CliRunner

    from journeykit.cli import app

    assert done.stdout == CliRunner().invoke(app, ["--version"]).stdout
    # and both say the version the package is built with, read here from pyproject.toml
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert done.stdout == f"journeykit {version}\n"


def test_the_console_script_flushes_everything_before_its_quick_exit(workspace: Path) -> None:
    """`__main__` leaves with os._exit: the output must be whole and the exit code kept."""
    (workspace / "broken.journey.yaml").write_text("id: [\n", encoding="utf-8")
    try:
        script = [sys.executable, "-m", "journeykit", "validate", str(workspace)]
        done = subprocess.run([*script, "-f", "json"], capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stdout.rstrip().endswith("}"), done.stdout[-200:]
        piped = subprocess.run(
            f"{' '.join(script)} -f concise | head -c 10",
            shell=True,
            capture_output=True,
            text=True,
        )
        assert len(piped.stdout) == 10
        assert piped.stderr == ""
    finally:
        (workspace / "broken.journey.yaml").unlink()


def test_a_cached_answer_from_the_console_script_imports_no_parser(tmp_path: Path) -> None:
    """The console script may start loading before the cache is asked: not for this."""
    (tmp_path / "channels.yaml").write_text(
        "version: 1\nchannels:\n  - id: sms\n    name: SMS\n    kind: messaging\n"
        "    presence: mobile\n    outbound: true\n",
        encoding="utf-8",
    )
    past = time.time() - 60  # older than the cache's two-second "racily clean" window
    os.utime(tmp_path / "channels.yaml", (past, past))
    env = {**BARE_ENV, "HOME": str(tmp_path)}
    script = [sys.executable, "-X", "importtime", "-m", "journeykit", "validate", "."]
    runs = [
        subprocess.run(script, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout != ""
    modules = [{line.split("|")[-1].strip() for line in r.stderr.splitlines()} for r in runs]
    assert {"yaml", "pydantic"} <= modules[0]
    assert {"yaml", "pydantic", "journeykit.run.pool"}.isdisjoint(modules[1])


COMMANDS = ["validate", "lint", "gaps", "rules", "rule", "init", "schema", "render", "report"]


def test_a_command_line_builds_only_the_command_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer reads a command's whole signature to build it: the others are left unbuilt."""
    import typer.main
    from typer.testing import CliRunner

    from journeykit.cli import app

    built: list[str | None] = []
    real = typer.main.get_command_from_info

    def counted(command_info: typer.models.CommandInfo, **options: Any) -> Any:
        built.append(command_info.name)
        return real(command_info, **options)

    monkeypatch.setattr(typer.main, "get_command_from_info", counted)
    assert CliRunner().invoke(app, ["rules", "--format", "markdown"]).exit_code == 0
    assert [name for name in built if name in [*COMMANDS, "diff"]] == ["rules"]


def test_help_lists_every_command_in_order_and_a_typo_gets_a_suggestion() -> None:
    from typer.testing import CliRunner

    from journeykit.cli import app

    shown = CliRunner().invoke(app, ["--help"], terminal_width=100).stdout
    listed = [line.split()[0] for line in shown.split("Commands:\n")[1].splitlines()]
    assert listed == [*COMMANDS, "diff", "measure", "import"]
    assert "validate  Check journey and catalog files against the format" in shown
    typo = CliRunner().invoke(app, ["valdate"])
    assert typo.exit_code == 2
    assert "No such command 'valdate'. Did you mean 'validate'?" in typo.output
