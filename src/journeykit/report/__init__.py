"""The static HTML report: an index and one page per journey, each page self-contained.

Pages inline their CSS, JavaScript and SVG, so the folder opens offline from the file
system, and any single page can be mailed on its own. Beside the pages, each journey's
map and flow are SVG files (the very bytes `journeykit render -f svg` writes), linked from
its page, for slides and wikis. Templates are Jinja, shipped in
`journeykit/templates/report/`, with autoescape on: every user string is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING

from journeykit import __version__
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.render import View
from journeykit.workspace.project import Located, Project

if TYPE_CHECKING:
    from jinja2 import Environment

    from journeykit.analysis.gaps import Gap
    from journeykit.report.context import JourneyPage, ReportContext

Picture = Callable[[Located[Journey], View], str]
"""A journey's map or flow as SVG text as Graphviz wrote it; raises RenderError when it cannot.

The report asks for each journey's map, then its flow, journey by journey, once each."""

Png = Callable[[Located[Journey], View], bytes]
"""The same picture as PNG bytes (`journeykit render -f png`'s); raises RenderError."""

INDEX = "index.html"

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_GV_IDS = re.compile(r'<g id="[^"<>]*" class=')
"""Graphviz's group ids (graph0, node1): the flow inlined in the same page has them too."""


def inline_svg(svg: str) -> str:
    """Graphviz SVG without the XML prolog, doctype and comments, ready to inline."""
    return _COMMENT.sub("", _PROLOG.sub("", svg, count=1)).strip()


_SIZE = re.compile(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
_LANDSCAPE = (281.0, 178.0)
_PORTRAIT = (194.0, 265.0)
"""Room for the printed map picture on A4 with 8 mm margins, below its heading (mm)."""


def portrait(svg: str) -> bool:
    """Whether Graphviz's picture prints larger on a portrait page than on a landscape one
    (a map with many lanes is taller than wide)."""
    found = _SIZE.search(svg)
    if found is None:
        return False
    width, height = float(found.group(1)), float(found.group(2))
    if width <= 0 or height <= 0:
        return False
    wide = min(_LANDSCAPE[0] / width, _LANDSCAPE[1] / height)
    tall = min(_PORTRAIT[0] / width, _PORTRAIT[1] / height)
    return tall > wide


def report_context(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    pictures: Picture | None,
    missing: str,
) -> ReportContext:
    """Pages, persona cards and the SVG files; `missing` is the flow's note without pictures."""
    context = report_pages(project, journeys, findings)
    add_pictures(context, journeys, pictures, missing)
    return context


def report_pages(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    whole: Container[int] | None = None,
) -> ReportContext:
    """The context without the pictures yet: `add_pictures` completes it.

    Built in two steps so that a caller can build the pages while Graphviz still draws.
    With `whole`, only the journeys at those positions get their whole page; the others
    get what the index shows of them (`build.journey_card`): their pages are kept.
    """
    # Imported here, so that starting the pictures (report.pictures) imports none of it.
    from journeykit.analysis.gaps import gap_report
    from journeykit.report.build import journey_card, journey_page, matrix_view, persona_card
    from journeykit.report.context import ReportContext
    from journeykit.report.theme import logo_uri, workspace_title

    wanted = [j for i, j in enumerate(journeys) if whole is None or i in whole]
    # Each journey's gaps are its own (ranked within it as among all): only those wanted.
    ranked = gap_report(project, journeys={j.item.id for j in wanted}, top=0).all_gaps
    # Grouped once: each page filtering the workspace's lists is quadratic (2 s of 7 at
    # 1,000 journeys).
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    by_journey: dict[str, list[Gap]] = {}
    for gap in ranked:
        by_journey.setdefault(gap.journey, []).append(gap)
    pages = [
        journey_page(project, j, by_file.get(j.source.rel, []), by_journey.get(j.item.id, []))
        if whole is None or i in whole
        else journey_card(project, j, by_file.get(j.source.rel, []))
        for i, j in enumerate(journeys)
    ]
    personas = [persona_card(project, p.item, pages) for p in project.personas.values()]
    totals = {
        "journeys": len(pages),
        "personas": len(personas),
        "touchpoints": sum(p.counts["touchpoints"] for p in pages),
        "findings": sum(p.counts["findings"] for p in pages),
    }
    return ReportContext(
        title=workspace_title(project),
        logo=logo_uri(project),
        version=__version__,
        journeys=pages,
        personas=personas,
        policy=matrix_view(project, journeys),
        totals=totals,
    )


def add_pictures(
    context: ReportContext,
    journeys: Sequence[Located[Journey]],
    pictures: Picture | None,
    missing: str,
    whole: Container[int] | None = None,
) -> None:
    """Each journey's map and flow into its page and `context.images`, or the note why not.

    `journeys` are those `report_pages` was given, in the same order; with `whole`, only
    those at these positions get their pictures.
    """
    for i, (page, journey) in enumerate(zip(context.journeys, journeys, strict=True)):
        if whole is None or i in whole:
            add_page_pictures(context, page, journey, pictures, missing)


def add_page_pictures(
    context: ReportContext,
    page: JourneyPage,
    journey: Located[Journey],
    pictures: Picture | None,
    missing: str,
    pngs: Png | None = None,
) -> None:
    """`add_pictures` of one page: its journey's map and flow, or the note why not;
    with `pngs`, each picture drawn as SVG is a PNG file too."""
    from journeykit.render.engine import RenderError
    from journeykit.report.pictures import image_file

    if pictures is None:
        page.flow_note = missing
        return
    try:
        svg = pictures(journey, View.map)
        page.map_image = image_file(journey.item.id, View.map)
        page.map_svg = _GV_IDS.sub("<g class=", inline_svg(svg))
        page.map_portrait = portrait(svg)
        context.images[page.map_image] = svg
        page.map_png = _add_png(context, page, journey, View.map, pngs)
    except RenderError as exc:
        page.map_note = str(exc)
    try:
        svg = pictures(journey, View.flow)
        page.flow_svg = inline_svg(svg)
        page.flow_image = image_file(journey.item.id, View.flow)
        context.images[page.flow_image] = svg
        page.flow_png = _add_png(context, page, journey, View.flow, pngs)
    except RenderError as exc:
        page.flow_note = str(exc)


def _add_png(
    context: ReportContext,
    page: JourneyPage,
    journey: Located[Journey],
    view: View,
    pngs: Png | None,
) -> str | None:
    """The PNG file of a picture into `context.images`, its name; None, and the note why,
    when it cannot be drawn."""
    from journeykit.render.engine import RenderError
    from journeykit.report.pictures import image_file

    if pngs is None:
        return None
    try:
        data = pngs(journey, view)
    except RenderError as exc:
        page.png_notes[view.value] = str(exc)
        return None
    name = image_file(journey.item.id, view, "png")
    context.images[name] = data
    return name


def prepare() -> Environment:
    """Import what `report_context` and `render_report` need, and load the templates.

    For a caller with time to spare before it can build the context (while the
    pictures are drawn elsewhere, say); give the environment to `render_report`.
    """
    import journeykit.analysis.gaps
    import journeykit.report.build
    import journeykit.report.context  # noqa: F401  imported for what they cost, not used
    from journeykit.report.templates import environment

    env = environment()
    for name in ("index.html", "journey.html"):
        env.get_template(name)
    return env


def render_report(
    context: ReportContext,
    env: Environment | None = None,
    whole: Container[int] | None = None,
    before: Callable[[int], None] | None = None,
) -> dict[str, str | bytes]:
    """File name -> text (bytes for a PNG): the index, every journey page (those at the
    positions in `whole`, if given) and the SVG and PNG images.

    `before(i)` is called just before page `i` is rendered (after the index): to add its
    pictures then, while Graphviz still draws those of the pages after it.
    """
    import base64
    import hashlib

    from markupsafe import Markup

    from journeykit.report.templates import environment

    env = env or environment()
    assert env.loader is not None
    script = env.loader.get_source(env, "report.js")[0]
    # The page allows exactly this script (by hash): nothing injected could run.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    common = {"ctx": context, "script": Markup(script), "script_hash": f"sha256-{digest}"}
    files: dict[str, str | bytes] = {
        INDEX: env.get_template("index.html").render(page=None, **common)
    }
    journey = env.get_template("journey.html")
    for i, page in enumerate(context.journeys):
        if whole is None or i in whole:
            if before is not None:
                before(i)
            files[page.file] = journey.render(page=page, **common)
    files.update(context.images)
    return files


def build_report(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    pictures: Picture | None = None,
    missing: str = "The flow diagram needs Graphviz, which was not found.",
) -> dict[str, str | bytes]:
    """The report of `journeys` as files; `findings` are shown on each journey's page.

    With `pictures` (see `journeykit.report.pictures.Pictures`), each journey's page
    shows its flow diagram and links its map and flow as SVG files, which are part of
    the result (`<journey-id>.map.svg`, `<journey-id>.flow.svg`).
    """
    return render_report(report_context(project, journeys, findings, pictures, missing))
