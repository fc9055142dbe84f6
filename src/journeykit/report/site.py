"""The whole report of one workspace as files: pages, pictures and what could not be drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.fileio.atomicdir import Content
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.report.incremental import Manifest
from journeykit.workspace.project import Located, Project

if TYPE_CHECKING:
    from journeykit.measure.result import Measurement
    from journeykit.report.observed import ObservedSection

NO_ENGINE = (
    "The flow diagram needs Graphviz, which was not found (apt-get install graphviz, "
    "or pip install 'journeykit[pure]')."
)


@dataclass(slots=True)
class Site:
    files: dict[str, Content]
    """File name -> content: index.html, one page per journey, the SVG and PNG pictures;
    a page kept from the report already in the folder is `Kept` (with its pictures)."""
    pages: int
    images: int
    missing: list[str] = field(default_factory=list)
    """One line per picture that could not be drawn: `<journey>: no <view> image: why`."""
    page_files: dict[str, list[str]] = field(default_factory=dict)
    """Page key -> its files, for each page drawn whole (for the next report's manifest)."""
    built: int = 0
    """How many journey pages were built (the others were kept)."""
    pngs: int = 0
    """How many of the pictures are PNG files (`images` counts the SVG files)."""


@dataclass(frozen=True, slots=True)
class Previous:
    """The report already in the output folder, to keep what did not change of it."""

    output: Path
    manifest: Manifest | None
    drawn_by: str
    """`incremental.stamp()` of this journeykit and Graphviz."""


def build_site(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    timeout: float,
    cache_dir: Path | None = None,
    previous: Previous | None = None,
    observed: Measurement | None = None,
) -> Site:
    """The report of `journeys`, their pictures drawn while the pages are built.

    Graphviz lays out the first pictures on the other cores meanwhile; those in the picture
    cache (`cache_dir`) are not laid out at all. With `previous`, the pages of the report
    in the folder whose inputs did not change are kept, neither built nor drawn. With
    `observed` (the workspace measured against an event log), each measured journey's
    page gets its Observed section and its KPI lane the measured actuals; nothing is kept
    then (a page depends on the log too).
    """
    from journeykit.collector import paused_gc

    # Like loading: many objects and next to no cycles; a full collection over the loaded
    # workspace costs more than building a page (scoped, restored however it ends).
    with paused_gc():
        if observed is None:
            return _build(project, journeys, findings, timeout, cache_dir, previous)
        from journeykit.measure.actuals import measured_journeys

        journeys = measured_journeys(list(journeys), observed)
        sections = _sections(project, journeys, observed, timeout, cache_dir)
        site = _build(project, journeys, findings, timeout, cache_dir, None, sections)
        for i, section in sorted(sections.items()):
            if section.flow_note:
                page = journeys[i].item.id
                site.missing.append(f"{page}: no observed flow image: {section.flow_note}")
        return site


def _sections(
    project: Project,
    journeys: Sequence[Located[Journey]],
    observed: Measurement,
    timeout: float,
    cache_dir: Path | None,
) -> dict[int, ObservedSection]:
    """Page position -> the Observed section of each measured journey, its observed flow
    drawn (one Graphviz run per core, from the picture cache when it has them)."""
    from journeykit.render import OutputFormat, RenderError
    from journeykit.render.observed import render_each
    from journeykit.report import inline_svg
    from journeykit.report.observed import observed_section

    by_id = {j.journey: j for j in observed.journeys}
    chosen = [(i, j, by_id[j.item.id]) for i, j in enumerate(journeys) if j.item.id in by_id]
    sections = {i: observed_section(measured, observed.log) for i, _, measured in chosen}
    # A picture that fails ends render_each's run (a generator that raised is done):
    # the note goes on its page, and the pictures after it are asked for again.
    while chosen:
        items = [(project, j, measured) for _, j, measured in chosen]
        pictures = render_each(
            items, observed.log, OutputFormat.svg, timeout=timeout, cache_dir=cache_dir
        )
        done = 0
        try:
            for (i, _, _), picture in zip(chosen, pictures, strict=False):
                text = picture if isinstance(picture, str) else picture.decode()
                sections[i].flow_svg = inline_svg(text)
                done += 1
        except RenderError as exc:
            sections[chosen[done][0]].flow_note = str(exc)
            done += 1
        chosen = chosen[done:]
    return sections


def _build(
    project: Project,
    journeys: Sequence[Located[Journey]],
    findings: Sequence[Finding],
    timeout: float,
    cache_dir: Path | None,
    previous: Previous | None,
    sections: Mapping[int, ObservedSection] | None = None,
) -> Site:
    from journeykit.report import add_page_pictures, prepare, render_report, report_pages
    from journeykit.report.build import page_file
    from journeykit.report.incremental import page_keys
    from journeykit.report.pictures import VIEWS, Drawing, image_file

    keys = page_keys(project, journeys, findings, previous.drawn_by) if previous else []
    kept = previous.manifest.kept(previous.output, keys) if previous and previous.manifest else {}
    if len({j.item.id for j in journeys}) != len(journeys):
        kept = {}  # two pages of one name: the last one written wins, as in a whole build
    whole = {i for i, key in enumerate(keys) if key not in kept} if kept else None
    todo = [j for i, j in enumerate(journeys) if whole is None or i in whole]
    drawing = Drawing(project, todo, timeout, cache_dir)
    try:
        env = prepare()
        context = report_pages(project, journeys, findings, whole)
        pictures = drawing.pictures

        pngs = pictures.png if pictures is not None else None

        def add(i: int) -> None:  # page by page: Graphviz draws the next ones meanwhile
            page, journey = context.journeys[i], journeys[i]
            add_page_pictures(context, page, journey, pictures, NO_ENGINE, pngs)
            if sections:
                context.journeys[i].observed = sections.get(i)

        files: dict[str, Content] = dict(render_report(context, env, whole, add))
    finally:
        drawing.close()
    for files_kept in kept.values():
        files.update(files_kept)
    names = [*context.images, *(n for f in kept.values() for n in f)]
    images = sum(1 for n in names if n.endswith(".svg"))
    pngs_written = sum(1 for n in names if n.endswith(".png"))
    site = Site(files, len(context.journeys), images, built=len(todo), pngs=pngs_written)
    keys = keys or [""] * len(journeys)
    for i, (page, key) in enumerate(zip(context.journeys, keys, strict=True)):
        if whole is not None and i not in whole:
            continue
        notes = [(view, note) for view, note in (("map", page.map_note), ("flow", page.flow_note))]
        if pictures is not None:
            site.missing += [f"{page.id}: no {view} image: {note}" for view, note in notes if note]
            site.missing += [f"{page.id}: no {v} PNG: {n}" for v, n in page.png_notes.items()]
        if key and pictures is not None and not any(n for _, n in notes) and not page.png_notes:
            # A page's PNGs are its pictures too: kept with it, drawn again with it.
            site.page_files[key] = [
                page_file(page.id),
                *(image_file(page.id, v, ext) for v in VIEWS for ext in ("svg", "png")),
            ]
    site.page_files.update({key: list(f) for key, f in kept.items()})
    return site
