"""The brand in the report: the workspace's title and the header's logo (`[render.theme]`)."""

from __future__ import annotations

import base64

from journeykit.workspace.project import Project

_MEDIA = {".svg": "image/svg+xml", ".png": "image/png"}


def workspace_title(project: Project) -> str:
    """`[render.theme] title`, else the workspace folder's name."""
    return project.config.render.theme.title or project.root.name or "journeykit"


def logo_uri(project: Project) -> str | None:
    """The logo as a `data:` URI (the pages allow no other images), if one is set.

    The configuration checked that the file is there; one gone since is left out, as
    is one that cannot be read, rather than failing the report.
    """
    logo = project.config.render.theme.logo
    if logo is None:
        return None
    file = project.root / logo
    media = _MEDIA.get(file.suffix.lower())
    try:
        data = file.read_bytes()
    except OSError:
        return None
    if media is None or not data:
        return None
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"
