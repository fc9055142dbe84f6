"""The whole report of one workspace as files: pages, pictures and what could not be drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.workspace.project import Located, Project

NO_ENGINE = (
    "The flow diagram needs Graphviz, which was not found (apt-get install graphviz, "
    "or pip install 'journeykit[pure]')."
)


@dataclass(slots=True)
class Site:
    files: dict[str, str]
    """File name -> content: index.html, one page per journey, the SVG pictures."""
    pages: int
    images: int
    missing: list[str] = field(default_factory=list)
    """One line per picture that could not be drawn: `<journey>: no <view> image: why`."""


def build_site(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    timeout: float,
    cache_dir: Path | None = None,
) -> Site:
    """The report of `journeys`, their pictures drawn while the pages are built.

    Graphviz lays out the first pictures on the other cores meanwhile; those in the picture
    cache (`cache_dir`) are not laid out at all.
    """
    from journeykit.report import add_pictures, prepare, render_report, report_pages
    from journeykit.report.pictures import Drawing

    drawing = Drawing(project, journeys, timeout, cache_dir)
    try:
        env = prepare()
        context = report_pages(project, journeys, findings)
        pictures = drawing.result()
    finally:
        drawing.close()
    add_pictures(context, journeys, pictures, NO_ENGINE)
    site = Site(render_report(context, env), len(context.journeys), len(context.images))
    if pictures is not None:
        for page in context.journeys:
            for view, note in (("map", page.map_note), ("flow", page.flow_note)):
                if note:
                    site.missing.append(f"{page.id}: no {view} image: {note}")
    return site
