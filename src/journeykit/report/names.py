"""The names of the report's files (imported by what must stay light: `report.unchanged`)."""

from __future__ import annotations


def page_file(journey_id: str) -> str:
    return f"journey-{journey_id}.html"


def written_by_report(name: str) -> bool:
    """Whether a name at the top of a report folder is one the report writes.

    The index, the journey pages and the SVG and PNG images (see `page_file` and
    `report.pictures.image_file`); the next report replaces or removes these, and carries
    every other file and folder over.
    """
    if name == "index.html":
        return True
    if name.startswith("journey-") and name.endswith(".html"):
        return True
    return name.endswith((".map.svg", ".flow.svg", ".map.png", ".flow.png"))
