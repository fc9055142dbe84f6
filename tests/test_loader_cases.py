"""Loader and validation cases as data: tests/cases/loader/{valid,invalid}/<case>/.

Each case folder holds the files of a workspace (what it lacks comes from `_base/`) and
an `expected.yaml` naming every finding as `CODE file:line:column`, or as a mapping
with that under `at` and the exact `message` and `hint` (null for none) the finding must
have. A valid case may expect warnings (a file that loads, with something to say about
it), never an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeykit.findings import Severity
from journeykit.run.engine import validate_paths

CASES = Path(__file__).parent / "cases" / "loader"
BASE = CASES / "_base"
ALL = sorted(p for kind in ("valid", "invalid") for p in (CASES / kind).iterdir() if p.is_dir())


def build_workspace(case: Path, into: Path) -> Path:
    for item in BASE.iterdir():
        if item.suffix in (".yaml", ".toml"):
            shutil.copy(item, into / item.name)
    for item in case.rglob("*"):
        if item.is_file() and item.name != "expected.yaml":
            target = into / item.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(item, target)
    return into


def actual_findings(workspace: Path, most: Severity = Severity.ERROR) -> list[str]:
    """The findings as `CODE file:line:column`; one more severe than `most` fails."""
    return sorted(at for at, _ in worded_findings(workspace, most))


def worded_findings(
    workspace: Path, most: Severity = Severity.ERROR
) -> list[tuple[str, dict[str, Any]]]:
    """Each finding's `CODE file:line:column` with its message and hint."""
    result = validate_paths([workspace], base=workspace)
    assert all(f.severity <= most for f in result.findings), result.findings
    return [
        (
            f"{f.code} {f.location.file}:{f.location.line}:{f.location.column}",
            {"message": f.message, "hint": f.hint},
        )
        for f in result.findings
    ]


@pytest.mark.parametrize("case", ALL, ids=[f"{p.parent.name}/{p.name}" for p in ALL])
def test_case(case: Path, tmp_path: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text("utf-8"))["findings"]
    workspace = build_workspace(case, tmp_path)
    valid = case.parent.name == "valid"
    most = Severity.WARNING if valid else Severity.ERROR
    where = [e["at"] if isinstance(e, dict) else e for e in expected]
    assert actual_findings(workspace, most) == sorted(where)
    worded = worded_findings(workspace, most)
    for entry in (e for e in expected if isinstance(e, dict)):
        words = {"message": entry["message"], "hint": entry["hint"]}
        assert (entry["at"], words) in worded, [w for at, w in worded if at == entry["at"]]
    if case.parent.name == "invalid":
        assert expected, "an invalid case must expect at least one finding"


def test_every_finding_has_a_message_and_yaml_path_where_it_points_into_a_node(
    tmp_path: Path,
) -> None:
    workspace = build_workspace(CASES / "invalid" / "unknown-references", tmp_path)
    result = validate_paths([workspace], base=workspace)
    paths = {f.code: f.location.yaml_path for f in result.findings}
    assert paths["JK203"] == "touchpoints[1].channel"
    assert paths["JK204"] == "touchpoints[1].stage"
    assert paths["JK206"] == "touchpoints[0].next[1].journey"
    hints = {f.code: f.hint for f in result.findings}
    assert hints["JK203"] == "did you mean 'sms'?"
    assert hints["JK202"] == "did you mean 'busy-parent'?"
    assert hints["JK205"] == "did you mean 'cart'?"
