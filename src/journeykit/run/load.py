"""Loading a workspace's files, serially or on a pool: a strategy the run picks.

The library loads in this process unless asked for more (`jobs`): forking is the
caller's choice, never made behind its back, and never made from a process running other
threads (`workers.can_fork`); those load serially with the same result.

The models are imported only once a pool parses on the other cores: importing pydantic
and the models takes ~100 ms of one core, which the workers use meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.collector import paused_gc
from journeykit.loader.limits import Limits
from journeykit.run.options import Progress, Request
from journeykit.run.targets import Target
from journeykit.run.workers import worker_count

if TYPE_CHECKING:
    from journeykit.findings import Finding
    from journeykit.loader.source import SourceFile
    from journeykit.workspace.config import Config
    from journeykit.workspace.project import Project


def load_sources(
    requests: Sequence[Request],
    limits: Limits,
    jobs: int | None = 1,
    progress: Progress | None = None,
    *,
    located: bool = False,
) -> list[SourceFile]:
    """Every file, in order, on `jobs` processes (None: one per core for many files).

    The result does not depend on the strategy. `located`: each file notes where its
    nodes are, for findings located in many files (lint: see `loader.positions`).
    """
    if worker_count(len(requests), jobs) > 1:  # else the pool's module is not imported
        from journeykit.run.pool import start_pool

        pool = start_pool(requests, limits, jobs, located=located)
        if pool is not None:
            return pool.collect(progress)
    from journeykit.loader.source import load_file

    sources = []
    with paused_gc():
        for path, rel, kind in requests:
            sources.append(load_file(path, rel, kind, limits, located=located))
            if progress is not None:
                progress(len(sources), len(requests))
    return sources


def check_sources(
    root: Path, config: Config, sources: list[SourceFile]
) -> tuple[Project, list[Finding]]:
    """The project the files make, and what loading them and every reference says."""
    from journeykit.checks.references import check_references
    from journeykit.workspace.project import build_project

    # The collector would walk every loaded object again and again while there are no
    # cycles to find: with it on, a 1,000-file workspace checks markedly slower.
    with paused_gc():
        project = build_project(root, config, sources)
        findings = [f for s in sources for f in s.findings]
        findings.extend(check_references(project))
    return project, findings


def load_workspace(
    target: Target,
    jobs: int | None = 1,
    progress: Progress | None = None,
    *,
    located: bool = False,
) -> tuple[Project, list[Finding]]:
    """Load every file of the workspace (references need them all) and check references."""
    workspace = target.workspace
    requests, limits = target.requests(), workspace.config.limits.limits()
    pool, target.pool = target.pool, None
    if pool is not None and pool.loads(requests, limits, located):
        sources = pool.collect(progress)
    else:
        if pool is not None:  # started on settings the checked configuration changed
            pool.close()
        sources = load_sources(requests, limits, jobs, progress, located=located)
    project, findings = check_sources(workspace.root, workspace.config, sources)
    read = {s.rel for s in sources}
    findings.extend(f for f in target.found.findings() if f.location.file not in read)
    findings.extend(target.notes)
    return project, findings
