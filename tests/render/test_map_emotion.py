"""The map's emotion lane: one continuous curve along the main path, per persona."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from journeykit.render import map_view
from journeykit.render.map_emotion import LINE, MapPoint, lane, map_points
from journeykit.workspace.project import Project

SMALL = Path(__file__).resolve().parent / "small"

RENEWAL = """\
version: 1
id: renewal
title: Renewal
personas: [ann, bob]
stages:
  - {id: use, name: Use}
  - {id: renew, name: Renewal}
touchpoints:
  - {id: welcome, name: Welcome, stage: use, channel: sms, kind: message,
     personas: [ann], emotion: {score: 1}, next: [quote]}
  - {id: quote, name: Quote, stage: use, channel: web, kind: action,
     personas: [bob], emotion: {score: -1}, next: [offer]}
  - {id: offer, name: Renewal offer, stage: renew, channel: sms, kind: message,
     emotion: {score: 0}, next: [renews, ports-out]}
  - {id: renews, name: Renews, stage: renew, channel: web, kind: action,
     emotion: {score: 2}, end: true}
  - {id: ports-out, name: Ports out, stage: renew, channel: web, kind: action,
     emotion: {score: -2}, next: [survey]}
  - {id: survey, name: Exit survey, stage: renew, channel: sms, kind: message,
     personas: [ann], emotion: {score: -1}, end: true}
"""

Cell = tuple[str, str]
"""(background colour, markup) of one grid position of the plot."""


def _grid(table: str) -> list[list[Cell]]:
    """The plot's rows as a grid, a cell spanning rows or columns repeated in each."""
    rows: list[list[Cell]] = []
    pending: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(re.findall(r"<TR>(.*?)</TR>", table)):
        out: list[Cell] = []
        for attrs, body in re.findall(r"<TD([^>]*)>(.*?)</TD>", row):
            while (r, len(out)) in pending:
                out.append(pending.pop((r, len(out))))
            span = re.search(r'COLSPAN="(\d+)"', attrs)
            down = re.search(r'ROWSPAN="(\d+)"', attrs)
            color = re.search(r'BGCOLOR="([^"]+)"', attrs)
            cell = (color.group(1) if color else "", body)
            for _ in range(int(span.group(1)) if span else 1):
                for below in range(1, int(down.group(1)) if down else 1):
                    pending[(r + below, len(out))] = cell
                out.append(cell)
        while (r, len(out)) in pending:
            out.append(pending.pop((r, len(out))))
        rows.append(out)
    return rows


def _connected(grid: list[list[Cell]]) -> int:
    """How many groups the line's cells and the dots on it make (1: one unbroken line)."""
    plot = grid[1:-1]  # without the numbers above and the keys below
    marked = {
        (r, c)
        for r, row in enumerate(plot)
        for c, (color, body) in enumerate(row)
        if color == LINE or "●" in body
    }
    groups, seen = 0, set()
    for start in marked:
        if start in seen:
            continue
        groups += 1
        stack = [start]
        while stack:
            r, c = stack.pop()
            if (r, c) in seen or (r, c) not in marked:
                continue
            seen.add((r, c))
            stack += [(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)]
    return groups


def _project(tmp_path: Path, loader: Callable[[Path], Project]) -> Project:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    (tmp_path / "renewal.journey.yaml").write_text(RENEWAL, "utf-8")
    return loader(tmp_path)


def _lane(project: Project, persona: str | None) -> str:
    journey = project.journeys["renewal"]
    source = map_view.render(project, journey, persona)
    start = source.index("<B>EMOTION</B>")
    table = source[source.index("<TABLE", start) :]
    return table[: table.index("</TABLE>")]


def test_the_curve_is_one_line_through_the_main_path(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    table = _lane(_project(tmp_path, loader), None)
    grid = _grid(table)
    assert len({len(row) for row in grid}) == 1, "every row spans the same columns"
    # welcome, quote, offer, ports-out and survey on the line; renews is off it.
    assert _connected(grid) == 1
    plot = table[: table.rindex("<TR>")]  # without the keys
    assert plot.count("●") == 5 and plot.count("○") == 1
    assert "4 Ports out (\u22122)" in table
    assert "6 Renews (+2, other branch)" in table


def test_one_persona_has_its_own_curve(tmp_path: Path, loader: Callable[[Path], Project]) -> None:
    table = _lane(_project(tmp_path, loader), "bob")
    assert _connected(_grid(table)) == 1
    assert table[: table.rindex("<TR>")].count("●") == 3  # quote, offer, renews
    assert "Welcome" not in table and "Exit survey" not in table
    assert "1 Quote (\u22121)" in table and "3 Renews (+2)" in table
    assert "4 Ports out (\u22122, other branch)" in table


def test_a_wrapped_map_enters_the_next_row_at_the_level_it_left(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    project = _project(tmp_path, loader)
    model = project.journeys["renewal"].item
    groups = {s.id: [t for t in model.touchpoints if t.stage == s.id] for s in model.stages}
    points = map_points(groups, ["use", "renew"], ["welcome", "quote", "offer", "ports-out"])
    before: list[MapPoint] = points["use"]
    table = lane(points, [model.stages[1]], 230, before, ["key"])
    plot = _grid(table)[1:-1]
    # The line starts at the left edge on the -1 of 'quote', the middle row of that level.
    assert plot[3 * 3 + 1][1][0] == LINE
    assert plot[3 * 3 + 1][0][0] != LINE  # the axis


def test_a_crowded_stage_draws_the_path_and_counts_the_rest(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    for name in ("personas.yaml", "channels.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    branches = [f"b{i}" for i in range(20)]
    text = (
        "version: 1\nid: renewal\ntitle: Hub\npersonas: [ann]\n"
        "stages:\n  - {id: one, name: One}\ntouchpoints:\n"
        "  - {id: hub, name: Hub, stage: one, channel: web, kind: action,"
        f" emotion: {{score: 0}}, next: [{', '.join(branches)}]}}\n"
        + "".join(
            f"  - {{id: {b}, name: Branch {b}, stage: one, channel: web, kind: action,"
            " emotion: {score: 1}, end: true}\n"
            for b in branches
        )
    )
    (tmp_path / "renewal.journey.yaml").write_text(text, "utf-8")
    table = _lane(loader(tmp_path), None)
    plot = table[: table.rindex("<TR>")]
    assert plot.count("●") == 2 and plot.count("○") == 12
    assert "… and 7 more" in table
