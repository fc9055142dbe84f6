"""`[journeys] phases` and `plays`: a workspace's own lifecycle, and the part each plays."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeykit.model.phases import BUILTIN_PHASES, DEFAULT_PHASES, Part
from journeykit.workspace.config import Config, ConfigError, parse_config

BASE = Path(__file__).resolve().parent / "cases" / "loader" / "_base"
SAAS = """\
[journeys]
phases = ["awareness", "trial", "subscribe", "onboarding", "usage", "renewal"]

[journeys.plays]
subscribe = "purchase"
onboarding = "post-purchase"
usage = "post-purchase"
renewal = "loyalty"
"""


def _config(text: str) -> Config:
    return parse_config(text.encode("utf-8"), Path("journeykit.toml")).config


def test_without_the_table_the_five_builtin_phases_each_play_themselves() -> None:
    phases = Config().journeys.phase_set
    assert phases == DEFAULT_PHASES
    assert phases.names == BUILTIN_PHASES
    assert [phases.part(p) for p in BUILTIN_PHASES] == list(Part)
    assert phases.shown(Part.post_purchase, Part.loyalty) == "post-purchase or loyalty"


def test_the_workspace_phases_play_the_parts_it_gives_them() -> None:
    phases = _config(SAAS).journeys.phase_set
    assert phases.names == ("awareness", "trial", "subscribe", "onboarding", "usage", "renewal")
    assert phases.part("awareness") is Part.awareness  # a built-in name plays itself
    assert phases.part("trial") is None  # plays no part: rules needing one skip it
    assert phases.part("subscribe") is Part.purchase
    assert phases.playing(Part.post_purchase) == ("onboarding", "usage")
    assert phases.shown(Part.post_purchase, Part.loyalty) == "onboarding, usage or renewal"
    assert phases.part("purchase") is None  # not a phase of this workspace
    assert phases.part(None) is None


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[journeys]\nphases = ["trial", "trial"]\n',
            2,
            "journeys.phases: phase 'trial' is listed twice",
        ),
        ("[journeys]\nphases = []\n", 2, "journeys.phases: List should have at least 1 item"),
        (
            '[journeys]\nphases = ["On Boarding"]\n',
            2,
            "journeys.phases: phase 'On Boarding': lower-case letters, digits, - and _",
        ),
        (
            '[journeys]\nphases = ["trial", "usage"]\n\n[journeys.plays]\nusgae = "loyalty"\n',
            4,
            "journeys.plays: 'usgae' is not one of `phases` (did you mean 'usage'?);"
            " the phases: trial, usage",
        ),
        (
            '[journeys]\nphases = ["usage"]\nplays = {usage = "retention"}\n',
            3,
            "journeys.plays.usage: Input should be 'awareness', 'consideration', 'purchase',"
            " 'post-purchase' or 'loyalty'",
        ),
        (
            "[journeys]\nphase = []\n",
            2,
            "unknown key 'journeys.phase' (did you mean 'phases'?)",
        ),
    ],
)
def test_a_bad_table_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(text)
    assert caught.value.line == line
    assert message in str(caught.value)


def _lint(tmp_path: Path, config: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "journeykit.toml").write_text(config, "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "journeykit", "lint", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_an_option_naming_phases_takes_the_workspace_phases(tmp_path: Path) -> None:
    good = _lint(tmp_path, SAAS + '\n[lint.rules.JK407]\ndecision-phases = ["subscribe"]\n')
    assert "configuration" not in good.stderr
    bad = _lint(tmp_path, SAAS + '\n[lint.rules.JK308]\nignore-phases = ["purchase"]\n')
    assert bad.returncode == 2
    assert "journeykit.toml:11" in bad.stderr
    assert (
        "JK308 option 'ignore-phases': unknown value 'purchase'; one of: awareness, trial,"
        " subscribe, onboarding, usage, renewal"
    ) in bad.stderr


def test_the_map_and_the_report_show_the_workspace_phase(tmp_path: Path) -> None:
    (tmp_path / "journeykit.toml").write_text(SAAS, "utf-8")
    shutil.copy(BASE / "personas.yaml", tmp_path)
    shutil.copy(BASE / "channels.yaml", tmp_path)
    (tmp_path / "plan.journey.yaml").write_text(
        "version: 1\nid: plan\ntitle: Plan\npersonas: [busy-parent]\nstages:\n"
        "  - {id: first-week, name: First week, phase: onboarding}\n"
        "touchpoints:\n"
        "  - {id: tip, name: Tip, stage: first-week, channel: web, kind: action, end: true}\n",
        "utf-8",
    )
    dot = subprocess.run(
        [sys.executable, "-m", "journeykit", "render", str(tmp_path), "-f", "dot"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "01 · ONBOARDING" in dot
    subprocess.run(
        [sys.executable, "-m", "journeykit", "report", str(tmp_path), "-o", str(tmp_path / "s")],
        capture_output=True,
        check=True,
        timeout=120,
    )
    page = (tmp_path / "s" / "journey-plan.html").read_text("utf-8")
    assert "01 · onboarding" in page
