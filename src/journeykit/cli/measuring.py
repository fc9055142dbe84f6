"""Measuring for the commands given an event log (`render`, `report`, `lint`, `diff`
with `--events`): the same options, messages and exit codes as `measure`, one call of
`journeykit.measure.measure`.

`measure_cmd` uses the same helpers (a CLI helper module, as `common` is); ibis is
imported only when `measured` is called.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    except ImportError:
        fail("--events needs the measure extra: pip install 'journeykit[measure]'")
    settings = measure_settings(project, args.split_after)
    options = MeasureOptions(
        settings=settings,
        journey=args.journey,
        persona=args.persona,
        since=instant("--since", args.since, settings.time_zone, end=False),
        until=instant("--until", args.until, settings.time_zone, end=True),
        base=Path.cwd(),
        attribution=attribution_spec(args.outcome, None, settings),
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


def measure_settings(project: Project, split_after: str | None) -> MeasureSettings:
    """The workspace's `[measure]` checked, `--split-after` over it; exits 2 on either."""
    from journeykit.measure.settings import parse_duration, settings_from
    from journeykit.workspace.errors import ConfigError

    try:
        settings = settings_from(project.config.measure, config_file(project.root))
    except ConfigError as exc:
        fail(str(exc))
    if split_after is None:
        return settings
    try:
        return replace(settings, split_after=parse_duration(split_after))
    except ValueError as exc:
        fail(f"--split-after: {exc}")


def attribution_spec(
    outcome: str | None, models: str | None, settings: MeasureSettings
) -> AttributionSpec | None:
    """`--outcome` and `--attribution` (None: every model) with `[measure]`'s half-life
    and position weights; exits 2 on a blank outcome or an unknown model. `--attribution`
    alone attributes the natural outcome, the ends marked `end: converted`."""
    if outcome is None and models is None:
        return None
    from journeykit.measure.attribution import DEFAULT_OUTCOME, AttributionSpec, parse_models

    if outcome is not None and not outcome.strip():
        fail("--outcome: name a touchpoint or stage id, or an outcome such as converted")
    half_life, position = settings.attribution_half_life, settings.attribution_position
    spec = AttributionSpec(
        (outcome or DEFAULT_OUTCOME).strip(),
        half_life=half_life,
        position=position,
        implied=outcome is None,
    )
    if models is None:
        return spec
    try:
        return replace(spec, models=parse_models(models))
    except ValueError as exc:
        fail(f"--attribution: {exc}")


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
