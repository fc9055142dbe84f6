"""The kinds of change a diff reports, each with a stable name and a default level.

`[diff.levels]` in journeykit.toml overrides a level by name, or hides a kind with
`"ignore"`. This module is plain data: `journeykit.workspace.config` imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.findings import Scale, Severity


class Level(Scale):
    """How much a change matters to a reviewer; `--fail-on` compares against it.

    The severity scale in the diff's words: a rank compares equal to the severity of the
    same rank. `"ignore"` in the configuration is no level: the change is not reported.
    """

    INFO = Severity.INFO.value
    """Worth seeing, needs no action: text edits, additions."""
    WARNING = Severity.WARNING.value
    """Changes what the journey means: a removed stage, a touchpoint on another channel."""
    BREAKING = Severity.ERROR.value
    """Breaks something: an error finding, a removed item other files still refer to."""

    @classmethod
    def noun(cls) -> str:
        return "change level"


@dataclass(frozen=True, slots=True)
class ChangeRule:
    name: str
    level: Level
    summary: str


def _r(name: str, level: Level, summary: str) -> ChangeRule:
    return ChangeRule(name, level, summary)


_I, _W, _B = Level.INFO, Level.WARNING, Level.BREAKING

CHANGE_RULES: dict[str, ChangeRule] = {
    r.name: r
    for r in (
        _r("journey-added", _I, "A journey was added."),
        _r("journey-removed", _W, "A journey was removed."),
        _r("referenced-journey-removed", _B, "A journey was removed; another still steps to it."),
        _r("journey-id-changed", _W, "A journey kept its content under a new id."),
        _r("journey-file-renamed", _I, "A journey moved to another file."),
        _r("journey-unreadable", _B, "A journey file no longer loads."),
        _r("journey-repaired", _I, "A journey file that did not load now does."),
        _r("journey-persona-added", _I, "A persona was added to a journey."),
        _r("journey-persona-removed", _W, "A persona was removed from a journey."),
        _r("status-changed", _I, "A journey's status changed (draft, review, approved)."),
        _r("map-type-changed", _I, "A journey's map type changed."),
        _r("stage-added", _I, "A stage was added."),
        _r("stage-removed", _W, "A stage was removed."),
        _r("stage-id-changed", _W, "A stage kept its content under a new id."),
        _r("stage-reordered", _I, "A stage moved to another position."),
        _r("phase-changed", _W, "A stage's phase changed."),
        _r("touchpoint-added", _I, "A touchpoint was added."),
        _r("touchpoint-removed", _W, "A touchpoint was removed."),
        _r(
            "referenced-touchpoint-removed",
            _B,
            "A touchpoint was removed or renamed; another journey still steps to it.",
        ),
        _r("touchpoint-id-changed", _W, "A touchpoint kept its content under a new id."),
        _r("touchpoint-moved", _W, "A touchpoint moved to another stage."),
        _r("touchpoint-reordered", _I, "A touchpoint moved to another position in its list."),
        _r("channel-changed", _W, "A touchpoint happens on another channel."),
        _r("kind-changed", _I, "A touchpoint's kind changed (message, action, event)."),
        _r("emotion-changed", _I, "The customer's emotion at a touchpoint changed."),
        _r("importance-changed", _I, "A touchpoint's importance changed."),
        _r("entry-changed", _W, "A touchpoint became or stopped being an entry or an end."),
        _r("touchpoint-personas-changed", _W, "The personas a touchpoint applies to changed."),
        _r("opt-in-changed", _W, "The channels a touchpoint collects consent for changed."),
        _r(
            "purpose-changed",
            _W,
            "A touchpoint's purpose or context flag changed; consent rules depend on it.",
        ),
        _r("timing-changed", _I, "A touchpoint's trigger or timing changed."),
        _r("evidence-changed", _I, "What a touchpoint rests on changed (fact, assumption)."),
        _r("owner-changed", _I, "The team that owns a journey, touchpoint or opportunity."),
        _r("text-changed", _I, "Names, descriptions, content and other prose."),
        _r("pain-point-added", _I, "A pain point was added."),
        _r("pain-point-removed", _I, "A pain point was removed."),
        _r("pain-point-changed", _I, "A pain point's description or severity changed."),
        _r("opportunity-added", _I, "An opportunity was added."),
        _r("opportunity-removed", _I, "An opportunity was removed."),
        _r("opportunity-changed", _I, "An opportunity changed."),
        _r("kpi-added", _I, "A KPI was added."),
        _r("kpi-removed", _W, "A KPI was removed."),
        _r("kpi-id-changed", _W, "A KPI kept its content under a new id."),
        _r("kpi-target-changed", _W, "A KPI's target or direction changed."),
        _r("kpi-changed", _I, "A KPI's actual, unit, source, name, measure or attribution."),
        _r("transition-added", _I, "A step between touchpoints was added."),
        _r("transition-removed", _W, "A step between touchpoints was removed."),
        _r("transition-changed", _I, "A step's label or condition changed."),
        _r("persona-added", _I, "A persona was added to the catalog."),
        _r("persona-removed", _W, "A persona was removed from the catalog."),
        _r("referenced-persona-removed", _B, "A persona was removed; a journey still names it."),
        _r("persona-changed", _I, "A persona's description changed."),
        _r("channel-preference-changed", _W, "A persona's channel preference or consent."),
        _r("channel-added", _I, "A channel was added to the catalog."),
        _r("channel-removed", _W, "A channel was removed from the catalog."),
        _r("referenced-channel-removed", _B, "A channel was removed; a journey still uses it."),
        _r("channel-definition-changed", _W, "A channel's kind, presence or consent rule."),
        _r("observed-worse", _W, "Measured: fitness fell, jumps rose, a touchpoint went unseen."),
        _r("observed-better", _I, "Measured: fitness rose, jumps fell, a jump no longer taken."),
        _r("observed-jump-added", _W, "Measured: customers take an undesigned transition."),
        _r("observed-kpi-changed", _I, "Measured: a KPI's measured actual changed."),
        _r("observed-attribution", _I, "Measured: where the attribution models disagree most."),
        _r("error-introduced", _B, "The change introduces an error finding."),
        _r("warning-introduced", _W, "The change introduces a warning finding."),
        _r("info-introduced", _I, "The change introduces an info finding."),
        _r("finding-fixed", _I, "The change fixes a finding."),
    )
}
