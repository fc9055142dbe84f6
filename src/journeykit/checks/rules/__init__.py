"""The lint rules: one module per rule, listed here by code.

Categories by the first digit: JK3 structure and flow, JK4 personas and channels, JK5
emotions and pain points, JK6 measurement, JK7 evidence and ownership, JK8 catalog
hygiene, JK9 suppression comments. Built-in checks JK0-JK2 live in
`journeykit.builtin_checks`.
"""

from __future__ import annotations

from journeykit.checks.rules import (
    assumption_share,
    channel_policy,
    dead_end,
    duplicate_name,
    evidence_against_data,
    first_last_touch_only,
    invalid_suppression,
    kpi_actual_disagrees,
    kpi_off_target,
    kpi_without_target,
    linear_journey,
    message_overload,
    missing_consent,
    missing_evidence,
    missing_owner,
    no_preferred_channel,
    opportunity_without_owner,
    opted_out_channel,
    persona_stage_gap,
    silent_drop_out,
    stage_without_emotion,
    stage_without_kpi,
    stage_without_touchpoints,
    stops_at_purchase,
    unaddressed_pain_point,
    unattended_low_point,
    undesigned_traffic,
    unobserved_touchpoint,
    unreachable_touchpoint,
    unused_channel,
    unused_persona,
    unused_suppression,
)
from journeykit.checks.rules.base import EngineRule, JourneyRule, ProjectRule, Rule
from journeykit.registry import keyed

RULES: dict[str, Rule] = keyed(
    (
        stage_without_touchpoints.RULE,
        stops_at_purchase.RULE,
        unreachable_touchpoint.RULE,
        dead_end.RULE,
        linear_journey.RULE,
        unobserved_touchpoint.RULE,
        undesigned_traffic.RULE,
        persona_stage_gap.RULE,
        opted_out_channel.RULE,
        missing_consent.RULE,
        channel_policy.RULE,
        message_overload.RULE,
        no_preferred_channel.RULE,
        unaddressed_pain_point.RULE,
        unattended_low_point.RULE,
        stage_without_emotion.RULE,
        silent_drop_out.RULE,
        stage_without_kpi.RULE,
        kpi_without_target.RULE,
        first_last_touch_only.RULE,
        kpi_off_target.RULE,
        kpi_actual_disagrees.RULE,
        assumption_share.RULE,
        missing_evidence.RULE,
        missing_owner.RULE,
        opportunity_without_owner.RULE,
        evidence_against_data.RULE,
        unused_persona.RULE,
        unused_channel.RULE,
        duplicate_name.RULE,
        unused_suppression.RULE,
        invalid_suppression.RULE,
    ),
    lambda rule: rule.code,
)
"""Every lint rule by its own `code`, in code order (the order `journeykit rules` and
docs/rules.md list them in)."""

CATEGORIES: dict[str, str] = {
    "JK3": "structure and flow",
    "JK4": "personas and channels",
    "JK5": "emotions and pain points",
    "JK6": "measurement",
    "JK7": "evidence and ownership",
    "JK8": "catalog hygiene",
    "JK9": "suppression comments",
}

__all__ = ["CATEGORIES", "RULES", "EngineRule", "JourneyRule", "ProjectRule", "Rule"]
