"""What every command shares: the run, errors, colour, output routing and writing."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from journeykit.fileio.atomic import write_atomic

if TYPE_CHECKING:
    from collections.abc import Mapping

    from journeykit.cache.hit import CachedRun
    from journeykit.cache.results import ResultCache
    from journeykit.output import Format, RuleInfo
    from journeykit.render.selection import Selection
    from journeykit.run.options import RunOptions
    from journeykit.run.result import RunResult
    from journeykit.workspace.leftout import LeftOut

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print `journeykit: message` to standard error and exit (2 by default)."""
    sys.stderr.write(f"journeykit: {message}\n")
    raise typer.Exit(code)


def use_color(stream: object = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (not a file or a pipe)."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def emit(text: str, output: Path | None) -> None:
    """Text to standard output, or to `output` (see `atomic.write_atomic`: a regular file
    atomically, a FIFO or a device as a stream)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")


def say_left_out(files: Sequence[LeftOut]) -> None:
    """One line on standard error per file left out: where its first error is, and what."""
    for item in files:
        f, loc = item.finding, item.finding.location
        more = f", {item.errors} errors in all" if item.errors > 1 else ""
        sys.stderr.write(
            f"journeykit: {loc.file}:{loc.line}:{loc.column}: {f.code} {f.name}: {f.message} "
            f"(file left out{more}; see `journeykit validate`)\n"
        )


def cache_wanted(no_cache: bool) -> bool:
    """Whether to use the result cache: not with `--no-cache` or `JOURNEYKIT_NO_CACHE=1`."""
    disabled = os.environ.get("JOURNEYKIT_NO_CACHE", "").strip().lower()
    return not no_cache and disabled in ("", "0", "false")


def picture_cache_dir(no_cache: bool) -> Path | None:
    """Where `render` and `report` keep Graphviz's pictures, unless the cache is off:
    `$JOURNEYKIT_CACHE_DIR/pictures`, else `${XDG_CACHE_HOME:-~/.cache}/journeykit/pictures`
    (never in a workspace: a picture is the same wherever it is drawn)."""
    if not cache_wanted(no_cache):
        return None
    where = os.environ.get("JOURNEYKIT_CACHE_DIR")
    if where:
        return Path(where) / "pictures"
    from journeykit.fileio.userdirs import user_cache_dir

    folder = user_cache_dir()
    return None if folder is None else folder / "pictures"


def open_cache(no_cache: bool) -> ResultCache | None:
    """The result cache, unless turned off: in `<root>/.journeykit_cache/` of each
    workspace, or all in `$JOURNEYKIT_CACHE_DIR`."""
    if not cache_wanted(no_cache):
        return None
    from journeykit.cache.results import CACHE_DIR, ResultCache

    where = os.environ.get("JOURNEYKIT_CACHE_DIR")
    if where:
        return ResultCache(lambda root: Path(where))
    return ResultCache(lambda root: root / CACHE_DIR)


def tell(cache: ResultCache | None) -> None:
    """Say once on standard error why the cache was not used, if it was not."""
    for notice in cache.notices if cache is not None else []:
        sys.stderr.write(f"journeykit: {notice}\n")


def checked(paths: Sequence[Path] | None, options: RunOptions) -> RunResult:
    """The run over `paths`; usage and configuration errors exit 2 with their message."""
    from journeykit.run.engine import run
    from journeykit.run.options import UsageError
    from journeykit.workspace.errors import ConfigError

    try:
        return run(paths or [Path(".")], options)
    except (UsageError, ConfigError) as exc:
        fail(str(exc), EXIT_USAGE)


def checked_cached(
    paths: Sequence[Path] | None, options: RunOptions, no_cache: bool
) -> RunResult | CachedRun:
    """`checked`, answered from the result cache unless it is turned off."""
    from journeykit.run.options import UsageError
    from journeykit.workspace.errors import ConfigError

    cache = open_cache(no_cache)
    if cache is None:
        return checked(paths, options)
    from journeykit.cache.layer import cached_run

    try:
        result = cached_run(paths or [Path(".")], options, cache)
    except (UsageError, ConfigError) as exc:
        fail(str(exc), EXIT_USAGE)
    tell(cache)
    return result


def report_findings(
    result: RunResult | CachedRun,
    fmt: Format,
    output: Path | None,
    statistics: bool,
    extra_rules: Mapping[str, RuleInfo] | None = None,
    max_findings: int | None = None,
) -> None:
    """Render the run's findings in `fmt` and send them to standard output or `output`.

    `extra_rules` adds metadata (SARIF rule descriptions) beyond the built-in checks.
    `max_findings` caps the findings shown (0: none; None: the format's default).
    """
    from journeykit.builtin_checks import BUILTIN_CHECKS
    from journeykit.output import DEFAULT_MAX_FINDINGS, Format, OutputContext, RuleInfo, formatter
    from journeykit.output.context import by_severity

    if max_findings is None:
        # Programs read json and sarif: all of it, unless they ask for a cap.
        max_findings = 0 if fmt in (Format.json, Format.sarif) else DEFAULT_MAX_FINDINGS
    rules = {
        c.code: RuleInfo(c.code, c.name, c.summary, c.severity) for c in BUILTIN_CHECKS.values()
    }
    rules.update(extra_rules or {})
    findings = result.findings
    # Human output lists errors first: the code frames it needs are of those it shows.
    ordered = by_severity(findings) if fmt is Format.human else findings
    listed = ordered[:max_findings] if max_findings else ordered
    shown = {f.location.file for f in listed}
    sources = result.texts(shown) if fmt is Format.human and shown else {}
    context = OutputContext(
        sources=sources,
        rules=rules,
        files_checked=result.files_checked,
        color=output is None and use_color(),
        width=terminal_width(),
        show_statistics=statistics,
        max_findings=max_findings,
    )
    emit(formatter(fmt)(findings, context), output)


def output_path(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land outside `folder`."""
    path = folder / name
    if Path(name).name != name or name in ("", ".", "..") or name.startswith("."):
        raise ValueError(f"unsafe output name {name!r}")
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{path} would be written outside {folder}")
    return path


def load_journeys(
    paths: Sequence[Path] | None, persona: str | None, *, lint: bool = False
) -> tuple[Selection, list[LeftOut]]:
    """The journeys the paths select (of `persona`), and the files left out (each named
    on standard error); exits 2 on usage errors, unknown personas and no journeys."""
    from journeykit.render.selection import UnknownPersona, select_journeys
    from journeykit.run.options import LintRequest, RunOptions

    options = RunOptions(base=Path.cwd(), jobs=None, lint=LintRequest() if lint else None)
    result = checked(paths, options)
    say_left_out(result.left_out)
    try:
        selection = select_journeys(result, persona)
    except UnknownPersona as exc:
        fail(str(exc))
    for journey_id in selection.skipped:
        sys.stderr.write(f"journeykit: {journey_id}: skipped, not a journey of {persona!r}\n")
    if not selection.journeys:
        seen = " (see the messages above)" if result.left_out else ""
        fail("no journeys to render" + seen)
    return selection, result.left_out
