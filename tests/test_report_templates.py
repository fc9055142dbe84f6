"""The report templates' on-disk bytecode cache: the same pages, hit or miss or broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.checks.lint import lint_project
from journeykit.report import render_report, report_context
from journeykit.report.context import ReportContext
from journeykit.report.templates import cache_dir, environment
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

RETAIL = Path(__file__).resolve().parent.parent / "examples" / "retail"
TEMPLATES = ("index.html", "journey.html", "base.html", "_macros.html", "report.css")


@pytest.fixture(scope="module")
def context() -> ReportContext:
    project, findings = load_workspace(resolve_targets([RETAIL])[0])
    journeys = project.journey_list()
    return report_context(project, journeys, [*findings, *lint_project(project)], None, "none")


@pytest.fixture(scope="module")
def uncached(context: ReportContext) -> dict[str, str | bytes]:
    return render_report(context, environment(use_cache=False))


def _compiles(env: object, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the templates the environment compiles (rather than loads from the cache)."""
    seen: list[str] = []
    original = env.compile  # type: ignore[attr-defined]

    def compile(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        seen.append(name or "")
        return original(source, name, *args, **kwargs)

    monkeypatch.setattr(env, "compile", compile)
    return seen


def test_a_warm_cache_compiles_nothing_and_renders_the_same_bytes(
    context: ReportContext,
    uncached: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cold = environment(tmp_path / "cache")
    compiled = _compiles(cold, monkeypatch)
    assert render_report(context, cold) == uncached
    assert sorted(compiled) == sorted(TEMPLATES)
    assert len(list((tmp_path / "cache").glob("report-*.cache"))) == len(TEMPLATES)
    warm = environment(tmp_path / "cache")
    compiled = _compiles(warm, monkeypatch)
    assert render_report(context, warm) == uncached
    assert compiled == []


@pytest.mark.parametrize("keep", [40, -10], ids=["checksum", "code"])
def test_a_damaged_cache_is_a_miss(
    context: ReportContext, uncached: dict[str, str], tmp_path: Path, keep: int
) -> None:
    render_report(context, environment(tmp_path))
    sizes = {}
    for entry in tmp_path.glob("report-*.cache"):
        sizes[entry] = entry.stat().st_size
        entry.write_bytes(entry.read_bytes()[:keep])
    assert render_report(context, environment(tmp_path)) == uncached
    # ... and the damaged entries were written again.
    assert {e: e.stat().st_size for e in sizes} == sizes
    assert render_report(context, environment(tmp_path)) == uncached


def test_an_unusable_cache_folder_is_skipped_silently(
    context: ReportContext, uncached: dict[str, str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert render_report(context, environment(blocker / "cache")) == uncached


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "journeykit"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "journeykit"
