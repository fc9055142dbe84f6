"""The gap report as Markdown, for pull requests, wikis and issue trackers.

`coverage_table` and `summary_line` are shared with the terminal view.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeykit.analysis.dropouts import DropOut
from journeykit.analysis.gaps import FixItem, GapReport, JourneyGaps, PainSpot
from journeykit.words import counted


def coverage_table(
    j: JourneyGaps, channel_names: dict[str, str] | None = None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per stage, touchpoints per channel, personas not reached.

    Channel columns show names from `channel_names`, ids where it has none.
    """
    m = j.matrix
    names = channel_names or {}
    header = ["Stage", *(names.get(c, c) for c in m.channels), "Not reached"]
    rows = []
    for stage in m.stages:
        counts = [len(m.touchpoints(stage, c)) for c in m.channels]
        missing = [p for p, s in j.uncovered if s == stage]
        missing += [f"{p} (no preferred channel)" for p, s in j.unpreferred if s == stage]
        if not any(counts):
            missing = ["(no touchpoint)"]
        rows.append([stage, *(str(n) if n else "" for n in counts), ", ".join(missing)])
    return header, rows


def summary_line(report: GapReport) -> str:
    share = f"{report.assumption_share:.0%}"
    journeys = len(report.journeys)
    items = len(report.all_fixes)
    return (
        f"{counted(journeys, 'journey')}, {counted(report.touchpoints, 'touchpoint')}, "
        f"{report.assumptions} ({share}) resting on assumptions, {report.to_fix} "
        f"finding{'s' * (report.to_fix != 1)} to fix in {items} item{'s' * (items != 1)}."
    )


def where_text(item: FixItem) -> str:
    return f"{item.location.file}:{item.location.line}"


def fix_rows(report: GapReport) -> list[list[str]]:
    """Fix first as table rows: #, tier, severity, importance, count, rule, gap, where."""
    return [
        [
            str(i),
            item.tier.label,
            item.severity.label,
            item.importance.value,
            str(item.count),
            f"{item.code} {item.rule}",
            item.message,
            where_text(item),
        ]
        for i, item in enumerate(report.fix_first, start=1)
    ]


def pain_text(spots: list[PainSpot], limit: int = 3) -> str:
    if not spots:
        return "none recorded"
    return ", ".join(
        f"{s.name} (score {s.score}, {s.pain_points} pain point{'s' * (s.pain_points != 1)})"
        for s in spots[:limit]
    )


def drop_text(drop: DropOut) -> str:
    return f"{drop.touchpoint} ({drop.stage}, {drop.importance.value}): {drop.reason}"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(map(_escape, header)) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return out


def _journey(j: JourneyGaps, channel_names: dict[str, str]) -> list[str]:
    out = ["", f"## {j.journey}: {j.title}", "", f"`{j.file}`", "", "### Coverage", ""]
    header, rows = coverage_table(j, channel_names)
    out += _table(header, rows)
    out += ["", "Touchpoints per stage and channel. *Not reached*: personas who meet nothing"]
    out += ["in the stage on a channel they prefer or accept, or only on channels they"]
    out += ["accept (no preferred channel).", "", "### Pain", ""]
    out += [f"- Stages: {pain_text(j.pain_by_stage)}"]
    out += [f"- Channels: {pain_text(j.pain_by_channel)}", "", "### Dead ends and drop-outs", ""]
    out += [f"- {drop_text(d)}" for d in j.drop_outs] or ["- none found"]
    out += ["", "### Evidence", ""]
    out += [
        f"{j.assumptions} of {counted(j.touchpoints, 'touchpoint')} "
        f"({j.assumption_share:.0%}) rest on assumptions; {j.no_evidence} have no evidence "
        "at all."
    ]
    return out


def render_one(report: GapReport) -> str:
    who = f"persona {report.persona}" if report.persona else "all personas"
    out = [f"# Gap report: {report.root}", "", f"For {who}. {summary_line(report)}"]
    out += ["", "## Fix first", ""]
    if report.fix_first:
        header = ["#", "Tier", "Severity", "Importance", "Count", "Rule", "Gap", "Where"]
        out += _table(header, fix_rows(report))
        out += ["", "Ranked by risk tier (consent, channel, stranded, coverage, measurement,"]
        out += ["evidence, hygiene), then severity, importance and count."]
    else:
        out.append("No gaps found.")
    for j in report.journeys:
        out += _journey(j, report.channel_names)
    return "\n".join(out) + "\n"


def render(reports: Sequence[GapReport]) -> str:
    return "\n".join(render_one(r) for r in reports)
