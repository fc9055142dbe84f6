"""The static HTML report: an index and one page per journey, each page self-contained.

Pages inline their CSS, JavaScript and SVG, so the folder opens offline from the file
system, and any single page can be mailed on its own. Templates are Jinja, shipped in
`journeykit/templates/report/`, with autoescape on: every user string is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Sequence

from journeykit import __version__
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.project import Located, Project
from journeykit.report.build import journey_page, matrix_view, persona_card
from journeykit.report.context import ReportContext

FlowRenderer = Callable[[Located[Journey]], str]
"""Returns the flow diagram of a journey as SVG text; raises RenderError when it cannot."""

INDEX = "index.html"

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_svg(svg: str) -> str:
    """Graphviz SVG without the XML prolog, doctype and comments, ready to inline."""
    return _COMMENT.sub("", _PROLOG.sub("", svg, count=1)).strip()


def report_context(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    flow: FlowRenderer | None,
    flow_missing: str,
) -> ReportContext:
    from journeykit.analysis.gaps import gap_report
    from journeykit.render.engine import RenderError

    ranked = gap_report(project, journeys={j.item.id for j in journeys}, top=0).all_gaps
    pages = [journey_page(project, j, findings, ranked) for j in journeys]
    for page, journey in zip(pages, journeys, strict=True):
        if flow is None:
            page.flow_note = flow_missing
            continue
        try:
            page.flow_svg = inline_svg(flow(journey))
        except RenderError as exc:
            page.flow_note = str(exc)
    personas = [persona_card(project, p.item, pages) for p in project.personas.values()]
    totals = {
        "journeys": len(pages),
        "personas": len(personas),
        "touchpoints": sum(p.counts["touchpoints"] for p in pages),
        "findings": sum(p.counts["findings"] for p in pages),
    }
    return ReportContext(
        title=project.root.name or "journeykit",
        version=__version__,
        journeys=pages,
        personas=personas,
        policy=matrix_view(project, journeys),
        totals=totals,
    )


def render_report(context: ReportContext) -> dict[str, str]:
    """File name -> HTML for the index and every journey page."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("journeykit", "templates/report"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    assert env.loader is not None
    script = env.loader.get_source(env, "report.js")[0]
    # The page allows exactly this script (by hash): nothing injected could run.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    common = {"ctx": context, "script": Markup(script), "script_hash": f"sha256-{digest}"}
    files = {INDEX: env.get_template("index.html").render(page=None, **common)}
    journey = env.get_template("journey.html")
    for page in context.journeys:
        files[page.file] = journey.render(page=page, **common)
    return files


def build_report(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    flow: FlowRenderer | None = None,
    flow_missing: str = "The flow diagram needs Graphviz, which was not found.",
) -> dict[str, str]:
    """The report of `journeys` as files; `findings` are shown on each journey's page."""
    return render_report(report_context(project, journeys, findings, flow, flow_missing))
