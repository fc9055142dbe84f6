"""Small generated event logs for the shop case, with deviations injected.

Most customers walk designed paths; some jump, skip steps, repeat steps, loop, stop
before an end; rows are written out of order, some share a timestamp, some repeat.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

NEXT = {
    "ad": ["browse"],
    "newsletter": ["browse"],
    "browse": ["cart"],
    "cart": ["order", "cart-sms", "browse"],
    "cart-sms": ["cart"],
    "order": ["delivery"],
}
ALL = ["ad", "newsletter", "browse", "cart", "cart-sms", "order", "delivery", "review"]
START = datetime(2024, 5, 1, tzinfo=UTC)


def walk(rng: random.Random) -> list[str]:
    path = [rng.choice(["ad", "newsletter", "ad", "browse"])]
    while len(path) < 12:
        r = rng.random()
        if r < 0.12:
            break  # a drop-out
        if r < 0.2:
            path.append(rng.choice(ALL))  # a jump (or, by chance, a designed move)
        elif r < 0.27:
            path.append(path[-1])  # a repeated step
        else:
            options = NEXT.get(path[-1])
            if not options:
                break
            path.append(rng.choice(options))
    return path


def event_rows(tp: str, rng: random.Random) -> list[tuple[str, str]]:
    """(event, campaign) rows the touchpoint shows up as."""
    if tp == "cart-sms":
        return [("sms_sent", ""), ("link_clicked", "abandoned-cart")]
    if rng.random() < 0.05:
        return [(tp, ""), ("page_view", "")]
    return [(tp, "")]


def generate(path: Path, seed: int, customers: int = 60) -> None:
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for c in range(customers):
        when = START + timedelta(hours=rng.randrange(0, 200))
        persona = rng.choice(["busy-parent", "student", ""])
        for instance in range(rng.choice([1, 1, 2])):
            if instance:
                when += timedelta(days=rng.choice([3, 20, 45]))
            for tp in walk(rng):
                for event, campaign in event_rows(tp, rng):
                    if rng.random() > 0.15:  # else a tie: the same second as the last row
                        when += timedelta(seconds=rng.randrange(1, 5000))
                    rows.append([f"c{c}", event, _stamp(when, rng), persona, campaign])
                    if rng.random() < 0.03:
                        rows.append(list(rows[-1]))  # an exact duplicate
        if rng.random() < 0.2:
            rows.append([f"c{c}", "lnk_clicked", _stamp(when, rng), persona, ""])
    # Out of order: whole customers' rows swapped around, a few rows moved within one.
    for _ in range(len(rows) // 10):
        i, j = rng.randrange(len(rows)), rng.randrange(len(rows))
        if rows[i][0] != rows[j][0] or rows[i][2] != rows[j][2]:
            rows[i], rows[j] = rows[j], rows[i]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["customer_id", "event", "timestamp", "persona", "campaign"])
        out.writerows(rows)


def _stamp(when: datetime, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Helsinki")).isoformat()
