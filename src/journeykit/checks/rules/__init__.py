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
    first_last_touch_only,
    invalid_suppression,
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
    stage_without_emotion,
    stage_without_kpi,
    stage_without_touchpoints,
    stops_at_purchase,
    unaddressed_pain_point,
    unattended_low_point,
    unreachable_touchpoint,
    unused_channel,
    unused_persona,
    unused_suppression,
)
from journeykit.checks.rules.base import EngineRule, JourneyRule, ProjectRule, Rule

RULES: dict[str, Rule] = {
    "JK301": stage_without_touchpoints.RULE,
    "JK302": stops_at_purchase.RULE,
    "JK303": unreachable_touchpoint.RULE,
    "JK304": dead_end.RULE,
    "JK305": linear_journey.RULE,
    "JK401": persona_stage_gap.RULE,
    "JK402": opted_out_channel.RULE,
    "JK403": missing_consent.RULE,
    "JK404": channel_policy.RULE,
    "JK405": message_overload.RULE,
    "JK406": no_preferred_channel.RULE,
    "JK501": unaddressed_pain_point.RULE,
    "JK502": unattended_low_point.RULE,
    "JK503": stage_without_emotion.RULE,
    "JK601": stage_without_kpi.RULE,
    "JK602": kpi_without_target.RULE,
    "JK603": first_last_touch_only.RULE,
    "JK604": kpi_off_target.RULE,
    "JK701": assumption_share.RULE,
    "JK702": missing_evidence.RULE,
    "JK703": missing_owner.RULE,
    "JK704": opportunity_without_owner.RULE,
    "JK801": unused_persona.RULE,
    "JK802": unused_channel.RULE,
    "JK803": duplicate_name.RULE,
    "JK901": unused_suppression.RULE,
    "JK902": invalid_suppression.RULE,
}
"""Every lint rule by code, in code order."""

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
