"""Where `journeykit render` puts its pictures: the views, the format, the file names, and
whether `-o` names one file or a folder. Decides only; the CLI writes.

A picture is named `<journey>.<view>[.<persona>].<ext>`: `checkout.map.svg`, and with
`--persona busy-parent` `checkout.map.busy-parent.svg`, so pictures of several personas
can share a folder. `-o` names a file when it ends in a format's suffix (`.svg`, `.png`,
`.pdf`, `.dot`, `.mmd`) or is a FIFO or device that exists; any other path is a folder.
"""

from __future__ import annotations

import stat
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.model import Journey
from journeykit.render import Item, OutputFormat, View, render_each
from journeykit.render.engine import DEFAULT_TIMEOUT
from journeykit.render.selection import Selection
from journeykit.workspace.project import Located, Project

ALL_VIEWS = "all"
SUFFIXES = {f".{f.extension}": f for f in OutputFormat}
"""The suffix of a file `-o` names -> the format it holds."""
UNDRAWN_SUFFIXES = frozenset({".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
"""Image suffixes of formats journeykit does not write: a typo for a file, not a folder."""


class OutputError(ValueError):
    """The options ask for something that cannot be written: a usage error."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where the pictures go: standard output (`path` None), one file, or a folder."""

    path: Path | None
    folder: bool = False

    @property
    def file(self) -> bool:
        return self.path is not None and not self.folder


def views(view: str) -> list[View]:
    """The views `--view` asks for: one, or every view for `all`."""
    if view == ALL_VIEWS:
        return list(View)
    try:
        return [View(view)]
    except ValueError:
        known = ", ".join([*(v.value for v in View), ALL_VIEWS])
        raise OutputError(f"unknown view {view!r} (expected one of: {known})") from None


def target(output: Path | None) -> Target:
    """What `-o` names: nothing (standard output), a file, or a folder."""
    if output is None:
        return Target(None)
    if output.is_dir():
        return Target(output, folder=True)
    suffix = output.suffix.lower()
    if suffix in SUFFIXES or _special(output):
        return Target(output)
    if suffix in UNDRAWN_SUFFIXES:
        known = ", ".join(SUFFIXES)
        raise OutputError(
            f"-o {output}: journeykit does not write {suffix} files "
            f"(a file ends in {known}; any other name is a folder)"
        )
    return Target(output, folder=True)


def _special(path: Path) -> bool:
    """A FIFO or a device (`-o /dev/stdout`): written as a file, never a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def output_format(fmt: str | None, where: Target) -> OutputFormat:
    """`--format`, else the format of the file `-o` names, else svg; a mismatch is refused."""
    path = where.path if where.file else None
    implied = SUFFIXES.get(path.suffix.lower()) if path is not None else None
    if fmt is None:
        return implied or OutputFormat.svg
    try:
        chosen = OutputFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in OutputFormat)
        raise OutputError(f"unknown format {fmt!r} (expected one of: {known})") from None
    if path is not None and implied is not None and implied is not chosen:
        raise OutputError(
            f"-o {path} names a {path.suffix} file but --format is {chosen.value}: "
            f"name the file {path.with_suffix('.' + chosen.extension)} or leave --format out"
        )
    return chosen


def picture_name(name: str, view: View, fmt: OutputFormat, persona: str | None = None) -> str:
    """`<journey>.<view>[.<persona>].<ext>`: the file a picture gets in a folder."""
    parts = [name, view.value, *([persona] if persona else []), fmt.extension]
    return ".".join(parts)


def terminal_refusal(fmt: OutputFormat) -> str | None:
    """Why a picture in `fmt` is not written to a terminal, or None if it may be: an
    image (svg, png, pdf) is raw XML or bytes there; piped, it is written as it is."""
    if not fmt.drawn:
        return None
    ext = fmt.extension
    return (
        f"{ext} is an image, not for the terminal: use -o FILE.{ext} (or -o DIR for one "
        f"file per picture), or redirect: > FILE.{ext}"
    )


def count_refusal(where: Target, pictures: int, journeys: int, views: int) -> str | None:
    """Why `pictures` pictures cannot all go where asked, or None if they can."""
    if pictures <= 1 or where.folder:
        return None
    what = f"{journeys} journeys selected"
    if views > 1:
        many = "journey" if journeys == 1 else "journeys"
        what = f"{pictures} pictures ({journeys} {many} x {views} views)"
    if where.path is None:
        return f"{what}: give a folder with -o/--output for one file each"
    return f"{what}, but -o {where.path} is one file: give a folder with -o DIR"


Job = tuple[str, Project, list[Located[Journey]]]
"""One picture per view: the name it is filed under, its project, the journeys it shows."""


def jobs_of(selection: Selection, combine: bool) -> list[Job]:
    """What to draw: one picture per journey, or one per workspace with `--combine`
    (named `<workspace folder>-all`)."""
    if not combine:
        return [(j.item.id, p, [j]) for p, j in selection.journeys]
    return [
        (f"{w.project.root.name or 'workspace'}-all", w.project, w.journeys)
        for w in selection.workspaces
        if w.journeys
    ]


def clash(names: Sequence[str]) -> str | None:
    """A file name two pictures would both be written to, if there is one."""
    return next((n for n, count in Counter(names).items() if count > 1), None)


def render_views(
    items: Sequence[Item],
    chosen: Sequence[View],
    fmt: OutputFormat,
    persona: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: Path | None = None,
) -> Generator[str | bytes, None, None]:
    """`render_each` of the items in each view in turn (the order `picture_name`s are
    listed in by the caller: every item of the first view, then of the next)."""
    for view in chosen:
        yield from render_each(items, view, fmt, persona, timeout, cache_dir)
