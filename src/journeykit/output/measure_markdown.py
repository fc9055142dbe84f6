"""`journeykit measure -f markdown`: the measurement for a pull request."""

from __future__ import annotations

from journeykit.measure.result import Measurement, Metrics
from journeykit.output.measure_tables import headline, sections, summary


def render(m: Measurement) -> str:
    out = ["# Observed journeys", ""]
    out += [f"- {line}" for line in headline(m)]
    for j in m.journeys:
        out += ["", f"## {j.journey}: {_cell(j.title)}", ""]
        out += _metrics(j.all)
        for part in j.segments:
            out += ["", f"### Segment {_cell(part.segment or '(none)')}", ""]
            out += _metrics(part)
    return "\n".join(out) + "\n"


def _metrics(x: Metrics) -> list[str]:
    out = [f"- {line}" for line in summary(x)]
    for s in sections(x):
        if not s.rows:
            continue
        out += ["", f"**{s.title}**" + (f" ({s.note})" if s.note else ""), ""]
        out.append("| " + " | ".join(s.headers) + " |")
        out.append("|" + "---|" * len(s.headers))
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in s.rows]
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
