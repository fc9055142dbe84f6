"""`lint --jobs` (`journeykit.run.rules`): the rules run on forked copies, each taking a
share of the journeys, and the findings (and their order) are exactly those of one process."""

from __future__ import annotations

import json
import marshal
import os
import pickle
from pathlib import Path

import pytest

from journeykit.checks import lint
from journeykit.checks.lintsettings import resolve_settings
from journeykit.findings import Finding
from journeykit.run import rules
from journeykit.run.load import load_workspace
from journeykit.run.rules import lint_findings
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project
from support import generator


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """60 journeys with findings of journey rules, project rules and suppressions."""
    root = tmp_path_factory.mktemp("lintjobs")
    files = generator().write_workspace(root, journeys=60, touchpoints=6, seed=9)
    # Two journeys with the same title (JK803, a project rule, located lazily)...
    for path in files[10], files[50]:
        text = path.read_text("utf-8")
        start = text.index("title: ")
        end = text.index("\n", start)
        path.write_text(text[:start] + 'title: "Same title"' + text[end:], "utf-8")
    # ...a suppression that is used, one that matches nothing (JK901), one with an unknown
    # code (JK902), and a per-file ignore.
    for path, comment in (
        (files[0], "# journeykit: disable-file=JK401\n"),
        (files[1], "# journeykit: disable-file=JK402\n"),
        (files[-1], "# journeykit: disable-file=JK999\n"),
    ):
        path.write_text(path.read_text("utf-8") + comment, "utf-8")
    (root / "journeykit.toml").write_text(
        '[lint.per-file-ignores]\n"journeys/journey-0002*" = ["JK601"]\n', "utf-8"
    )
    return load_workspace(resolve_targets([root])[0])[0]


def findings(project: Project, jobs: int) -> list[Finding]:
    return lint_findings(project, resolve_settings(project.config.lint), jobs)


def test_the_findings_do_not_depend_on_jobs(project: Project) -> None:
    one = findings(project, 1)
    codes = {f.code for f in one}
    assert {"JK401", "JK601", "JK803", "JK901", "JK902"} <= codes
    first, twenties = "journeys/journey-00000.journey.yaml", "journeys/journey-0002"
    assert not any(f.code == "JK401" and f.location.file == first for f in one)
    assert not any(f.code == "JK601" and f.location.file.startswith(twenties) for f in one)
    assert findings(project, 2) == one
    assert findings(project, 3) == one


def test_the_shares_run_in_other_processes(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "pids"
    real = lint.journey_findings

    def journey_rules(*args: object) -> object:
        with log.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "journey_findings", journey_rules)
    findings(project, 3)
    pids = log.read_text().split()  # each process takes chunk after chunk
    assert len(pids) == 3 * rules._CHUNKS_PER_PROCESS
    assert len(set(pids)) == 3 and str(os.getpid()) in pids


@pytest.mark.parametrize("after", [0, 2])
def test_a_failing_copy_leaves_its_share_to_this_process(
    project: Project, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    """A copy that dies at once, or after taking chunks from the pipe (their findings are
    never sent): this process runs what it took."""
    expected = findings(project, 1)
    parent = os.getpid()
    real = lint.journey_findings
    done = [0]

    def journey_rules(*args: object) -> object:
        if os.getpid() != parent:
            if done[0] == after:
                os._exit(9)
            done[0] += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "journey_findings", journey_rules)
    assert findings(project, 2) == expected


def test_a_finding_survives_its_codec(project: Project) -> None:
    """One form for every crossing: marshal (forked rule runs), JSON (the result cache),
    pickle (a loaded file sent whole). Equality skips the end of a location: compare
    the plain values too."""
    every = findings(project, 1)
    data = [f.to_data() for f in every]
    for back in (
        [Finding.from_data(d) for d in marshal.loads(marshal.dumps(data))],
        [Finding.from_data(d) for d in json.loads(json.dumps(data))],
        pickle.loads(pickle.dumps(every, pickle.HIGHEST_PROTOCOL)),
    ):
        assert back == every
        assert [f.to_data() for f in back] == data
    assert any(f.hint for f in every) and any(f.location.end_line for f in every)


def test_node_trees_are_let_go_journey_by_journey(project: Project) -> None:
    """A tree composed for a journey's findings is dropped once its rules are done (it is
    ~27 times the file). Trees composed later stay: for the suppression comments, for the
    project rule that names the two journeys with the same title, and for the personas
    catalog, where the weekly frequency cap (JK416, a project rule) reports a persona."""
    one = findings(project, 1)
    assert len({f.location.file for f in one}) > 50  # nearly every file was located in
    held = {s.rel for s in project.sources if s.tree is not None}
    commented = {s.rel for s in project.sources if s.text and "journeykit:" in s.text}
    titled = {f.location.file for f in one if f.code == "JK803"} | {
        "journeys/journey-00010.journey.yaml"
    }
    assert len(commented) == 3 and len(titled) == 2
    assert held == commented | titled | {"personas.yaml"}
