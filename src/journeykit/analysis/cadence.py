"""How often a message goes out, read from the words of its `timing` and `trigger`.

Maps say when a message goes out in the team's own words ("Tuesdays at 18.00", "Monthly,
every member with e-mail consent", "Days 2, 9, 23 and 40 after the download"). A
frequency cap needs a number, so the words are read the simple way a planner would:

- Recurring: "daily" or "every day" is 7 a week; "every Monday" or "Tuesdays" 1 a week for
  each weekday named ("every weekday" 5); "weekly" 1; "fortnightly" or "every other week"
  0.5; "monthly" or "of the month" ("first Monday of the month") 0.25; "every 3 days",
  "twice a week", "3 times a month" what they say. A limit is not a schedule ("never on
  Sundays", "at most once a day"), and a birthday or "yearly" is a one-off.
- One-off: everything else goes out once on each day its words give, counted from what
  sets it off: "day 3", "days 1, 4 and 9", "two days after", "ten days before" (day
  -10), "next day"; on day 0 when no day is given ("immediately", "within 10 minutes").

`timing` is read first, then `trigger`: "Weekly, to subscribers" as the trigger and
"Tuesdays at 18.00" as the timing is one message a week. English and the common Finnish
words are read (viikoittain, joka maanantai, päivinä 1, 4 ja 9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "once": 1,
    "twice": 2,
    "other": 2,
    "second": 2,
    "third": 3,
}
_NUM = r"\d+|" + "|".join(_NUMBERS)
_PER_UNIT = {"day": 7.0, "week": 1.0, "month": 0.25}
"""Messages a week of once a day, once a week, once a month."""

_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai"
)
_TIMES = re.compile(
    rf"\b(?:(?P<n>{_NUM})\s+times|(?P<once>once|twice))\s+(?:a|an|per|each|every)\s+"
    r"(?P<unit>day|week|month)\b"
)
_EVERY_N = re.compile(rf"\bevery\s+(?P<n>{_NUM})\s+(?P<unit>day|week|month)s?\b")
_FIXED = (
    (re.compile(r"\b(?:daily|every\s+day|each\s+day|päivittäin|joka\s+päivä)\b"), 7.0),
    (re.compile(r"\b(?:every\s+weekday|each\s+weekday|joka\s+arkipäivä)\b"), 5.0),
    (re.compile(r"\b(?:fortnightly|bi-?weekly|joka\s+toinen\s+viikko)\b"), 0.5),
    (re.compile(r"\b(?:weekly|every\s+week|each\s+week|viikoittain|joka\s+viikko)\b"), 1.0),
)
_EVERY_WEEKDAY = re.compile(
    rf"\b(?:every|each|joka)\s+((?:{_WEEKDAYS})(?:\s*(?:,|and|&|ja)\s*(?:{_WEEKDAYS}))*)\b"
)
_PLURAL_WEEKDAY = re.compile(rf"\b({_WEEKDAYS})(?:s|sin)\b")
_MONTHLY = re.compile(
    r"\b(?:monthly|every\s+month|each\s+month|of\s+(?:the|each|every)\s+month|"
    r"kuukausittain|joka\s+kuukausi|kerran\s+kuussa)\b"
)
_DAY = r"(?:days?|päivin[äa]|päiv[äa])"
_DAY_LIST = re.compile(rf"\b{_DAY}\s+(\d+(?:\s*(?:,|and|or|&|ja|tai)\s*(?:{_DAY}\s+)?\d+)*)\b")
_AFTER = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?P<unit>hour|day|week|month)s?\s+(?P<way>after|before|later|from|of)\b"
)
_NEXT_DAY = re.compile(
    r"\b(?:next\s+day|the\s+day\s+(?:after|before)|tomorrow|next\s+morning|"
    r"seuraavana\s+päivänä|edellisenä\s+päivänä)\b"
)
_LIMIT = re.compile(
    r"\b(?:never|not|no|except|excluding|at\s+most|up\s+to|max(?:imum)?|ei|enintään)\b"
)
_UNIT_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0}


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often one message goes out."""

    per_week: float
    """Messages a week of a recurring message; 0 for a one-off."""
    days: tuple[int, ...] = ()
    """The days a one-off goes out on, counted from what sets it off (0 is that day)."""

    @property
    def recurring(self) -> bool:
        return self.per_week > 0


def cadence(timing: str | None, trigger: str | None) -> Cadence:
    """The cadence of a message with this `timing` and `trigger` (see the module doc)."""
    texts = [t.lower() for t in (timing, trigger) if t]
    for text in texts:
        rate = per_week(text)
        if rate:
            return Cadence(rate)
    for text in texts:
        days = send_days(text)
        if days:
            return Cadence(0.0, days)
    return Cadence(0.0, (0,))


def per_week(text: str) -> float:
    """Messages a week the words say, 0 when they say no recurring schedule."""
    text = text.lower()
    for pattern in (_TIMES, _EVERY_N):
        for found in _scheduled(pattern, text):
            n = _number(found.group("n") or found.group("once") or "1")
            rate = _PER_UNIT[found.group("unit")]
            return rate * n if pattern is _TIMES else rate / max(n, 1)
    for fixed, rate in _FIXED:
        if _scheduled(fixed, text):
            return rate
    weekdays = {d for m in _scheduled(_EVERY_WEEKDAY, text) for d in re.findall(_WEEKDAYS, m[1])}
    weekdays.update(m[1] for m in _scheduled(_PLURAL_WEEKDAY, text))
    if weekdays:
        return float(len(weekdays))
    return 0.25 if _scheduled(_MONTHLY, text) else 0.0


def _scheduled(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches that say when messages go out, not when they never do or how many at
    most: "never on Sundays" and "at most once a day" are limits, not a schedule."""
    found = []
    for match in pattern.finditer(text):
        clause = re.split(r"[,;.]", text[: match.start()])[-1]
        if not _LIMIT.search(clause):
            found.append(match)
    return found


def send_days(text: str) -> tuple[int, ...]:
    """The days a one-off goes out on, as the words give them; () when they give none."""
    text = text.lower()
    days = [int(n) for m in _DAY_LIST.finditer(text) for n in re.findall(r"\d+", m[1])]
    for found in _AFTER.finditer(text):
        sign = -1 if found["way"] == "before" else 1
        days.append(sign * int(_number(found["n"]) * _UNIT_DAYS[found["unit"]]))
    if not days and _NEXT_DAY.search(text):
        days.append(1)
    return tuple(days)


def busiest_week(days: list[int]) -> list[int]:
    """The most sends within 7 days in a row: the days of the sends, in order."""
    ordered = sorted(days)
    best: list[int] = []
    for i, first in enumerate(ordered):
        window = [d for d in ordered[i:] if d < first + 7]
        if len(window) > len(best):
            best = window
    return best


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]
