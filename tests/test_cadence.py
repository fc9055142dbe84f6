"""How often a message goes out, read from its timing and trigger words (JK416's input):
recurring schedules become messages a week, one-offs the days they go out on."""

from __future__ import annotations

import pytest

from journeykit.analysis.cadence import Cadence, busiest_week, cadence


@pytest.mark.parametrize(
    ("timing", "trigger", "per_week"),
    [
        ("daily", None, 7.0),
        ("Every day at 8", None, 7.0),
        ("every weekday at 8.00", None, 5.0),
        ("weekly", None, 1.0),
        ("Tuesdays at 18.00", "Weekly, to RCS-capable SMS subscribers", 1.0),
        ("every Monday and Thursday", None, 2.0),
        ("every other week", None, 0.5),
        ("fortnightly", None, 0.5),
        ("twice a week", None, 2.0),
        ("3 times a month", None, 0.75),
        ("every 2 weeks", None, 0.5),
        ("monthly", None, 0.25),
        ("At 10.00", "First Monday of the month, every member with a points balance", 0.25),
        ("Second Thursday of the month", None, 0.25),
        ("Monthly, never on Sundays", None, 0.25),
        ("viikoittain", None, 1.0),
        ("joka maanantai", None, 1.0),
        ("maanantaisin klo 9", None, 1.0),
        ("kuukausittain", None, 0.25),
    ],
)
def test_a_schedule_is_messages_a_week(timing: str, trigger: str | None, per_week: float) -> None:
    assert cadence(timing, trigger) == Cadence(per_week)


@pytest.mark.parametrize(
    ("timing", "trigger", "days"),
    [
        (None, None, (0,)),
        ("Immediately", "Order paid", (0,)),
        ("Within 10 minutes", None, (0,)),
        ("Tuesday 17.00", "No purchase in 120 days", (0,)),
        ("Thursday 07.30, campaign runs Thursday to Sunday", None, (0,)),
        ("First day of the birthday month", "Member's birthday month", (0,)),
        ("never on Sundays", None, (0,)),
        ("at most once a day", None, (0,)),
        ("Day 3 after delivery", None, (3,)),
        ("Days 2, 9, 23 and 40 after the download", None, (2, 9, 23, 40)),
        ("Day 3 and day 6 of the pickup window", None, (3, 6)),
        ("Päivinä 1, 4 ja 9 tilauksesta", None, (1, 4, 9)),
        ("Two days after the purchase", None, (2,)),
        ("Ten days before the event", None, (-10,)),
        ("Next morning at 9.00", None, (1,)),
        ("Seuraavana päivänä", None, (1,)),
        (None, "Day 5 after joining", (5,)),
    ],
)
def test_a_one_off_goes_out_on_its_days(
    timing: str | None, trigger: str | None, days: tuple[int, ...]
) -> None:
    found = cadence(timing, trigger)
    assert not found.recurring
    assert found.days == days


def test_the_busiest_week_is_seven_days_in_a_row() -> None:
    assert busiest_week([1, 4, 9]) == [1, 4]
    assert busiest_week([9, 4, 1, 7]) == [1, 4, 7]
    assert busiest_week([1, 8, 15]) == [1]
    assert busiest_week([]) == []
