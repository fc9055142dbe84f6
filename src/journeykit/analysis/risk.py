"""The risk tiers of "Fix first": every lint rule by the harm it points at, worst first.

The gap report ranks what it lists by customer and legal risk before anything else: a
message to a customer who said no is a breach of trust and of the law (GDPR, ePrivacy),
whatever the importance of the touchpoint; a missing owner is a chore. `RISK` is the one
mapping: every lint rule code has a tier and the words its merged row uses
(`tests/test_gaps_fix_first.py` checks that every registered rule is in it, so a new rule
cannot be forgotten). Within a tier, `Fix first` orders by severity, then the importance
of the touchpoint, then how many places share the problem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Tier(enum.IntEnum):
    """The risk tiers, 1 the worst."""

    consent = 1
    """Messages without consent, or to customers who opted out (JK402, JK403)."""
    channel = 2
    """Channel policy broken, customers flooded with messages (JK404, JK405, JK416)."""
    stranded = 3
    """The customer left alone: dead ends, unreachable steps, pain and low points nobody
    follows up, silent drop-outs, nothing after the purchase."""
    coverage = 4
    """The design incomplete for the customer: personas not reached (or not on a channel
    they prefer), empty stages, no branches, messages without their timing."""
    measurement = 5
    """KPIs missing, without targets, off target, or telling another story than the data."""
    evidence = 6
    """Assumptions without sources, what the map leaves unsaid (emotions, intents, a
    message's purpose), touchpoints nobody owns."""
    hygiene = 7
    """Names and phases, catalog clean-up, suppression comments."""

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class RiskRule:
    tier: Tier
    says: str
    """The plural predicate of a merged row: "6 touchpoints <says>: a, b, c (+3 more)"."""


RISK: dict[str, RiskRule] = {
    # JK3 structure and flow
    "JK301": RiskRule(Tier.coverage, "have no touchpoint"),
    "JK302": RiskRule(Tier.stranded, "stop at the purchase"),
    "JK303": RiskRule(Tier.stranded, "are not reached from any entry"),
    "JK304": RiskRule(Tier.stranded, "are dead ends"),
    "JK305": RiskRule(Tier.coverage, "run in a straight line"),
    "JK306": RiskRule(Tier.measurement, "are never seen in the events"),
    "JK307": RiskRule(Tier.measurement, "lead where the design does not go"),
    "JK308": RiskRule(Tier.hygiene, "name a phase unlike the other journeys"),
    "JK309": RiskRule(Tier.hygiene, "place no stage in the purchase cycle"),
    "JK310": RiskRule(Tier.evidence, "say nothing of what the customer wants"),
    "JK311": RiskRule(Tier.coverage, "show only the brand's moments"),
    # JK4 personas and channels
    "JK401": RiskRule(Tier.coverage, "leave a persona unreached"),
    "JK402": RiskRule(Tier.consent, "message on a channel a persona opted out of"),
    "JK403": RiskRule(Tier.consent, "message without an opt-in before them"),
    "JK404": RiskRule(Tier.channel, "break the channel policy"),
    "JK405": RiskRule(Tier.channel, "send too many messages"),
    "JK406": RiskRule(Tier.coverage, "reach a persona on no channel they prefer"),
    "JK407": RiskRule(Tier.coverage, "leave a decision maker out"),
    "JK408": RiskRule(Tier.stranded, "lose the customer between channels"),
    "JK409": RiskRule(Tier.evidence, "do not say what they are for"),
    "JK410": RiskRule(Tier.coverage, "say neither their trigger nor their timing"),
    "JK411": RiskRule(Tier.coverage, "are on social media a persona does not use"),
    "JK412": RiskRule(Tier.stranded, "go quiet after the purchase"),
    "JK413": RiskRule(Tier.coverage, "ask no customer how it went"),
    "JK414": RiskRule(Tier.coverage, "thank loyal customers with promotions only"),
    "JK415": RiskRule(Tier.coverage, "lead nowhere after loyalty"),
    "JK416": RiskRule(Tier.channel, "get more marketing than the weekly cap"),
    # JK5 emotions and pain points
    "JK501": RiskRule(Tier.stranded, "are not addressed"),
    "JK502": RiskRule(Tier.stranded, "are low points nobody recovers"),
    "JK503": RiskRule(Tier.evidence, "have no emotion recorded"),
    "JK504": RiskRule(Tier.stranded, "lose customers without a word"),
    # JK6 measurement
    "JK601": RiskRule(Tier.measurement, "have no KPI"),
    "JK602": RiskRule(Tier.measurement, "have no target"),
    "JK603": RiskRule(Tier.measurement, "credit only the first or last touch"),
    "JK604": RiskRule(Tier.measurement, "are off target"),
    "JK605": RiskRule(Tier.measurement, "disagree with the measured actual"),
    "JK606": RiskRule(Tier.measurement, "measure one layer only"),
    "JK607": RiskRule(Tier.measurement, "are paid for and not measured"),
    # JK7 evidence and ownership
    "JK701": RiskRule(Tier.evidence, "rest on assumptions too much"),
    "JK702": RiskRule(Tier.evidence, "rest on assumptions"),
    "JK703": RiskRule(Tier.evidence, "have no owner"),
    "JK704": RiskRule(Tier.evidence, "have no owner"),
    "JK705": RiskRule(Tier.evidence, "are contradicted by the data"),
    "JK706": RiskRule(Tier.evidence, "leave every touchpoint at the default importance"),
    # JK8 catalog hygiene
    "JK801": RiskRule(Tier.hygiene, "are in no journey"),
    "JK802": RiskRule(Tier.hygiene, "are used by no touchpoint"),
    "JK803": RiskRule(Tier.hygiene, "share a name"),
    "JK804": RiskRule(Tier.hygiene, "have no channel preferences"),
    "JK805": RiskRule(Tier.hygiene, "are thin B2B personas"),
    # JK9 suppression comments
    "JK901": RiskRule(Tier.hygiene, "suppress nothing"),
    "JK902": RiskRule(Tier.hygiene, "name no rule"),
}
"""Every lint rule code -> its tier and the words of its merged row."""

GAP_RULES: dict[str, str] = {
    "stops-at-purchase": "JK302",
    "empty-stage": "JK301",
    "dead-end": "JK304",
    "coverage": "JK401",
    "no-preferred-channel": "JK406",
    "unaddressed-pain": "JK501",
    "low-point": "JK502",
    "unreachable": "JK303",
    "unsourced-assumption": "JK702",
    "unmeasured-stage": "JK601",
    "kpi-without-target": "JK602",
}
"""Each kind of gap the report computes itself -> the lint rule that reports the same
thing. A gap is listed in Fix first only with its rule's finding (one row for both):
the rule, as the workspace configures it, decides whether it is a problem; the gap adds
what it knows (the persona, the importance of the stage)."""
