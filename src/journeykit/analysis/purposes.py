"""Why a touchpoint reaches out: its declared `purpose`, or one read from its words.

Maps are written by people who seldom fill in every field, so rules that care whether a
message recovers a bad moment or asks something of the customer read the purpose from
the touchpoint's kind and words (name, description, content) when it is not declared.
The declared purpose always wins. Consent rules should not rely on the guess: they read
`Touchpoint.purpose` itself.
"""

from __future__ import annotations

import re

from journeykit.model import Purpose, Touchpoint, TouchpointKind

_FEEDBACK = re.compile(r"\b(reviews?|survey\w*|rate us|rate your|nps|feedback)\b", re.IGNORECASE)
_RECOVERY = re.compile(
    r"\b(support|help(s|ed|ing|desk|line)?|apolog\w*|sorry|fix(es|ed|ing)?|refund\w*|"
    r"compensat\w*|replac\w*|resolv\w*|resolution)\b",
    re.IGNORECASE,
)
_MARKETING = re.compile(
    r"\b(upsell\w*|offers?|upgrade\w*|discounts?|promo\w*|newsletters?|cross-sell\w*)\b",
    re.IGNORECASE,
)
_TRANSACTIONAL = re.compile(
    r"\b(receipts?|invoices?|bills?|confirm\w*|deliver\w*|dispatch\w*|shipp\w*|"
    r"tracking|booking|password|statement)\b",
    re.IGNORECASE,
)

SERVICE = (Purpose.transactional, Purpose.recovery)
"""Purposes that serve what the customer bought (a bill, a delivery notice, support):
they need no marketing consent, and an opt-out from the channel's marketing does not
stop them."""


def needs_permission(touchpoint: Touchpoint) -> bool:
    """A message of the brand's that needs the customer's permission on its channel
    (consent to send it, and no opt-out): any declared purpose but a service one. Only the
    declared purpose counts: a consent rule does not rest on a guess from the words."""
    return (
        touchpoint.kind is TouchpointKind.message
        and not touchpoint.context
        and touchpoint.purpose not in SERVICE
    )


RANK = {
    Purpose.marketing: 0,
    None: 1,
    Purpose.feedback: 2,
    Purpose.recovery: 3,
    Purpose.transactional: 4,
}
"""How much a message is worth to the customer, least first: an offer before a message
of unknown purpose, before a feedback request, a recovery and, last, the transactional
message (the delivery notice) the customer waits for."""


def words(touchpoint: Touchpoint) -> str:
    """The text the purpose is read from: name, description and content."""
    return " ".join(p for p in (touchpoint.name, touchpoint.description, touchpoint.content) if p)


def inferred_purpose(touchpoint: Touchpoint) -> Purpose | None:
    """The declared purpose, else one read from the words, else None.

    Only what the company does is read: an event (the parcel is late) has no purpose
    unless one is declared, and an action (the customer calls the help line) can only be a
    recovery. Feedback words win over recovery words ("how did our support do? rate us"
    is a survey), recovery words over marketing words ("sorry: a replacement offer" puts
    the moment right), and transactional words come last.
    """
    if touchpoint.purpose is not None:
        return touchpoint.purpose
    if touchpoint.context or touchpoint.kind is TouchpointKind.event:
        return None
    text = words(touchpoint)
    if touchpoint.kind is TouchpointKind.action:
        return Purpose.recovery if _RECOVERY.search(text) else None
    for pattern, purpose in (
        (_FEEDBACK, Purpose.feedback),
        (_RECOVERY, Purpose.recovery),
        (_MARKETING, Purpose.marketing),
        (_TRANSACTIONAL, Purpose.transactional),
    ):
        if pattern.search(text):
            return purpose
    return None


def is_recovery(touchpoint: Touchpoint) -> bool:
    """Puts a bad moment right (support, an apology, a fix, a refund): `purpose:
    recovery`, or read from the words. Never a context touchpoint; and a guessed one
    where the customer still feels bad (the help line that keeps them on hold) is not."""
    if touchpoint.context:
        return False
    if touchpoint.purpose is not None:
        return touchpoint.purpose is Purpose.recovery
    feels_bad = touchpoint.emotion is not None and touchpoint.emotion.score < 0
    return not feels_bad and inferred_purpose(touchpoint) is Purpose.recovery


def is_ask(touchpoint: Touchpoint) -> bool:
    """Asks something of the customer (a review, a survey, an offer, an upgrade):
    `purpose: feedback` or `marketing`, or read from the words. Never a context one."""
    return not touchpoint.context and inferred_purpose(touchpoint) in (
        Purpose.feedback,
        Purpose.marketing,
    )


def ask_noun(touchpoint: Touchpoint) -> str:
    """What the ask is, in a word or two: 'review request', 'survey', 'offer'."""
    text = words(touchpoint)
    if inferred_purpose(touchpoint) is Purpose.marketing:
        return "marketing message"
    if re.search(r"\breviews?\b", text, re.IGNORECASE):
        return "review request"
    if re.search(r"\b(survey\w*|nps)\b", text, re.IGNORECASE):
        return "survey"
    return "feedback request"
