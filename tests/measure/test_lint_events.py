"""`journeykit lint --events`: the checks on reality through the real command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from measure.clirun import jk

CATALOG = Path(__file__).resolve().parents[1] / "cases" / "rules" / "catalog"
JOURNEY = """\
version: 1
id: order
title: Web order
personas: [busy-parent]
stages: [{id: buy, name: Purchase}]
touchpoints:
  - {id: cart, name: Cart, stage: buy, channel: web, kind: action, entry: true, next: [pay]}{mark}
  - {id: pay, name: Checkout, stage: buy, channel: web, kind: action, end: true}
  - {id: call, name: Calls the shop, stage: buy, channel: phone, kind: action, end: true}
"""
EVENTS = """\
customer_id,event,timestamp
c1,cart,2024-05-01T09:00:00Z
c1,pay,2024-05-01T09:10:00Z
c2,cart,2024-05-01T10:00:00Z
c2,call,2024-05-01T10:10:00Z
"""
LINE = (
    "order.journey.yaml:7:10: JK307 [warning] 50% of the moves out of 'cart' go to 'call', "
    "which the design has no step to (1 of 2, 1 journey instances) (draw the step "
    "(`next: [call]`) or design the detour out; CX: find out why customers take the "
    "detour: the designed path may not answer what they need at that point)"
)


def workspace(root: Path, mark: str = "") -> Path:
    root.mkdir()
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(CATALOG / name, root / name)
    (root / "order.journey.yaml").write_text(JOURNEY.replace("{mark}", mark))
    (root / "events.csv").write_text(EVENTS)
    (root / "journeykit.toml").write_text("[lint.rules.JK307]\nmin-moves = 2\n")
    return root


def lint(ws: Path, *args: str) -> tuple[int, str, str]:
    done = jk("lint", ".", "-f", "concise", "--select", "JK307,JK9", *args, cwd=ws)
    return done.returncode, done.stdout, done.stderr


def test_the_jump_is_found_only_with_events(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    code, out, _ = lint(ws, "--events", "events.csv", "--fail-level", "warning")
    assert (code, [line for line in out.splitlines() if "JK307" in line]) == (1, [LINE])
    code, out, _ = lint(ws)
    assert (code, "JK307" in out) == (0, False)


def test_a_suppression_of_an_observed_rule_is_not_unused_without_events(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", "  # journeykit: disable=JK307")
    code, out, _ = lint(ws, "--events", "events.csv", "--fail-level", "warning")
    assert (code, "JK307" in out, "JK901" in out) == (0, False, False)
    code, out, _ = lint(ws, "--fail-level", "info")
    assert (code, "JK901" in out) == (0, False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--events", "nothing.csv"], "nothing.csv: no such file"),
        (["--events", "events.csv", "../other"], "--events: lint one workspace at a time"),
    ],
)
def test_bad_events(tmp_path: Path, args: list[str], message: str) -> None:
    ws = workspace(tmp_path / "ws")
    workspace(tmp_path / "other")
    code, _, err = lint(ws, *args)
    assert code == 2 and message in err and "Traceback" not in err, err
