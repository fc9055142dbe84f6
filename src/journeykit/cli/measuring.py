"""Measuring for a command other than `measure` (`render --events`): the same options,
the same messages and exit codes, one call of `journeykit.measure.measure`.

The helpers mirror those of `measure_cmd` (command modules do not import each other);
ibis is imported only when `measured` is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from journeykit.cli.common import fail

if TYPE_CHECKING:
    import ibis

    from journeykit.measure import Measurement, MeasureSettings
    from journeykit.measure.attribution import AttributionSpec
    from journeykit.workspace.project import Project


@dataclass(frozen=True, slots=True)
class MeasureArgs:
    """What the user gave: the log and the measure options, as typed."""

    events: str
    journey: str | None = None
    persona: str | None = None
    since: str | None = None
    until: str | None = None
    split_after: str | None = None
    engine: str | None = None
    outcome: str | None = None
    """A touchpoint or stage to attribute, with every model."""


def measured(project: Project, args: MeasureArgs) -> Measurement:
    """`project` measured against the log, or the snapshot `args.events` names (a `.json`
    file `measure -f json` wrote); exits 2 with the message on unusable input."""
    from journeykit.measure.snapshot import is_snapshot

    if is_snapshot(args.events):
        return _snapshot(args)
    try:
        import ibis  # noqa: F401  (the extra is there: else the message below, not exit 3)

        from journeykit.measure import MeasureError, MeasureOptions, measure
        from journeykit.measure.settings import parse_duration, settings_from
    except ImportError:
        fail("--events needs the measure extra: pip install 'journeykit[measure]'")
    from dataclasses import replace

    from journeykit.workspace.errors import ConfigError

    try:
        settings = settings_from(project.config.measure, config_file(project.root))
    except ConfigError as exc:
        fail(str(exc))
    if args.split_after is not None:
        try:
            settings = replace(settings, split_after=parse_duration(args.split_after))
        except ValueError as exc:
            fail(f"--split-after: {exc}")
    options = MeasureOptions(
        settings=settings,
        journey=args.journey,
        persona=args.persona,
        since=instant("--since", args.since, settings.time_zone, end=False),
        until=instant("--until", args.until, settings.time_zone, end=True),
        base=Path.cwd(),
        attribution=_attribution(args.outcome, settings),
    )
    backend = connect(settings, args.engine or settings.engine)
    try:
        return measure(project, args.events, options, backend)
    except MeasureError as exc:
        fail(str(exc))
    finally:
        close(backend)


def _snapshot(args: MeasureArgs) -> Measurement:
    from journeykit.measure.errors import MeasureError
    from journeykit.measure.snapshot import load_snapshot

    # --journey and --persona only choose among the journeys the snapshot measured.
    options = [
        ("--since", args.since),
        ("--until", args.until),
        ("--split-after", args.split_after),
        ("--engine", args.engine),
        ("--outcome", args.outcome),
    ]
    for flag, value in options:
        if value is not None:
            fail(f"{flag}: {args.events} is a snapshot, measured already (measure again)")
    path = Path(args.events)
    try:
        return load_snapshot(path if path.is_absolute() else Path.cwd() / path, args.events)
    except MeasureError as exc:
        fail(str(exc))


def _attribution(outcome: str | None, settings: MeasureSettings) -> AttributionSpec | None:
    if outcome is None:
        return None
    from journeykit.measure.attribution import AttributionSpec

    if not outcome.strip():
        fail("--outcome: name a touchpoint or stage id")
    half_life, position = settings.attribution_half_life, settings.attribution_position
    return AttributionSpec(outcome.strip(), half_life=half_life, position=position)


def config_file(root: Path) -> Path | None:
    for name in ("journeykit.toml", "pyproject.toml"):
        if (root / name).is_file():
            return root / name
    return None


def instant(flag: str, text: str | None, zone: str, *, end: bool) -> datetime | None:
    """A date (the whole day) or an ISO instant; without an offset, in the log's zone."""
    if text is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{flag}: {text!r} is not a date (YYYY-MM-DD) or an ISO 8601 instant")
    if end and len(text.strip()) == 10:
        value += timedelta(days=1)
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(zone))


def connect(settings: MeasureSettings, engine: str) -> ibis.BaseBackend:
    """The engine; a missing one (Java, pyspark, DuckDB) exits 2 with what to install."""
    from journeykit.measure import MeasureError, engines

    try:
        return engines.connect(settings, engine)
    except MeasureError as exc:
        fail(str(exc))


def close(backend: ibis.BaseBackend) -> None:
    from journeykit.measure import engines

    engines.close(backend)
