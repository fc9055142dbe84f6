"""From the domain to the rules: what the people who map journeys ask of a journey, and
which lint rule checks each practice.

Distilled from domain.md and the source articles on journey mapping. A practice no rule
checks says why a journey file cannot show it, or (beginning "not checked yet:") what a
rule would need. A new rule must be named by a practice: tests/rules/test_practices.py
says so. docs/rules.md renders the list as its section "From the domain to the rules".
"""

from __future__ import annotations

from journeykit.checks.rules.practices_data import (
    AFTER,
    AREAS,
    DIGITAL_PATH,
    DOMAIN_EVENTS,
    DOMAIN_MEASURING,
    DOMAIN_USERS,
    EMOTIONS,
    EVIDENCE,
    FIRST,
    LOYALTY,
    MESSAGES,
    NOT_YET,
    OMNICHANNEL_FI,
    ORGANISATION,
    PATH_STAGES,
    SOURCES,
    WHAT_IS,
    Practice,
)

_REST = (
    Practice(
        MESSAGES,
        "Do not repeat yourself: limit how many messages one persona receives in a stage and "
        "on a channel.",
        OMNICHANNEL_FI,
        ("JK405", "JK416"),
    ),
    Practice(
        MESSAGES,
        "Give every message one clear purpose: a transaction, an offer, putting something "
        "right, or asking for an opinion.",
        OMNICHANNEL_FI,
        ("JK409",),
    ),
    Practice(
        MESSAGES,
        "Send what fits the customer's current stage: order confirmations and payment "
        "reminders while buying, delivery notices and surveys after it, rewards once loyal.",
        OMNICHANNEL_FI,
        why_not=(
            "Which message fits which moment depends on the business (a cart reminder is "
            "marketing and belongs in checkout); state the channels allowed per phase with "
            "JK404's policy and review the messages themselves in the pull request."
        ),
    ),
    Practice(
        MESSAGES,
        "Time each message: say what sets it off (an abandoned cart, a delivery) and when it "
        "goes out, so it arrives while it still matters.",
        OMNICHANNEL_FI,
        ("JK410",),
    ),
    Practice(
        EMOTIONS,
        "Note how the customer feels at the touchpoints of every stage: satisfied, "
        "frustrated, confused.",
        WHAT_IS,
        ("JK503",),
    ),
    Practice(
        EMOTIONS,
        "Decide what to do about every pain point found, not only list it.",
        WHAT_IS,
        ("JK501",),
    ),
    Practice(
        EMOTIONS,
        "Answer a bad moment before asking anything of the customer: put it right first, then "
        "offer or survey; a third of customers consider switching after one bad experience.",
        DIGITAL_PATH,
        ("JK502",),
    ),
    Practice(
        EMOTIONS,
        "Where many customers leave at the same point, find out why and write it on the map.",
        DIGITAL_PATH,
        ("JK504",),
    ),
    Practice(
        AFTER,
        "Carry the journey past the checkout: delivery, use, follow-up, repeat purchases and "
        "recommendations are part of it.",
        PATH_STAGES,
        ("JK302",),
    ),
    Practice(
        AFTER,
        "Right after the customer commits, tell them what happens next (a welcome e-mail, "
        "when the follow-up call or the onboarding comes); taking the money and going quiet "
        "spoils the moment of truth after the purchase.",
        DIGITAL_PATH,
        ("JK412",),
    ),
    Practice(
        AFTER,
        "Teach the customer to get value from the purchase: starter packs, how-to videos, "
        "manuals, FAQs, training.",
        PATH_STAGES,
        why_not=(
            "No field tells onboarding from other service messages, and the words differ by "
            "language: review the post-purchase stage for a how-to, a starter guide or "
            "training in the pull request."
        ),
    ),
    Practice(
        AFTER,
        "Ask for the customer's opinion after the purchase (a satisfaction survey) and act on "
        "what they say.",
        WHAT_IS,
        ("JK413",),
    ),
    Practice(
        LOYALTY,
        "Thank loyal customers with more than discounts: early looks at new products, "
        "invitations to test, joint PR, customer newsletters, account-manager meetings, events.",
        DIGITAL_PATH,
        ("JK414",),
    ),
    Practice(
        LOYALTY,
        "Keep the engagement stage a two-way conversation, and contact a lead who goes quiet "
        "again later instead of dropping them.",
        DIGITAL_PATH,
        why_not=(
            "Whether a message invites an answer is in its copy; what a map can show, that "
            "nothing follows a message at all, JK304 reports."
        ),
    ),
    Practice(
        LOYALTY,
        "Treat the journey as a ring: loyalty leads to new needs (repairs, upgrades, other "
        "products) and to satisfied customers recommending the brand to others.",
        WHAT_IS,
        ("JK415",),
    ),
    Practice(
        ORGANISATION,
        "Give every touchpoint an owning team, so complaints about it reach someone who fixes it.",
        DIGITAL_PATH,
        ("JK703",),
    ),
    Practice(
        ORGANISATION,
        "Turn findings into work: every improvement idea has an owner who takes it forward.",
        PATH_STAGES,
        ("JK704",),
    ),
    Practice(
        ORGANISATION,
        "Close the gaps between departments: where the journey passes from one team's "
        "touchpoint to another's, what the customer already told the first must reach the "
        "second.",
        PATH_STAGES,
        why_not=(
            "What one team passes to the next (the customer's history, the order, the case) "
            "is data the format does not hold; JK408 reports channel switches with nothing "
            "carried over, and JK703 names the owner on each side, so review hand-overs "
            "between owners in the pull request."
        ),
    ),
    Practice(
        ORGANISATION,
        "Break down data silos, which nearly half of companies call their biggest challenge: "
        "analytics, CRM, store and support data feed one view of the customer.",
        DIGITAL_PATH,
        why_not="Which systems share a customer id is a question for the data architecture, "
        "not the map; `journeykit measure` needs them joined in one event log.",
    ),
    Practice(
        ORGANISATION,
        "Share the map with every team that serves customers (communications, product design, "
        "customer service), not only marketing and sales.",
        DOMAIN_USERS,
        why_not="Who reads the map is not in a file: share the rendered `journeykit report`.",
    ),
    Practice(
        ORGANISATION,
        "Agree the map in a workshop where staff put themselves in the customer's place.",
        PATH_STAGES,
        why_not="Who took part and whether they agreed is process; the journey's `status` "
        "(draft, review, approved) records the outcome.",
    ),
    Practice(
        EVIDENCE,
        "Base the map on research rather than hunches: record what each touchpoint rests on "
        "and where that can be checked.",
        PATH_STAGES,
        ("JK702",),
    ),
    Practice(
        EVIDENCE,
        "Guess where it saves time, but keep the guesses marked as assumptions and do not let "
        "them carry most of the map.",
        PATH_STAGES,
        ("JK701",),
    ),
    Practice(
        EVIDENCE,
        "Look again at the evidence when the event data says otherwise.",
        DOMAIN_EVENTS,
        ("JK705",),
    ),
    Practice(
        EVIDENCE,
        "Mix quantitative and qualitative research: web and search analytics, social and "
        "newsletter data, feedback, reviews, comments, interviews.",
        PATH_STAGES,
        why_not="Evidence sources are free text, so whether they mix kinds of research is "
        "for the reviewer to read.",
    ),
    Practice(
        EVIDENCE,
        "Measure every stage: conversion, time on page, feedback, support-ticket themes.",
        WHAT_IS,
        ("JK601",),
    ),
    Practice(
        EVIDENCE,
        "Give every measure a target, so it can say whether the stage works.",
        DOMAIN_MEASURING,
        ("JK602",),
    ),
    Practice(
        EVIDENCE,
        "Do not stop at the easy data of first and last touch: most of the journey happens "
        "between them, so credit conversions with a multi-touch model.",
        DIGITAL_PATH,
        ("JK603",),
    ),
    Practice(
        EVIDENCE,
        "Compare the actuals with the targets to find the weak stages.",
        WHAT_IS,
        ("JK604",),
    ),
    Practice(
        EVIDENCE,
        "Keep the numbers on the map current: a typed actual agrees with what the event log "
        "measures.",
        DOMAIN_EVENTS,
        ("JK605",),
    ),
    Practice(
        EVIDENCE,
        "Read each stage through the metric layer that shows it: user response (click-through, "
        "time on site), traffic quality (referrals, lead quality), sales (converted leads, "
        "cost per lead, return on spend).",
        DIGITAL_PATH,
        ("JK606",),
    ),
    Practice(
        EVIDENCE,
        "Track every paid placement with numbers of its own.",
        DIGITAL_PATH,
        ("JK607",),
    ),
    Practice(
        EVIDENCE,
        "Keep improving the journey from feedback and behaviour data instead of mapping it once.",
        WHAT_IS,
        why_not="How often a map is revisited is a team habit; `journeykit diff` shows what "
        "changed between two versions of a journey.",
    ),
)

PRACTICES: tuple[Practice, ...] = tuple(sorted((*FIRST, *_REST), key=lambda p: AREAS.index(p.area)))
"""Every practice, grouped by area in the order of `AREAS` (within an area as written)."""

__all__ = ["AREAS", "NOT_YET", "PRACTICES", "SOURCES", "Practice"]
