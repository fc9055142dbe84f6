"""What a lint rule is: metadata, documentation and a check over a context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.analysis.coverage import StageGap, persona_stage_gaps
from journeykit.analysis.flow import successors
from journeykit.findings import Finding, Location, Severity
from journeykit.model import Journey, Part, Phases
from journeykit.workspace.project import Located, Project

if TYPE_CHECKING:
    from journeykit.measure.result import Metrics

OptionValue = bool | int | float | str | list[str] | dict[str, list[str]]


def with_action(hint: str | None, action: str | None) -> str | None:
    """The hint a finding shows: the fix in the file, then the CX action beside it."""
    if not action:
        return hint
    return f"{hint}; CX: {action}" if hint else f"CX: {action}"


@dataclass(frozen=True, kw_only=True)
class RuleMeta:
    code: str
    """Stable code such as `JK301`; the first digit after JK is the category."""
    name: str
    """Readable kebab-case name."""
    severity: Severity
    """Default severity; `[lint.rules.CODE] severity` overrides it."""
    doc: str
    """The module docstring: first line the summary, then the why, a failing and a
    passing example."""
    options: Mapping[str, OptionValue] = field(default_factory=dict)
    """Option names and their defaults; a configured value must have the default's type."""
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Option name -> the values it takes (each item, for a list): a configured value
    outside them is a configuration error with its line, not an option silently unused."""
    phase_options: tuple[str, ...] = ()
    """Options whose values are phase names: checked against the workspace's
    `[journeys] phases`, with their line."""
    default_enabled: bool = True
    """False for rules that run only when `select` names them (or their prefix)."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name


@dataclass(frozen=True, slots=True)
class ProjectContext:
    """What a rule sees: the project, its options and how to word a finding."""

    project: Project
    rule: RuleMeta
    severity: Severity
    options: Mapping[str, OptionValue]

    def finding(
        self,
        message: str,
        location: Location,
        hint: str | None = None,
        action: str | None = None,
    ) -> Finding:
        """A finding of this rule. `hint` is the fix in the file; `action` what the team
        does for the customer (shown beside it as "CX: ...")."""
        return Finding(
            self.rule.code,
            self.rule.name,
            self.severity,
            message,
            location,
            with_action(hint, action),
        )

    @property
    def phases(self) -> Phases:
        """The workspace's phases and the part each plays for the rules."""
        return self.project.config.journeys.phase_set

    def int_option(self, name: str) -> int:
        value = self.options[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{self.rule.code} option {name!r} is not a whole number")
        return value

    def bool_option(self, name: str) -> bool:
        value = self.options[name]
        if not isinstance(value, bool):
            raise TypeError(f"{self.rule.code} option {name!r} is not true or false")
        return value

    def float_option(self, name: str) -> float:
        value = self.options[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{self.rule.code} option {name!r} is not a number")
        return float(value)

    def list_option(self, name: str) -> list[str]:
        value = self.options[name]
        if not isinstance(value, list):
            raise TypeError(f"{self.rule.code} option {name!r} is not a list")
        return [str(v) for v in value]

    def table_option(self, name: str) -> dict[str, list[str]]:
        value = self.options[name]
        if not isinstance(value, Mapping):
            raise TypeError(f"{self.rule.code} option {name!r} is not a table")
        return {str(k): [str(v) for v in vs] for k, vs in value.items()}


@dataclass(frozen=True, slots=True)
class JourneyContext(ProjectContext):
    journey: Located[Journey]
    shared: dict[str, Any] = field(default_factory=dict)
    """What the rules on one journey work out alike, worked out once: the engine hands
    every rule on the journey the same dict."""

    @property
    def model(self) -> Journey:
        return self.journey.item

    def parts(self) -> dict[str, Part | None]:
        """Stage id -> the part its phase plays (None: no phase, or one playing none)."""
        found: dict[str, Part | None] | None = self.shared.get("parts")
        if found is None:
            phases = self.phases
            found = self.shared["parts"] = {s.id: phases.part(s.phase) for s in self.model.stages}
        return found

    def successors(self) -> dict[str, list[str]]:
        """`analysis.flow.successors` of the journey (not to be changed)."""
        graph: dict[str, list[str]] | None = self.shared.get("successors")
        if graph is None:
            graph = self.shared["successors"] = successors(self.model)
        return graph

    def stage_gaps(self, include_buying_group: bool = False) -> list[StageGap]:
        """`analysis.coverage.persona_stage_gaps` of the journey (not to be changed)."""
        key = f"stage-gaps-{include_buying_group}"
        gaps: list[StageGap] | None = self.shared.get(key)
        if gaps is None:
            gaps = self.shared[key] = persona_stage_gaps(
                self.project, self.journey, include_buying_group=include_buying_group
            )
        return gaps


@dataclass(frozen=True, kw_only=True)
class JourneyRule(RuleMeta):
    """A rule run once per journey."""

    check: Callable[[JourneyContext], Iterable[Finding]]


@dataclass(frozen=True, kw_only=True)
class ProjectRule(RuleMeta):
    """A rule run once over the whole project (catalog hygiene)."""

    check: Callable[[ProjectContext], Iterable[Finding]]


@dataclass(frozen=True, kw_only=True)
class EngineRule(RuleMeta):
    """A rule the lint engine applies itself: findings about suppression comments."""


@dataclass(frozen=True, slots=True)
class ObservedContext(JourneyContext):
    """A journey rule's context, with what customers did: the journey measured against
    an event log (`journeykit lint --events`), everyone's metrics."""

    observed: Metrics | None = None
    """Everyone's metrics of the journey in the measured period."""

    @property
    def metrics(self) -> Metrics:
        assert self.observed is not None  # the observed run always sets it
        return self.observed


@dataclass(frozen=True, kw_only=True)
class ObservedRule(RuleMeta):
    """A rule run once per measured journey, only when lint is given events."""

    check: Callable[[ObservedContext], Iterable[Finding]]


Rule = JourneyRule | ProjectRule | EngineRule | ObservedRule
