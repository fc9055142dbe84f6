"""Synthetic journeykit workspaces of any size, valid per the models, for the benchmarks.

    python benchmarks/generate.py OUT --journeys 1000 --touchpoints 8
    python benchmarks/generate.py OUT --journeys 1 --target-bytes 10000000
    python benchmarks/generate.py OUT --hostile unknown-keys --count 100000

The files look like what people and tools write: block-style YAML with two-space
indentation, folded block scalars for long texts, a comment header, personas and
channels catalogs that the journeys refer to. With `--error-rate` some journeys get
realistic mistakes (unknown ids, bad enum values, duplicate keys, syntax errors).
The output is a pure function of the arguments and `--seed`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHANNELS: list[tuple[str, str, str, str, bool]] = [
    # id, name, kind, presence, outbound
    ("sms", "SMS", "messaging", "mobile", True),
    ("rcs", "RCS", "messaging", "mobile", True),
    ("whatsapp", "WhatsApp", "messaging", "mobile", True),
    ("viber", "Viber", "messaging", "mobile", True),
    ("email", "E-mail", "email", "online", True),
    ("web", "Web shop", "web", "online", False),
    ("app", "Mobile app", "app", "mobile", True),
    ("store", "Store and POS", "store", "offline", False),
    ("phone", "Customer service line", "phone", "offline", True),
    ("social", "Social media", "social", "online", True),
    ("search", "Search ads", "search", "online", False),
    ("webinar", "Webinars", "event", "online", True),
    ("print", "Printed catalogue", "print", "offline", True),
]
MESSAGING = [c[0] for c in CHANNELS if c[4]]
ACTION_CHANNELS = ["web", "app", "store", "phone", "search", "social"]

PERSONAS: list[tuple[str, str, str, str]] = [
    # id, name, buyer, market
    ("busy-parent", "Sanna, the busy parent", "consumer", "b2c"),
    ("style-seeker", "Mikko, the style seeker", "customer", "b2c"),
    ("home-maker", "Aino, the home maker", "client", "b2c"),
    ("bargain-hunter", "Jussi, the bargain hunter", "consumer", "b2c"),
    ("it-manager", "Kaisa, the IT manager", "client", "b2b"),
    ("cfo", "Olli, the chief financial officer", "client", "b2b"),
    ("student", "Emma, the student", "consumer", "b2c"),
]

STAGES: list[tuple[str, str, str]] = [
    # id, name, phase
    ("awareness", "Awareness", "awareness"),
    ("consideration", "Consideration", "consideration"),
    ("purchase", "Purchase", "purchase"),
    ("post-purchase", "Post-purchase", "post-purchase"),
    ("loyalty", "Loyalty and engagement", "loyalty"),
]

# Touchpoint ideas per stage: (name, kind, channels it happens on)
IDEAS: dict[str, list[tuple[str, str, list[str]]]] = {
    "awareness": [
        ("Seasonal ad", "message", ["social", "search", "print"]),
        ("Welcome message with first-order code", "message", ["sms", "whatsapp", "viber"]),
        ("Sign-up box on the landing page", "action", ["web", "app"]),
        ("Friend recommends the brand", "event", ["social", "store"]),
        ("Weekly new arrivals carousel", "message", ["rcs", "email", "app"]),
    ],
    "consideration": [
        ("Product page visit", "action", ["web", "app"]),
        ("Campaign letter", "message", ["email", "print"]),
        ("Size and fit chat", "action", ["whatsapp", "phone", "web"]),
        ("Product demo webinar", "message", ["webinar"]),
        ("Back-in-stock notice", "message", ["sms", "email", "app"]),
        ("Compares prices", "action", ["search", "web"]),
    ],
    "purchase": [
        ("Abandoned cart reminder", "message", ["sms", "email", "whatsapp"]),
        ("Checkout", "action", ["web", "app", "store"]),
        ("Order confirmation", "message", ["email", "sms"]),
        ("Payment reminder", "message", ["sms", "email", "viber"]),
        ("Cart left idle", "event", ["web", "app"]),
    ],
    "post-purchase": [
        ("Dispatch notice", "message", ["sms", "email", "app"]),
        ("Parcel delivered", "event", ["sms", "app"]),
        ("Satisfaction survey", "message", ["email", "sms"]),
        ("Returns portal", "action", ["web"]),
        ("Support call about a wrong size", "action", ["phone", "whatsapp"]),
    ],
    "loyalty": [
        ("Loyalty points statement", "message", ["email", "app", "sms"]),
        ("VIP preview invitation", "message", ["whatsapp", "sms", "viber"]),
        ("Review request", "message", ["email", "sms"]),
        ("Repeat purchase in store", "action", ["store"]),
        ("Referral invite", "message", ["whatsapp", "social"]),
    ],
}

VOCABULARY = """
customer shopper order delivery parcel offer campaign season store team message reminder
code discount size price cart checkout payment survey review points member club loyalty
opt-in consent week evening morning mobile link button reply product collection autumn
spring Helsinki Tampere Turku Tallinn päivä kesä talvi tilaus asiakas palaute etu
"""
WORDS = VOCABULARY.split()
FEELINGS = ["curious", "hesitant", "pleased", "frustrated", "relieved", "confused", "delighted"]
OWNERS = ["CRM team", "E-commerce team", "Brand marketing", "Customer service", "Store operations"]
TIMINGS = ["Within one minute", "After 1 hour", "Day 3 after delivery", "Thursdays at 17.00"]
SOURCES = [
    "GA4 e-commerce funnel, March 2025",
    "Customer interviews, spring 2025 (n=24)",
    "Messaging platform delivery report",
    "Support ticket export, tag wismo",
    "Store managers' workshop, February 2025",
]
KPI_NAMES = [
    ("Click-through rate", "user", "%"),
    ("Unique visitors per month", "traffic", "visitors"),
    ("Converted leads", "sales", "%"),
    ("Cost per lead", "sales", "EUR"),
    ("Satisfaction score (1-5)", "experience", "score"),
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(6, 14)) for _ in range(sentences))


def channels_doc() -> dict[str, Any]:
    channels = []
    for cid, name, kind, presence, outbound in CHANNELS:
        channel: dict[str, Any] = {
            "id": cid,
            "name": name,
            "kind": kind,
            "presence": presence,
            "outbound": outbound,
        }
        if cid == "app":
            channel["requires_consent"] = True
        channel["description"] = f"{name}: how the company meets its customers here."
        channels.append(channel)
    return {"version": 1, "channels": channels}


def personas_doc(rng: random.Random) -> dict[str, Any]:
    personas = []
    for pid, name, buyer, market in PERSONAS:
        prefs = []
        for cid in rng.sample([c[0] for c in CHANNELS], 5):
            pref: dict[str, Any] = {
                "channel": cid,
                "preference": rng.choice(["preferred", "accepted"]),
            }
            if cid in MESSAGING and cid not in ("phone", "social", "webinar", "print"):
                pref["consent"] = "opt-in"
            prefs.append(pref)
        personas.append(
            {
                "id": pid,
                "name": name,
                "description": paragraph(rng, 2),
                "buyer": buyer,
                "market": market,
                "demographics": {"age": f"{rng.randint(20, 40)}-{rng.randint(41, 65)}"},
                "goals": [sentence(rng, 8), sentence(rng, 10)],
                "frustrations": [sentence(rng, 9)],
                "purchase_behaviour": {"frequency": "Two to four times a month", "research": "low"},
                "channels": prefs,
            }
        )
    return {"version": 1, "personas": personas}


def journey_doc(rng: random.Random, index: int, touchpoints: int, journeys: int) -> dict[str, Any]:
    jid = f"journey-{index:05d}"
    personas = [p[0] for p in rng.sample(PERSONAS, rng.randint(1, 3))]
    stages = []
    for sid, name, phase in STAGES:
        stage: dict[str, Any] = {
            "id": sid,
            "name": name,
            "phase": phase,
            "intent": sentence(rng, 9),
        }
        if rng.random() < 0.5:
            stage["questions"] = [sentence(rng, 6)[:-1] + "?"]
        stages.append(stage)
    tps = [touchpoint(rng, jid, i, touchpoints, personas) for i in range(touchpoints)]
    if journeys > 1 and touchpoints and rng.random() < 0.1:
        other = rng.randrange(journeys)
        if other != index:
            tps[-1]["next"] = [{"to": "tp-0000", "journey": f"journey-{other:05d}"}]
            tps[-1].pop("end", None)
    return {
        "version": 1,
        "id": jid,
        "title": f"Journey {index}: {rng.choice(IDEAS['purchase'])[0].lower()} flow",
        "description": paragraph(rng, 2),
        "map_type": rng.choice(["current-state", "future-state"]),
        "personas": personas,
        "owner": rng.choice(OWNERS),
        "status": rng.choice(["draft", "review", "approved"]),
        "tags": ["omnichannel", rng.choice(["b2c", "b2b"])],
        "stages": stages,
        "touchpoints": tps,
    }


def touchpoint(
    rng: random.Random, jid: str, i: int, total: int, personas: list[str]
) -> dict[str, Any]:
    stage = STAGES[min(len(STAGES) - 1, i * len(STAGES) // max(total, 1))][0]
    name, kind, channels = rng.choice(IDEAS[stage])
    tid = f"tp-{i:04d}"
    tp: dict[str, Any] = {
        "id": tid,
        "name": name,
        "stage": stage,
        "channel": rng.choice(channels),
        "kind": kind,
        "description": paragraph(rng, rng.randint(1, 2)),
        "owner": rng.choice(OWNERS),
    }
    if kind == "message":
        tp["trigger"] = sentence(rng, 5)[:-1]
        tp["timing"] = rng.choice(TIMINGS)
        tp["content"] = paragraph(rng, 1)
    tp["emotion"] = {"score": rng.randint(-2, 2), "label": rng.choice(FEELINGS)}
    if rng.random() < 0.3:
        pain = f"{tid}-pain"
        tp["pain_points"] = [{"id": pain, "description": sentence(rng, 12), "severity": "high"}]
        tp["opportunities"] = [
            {"id": f"{tid}-fix", "description": sentence(rng, 10), "addresses": [pain]}
        ]
    if rng.random() < 0.3:
        kname, category, unit = rng.choice(KPI_NAMES)
        tp["kpis"] = [
            {
                "id": f"{tid}-kpi",
                "name": kname,
                "category": category,
                "unit": unit,
                "target": round(rng.uniform(1, 50), 1),
                "actual": round(rng.uniform(1, 50), 1),
                "source": rng.choice(SOURCES),
            }
        ]
    tp["evidence"] = {
        "kind": rng.choice(["fact", "assumption"]),
        "sources": [rng.choice(SOURCES)],
    }
    if rng.random() < 0.4:
        tp["personas"] = rng.sample(personas, 1)
    tp["importance"] = rng.choice(["low", "medium", "high", "critical"])
    if i == 0:
        tp["entry"] = True
    if kind == "action" and rng.random() < 0.2:
        tp["opt_in"] = rng.sample(["sms", "email", "whatsapp"], 2)
    nexts: list[Any] = []
    if i + 1 < total:
        nexts.append(f"tp-{i + 1:04d}")
    if i + 2 < total and rng.random() < 0.3:
        nexts.append({"to": f"tp-{i + 2:04d}", "label": "skips a step"})
    if i > 0 and rng.random() < 0.1:
        nexts.append({"to": f"tp-{i - 1:04d}", "label": "goes back", "condition": "unsure"})
    if nexts:
        tp["next"] = nexts
    else:
        tp["end"] = True
    return tp


# --- a small YAML writer: block style, two-space indentation, like hand-kept files ---

_PLAIN = re.compile(r"[A-Za-zÄÖÅäöå][\w .,'()/+&%-]*[\w.)%]|[A-Za-z]")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_WIDTH = 88


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _folded(text: str, indent: int) -> list[str] | None:
    """A long text as a folded block scalar, or None when folding would change it."""
    if len(text) < 70 or "\n" in text or "  " in text or text != text.strip():
        return None
    lines, line = [], ""
    for word in text.split(" "):
        if line and indent + len(line) + 1 + len(word) > _WIDTH:
            lines.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(" " * indent + line)
    return lines


def dump(value: dict[str, Any]) -> str:
    return "\n".join(_mapping(value, 0)) + "\n"


def _mapping(value: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, dict):
            yield f"{pad}{key}:"
            yield from _mapping(item, indent + 2)
        elif isinstance(item, list):
            yield f"{pad}{key}:"
            yield from _sequence(item, indent + 2)
        elif isinstance(item, str) and (folded := _folded(item, indent + 2)) is not None:
            yield f"{pad}{key}: >-"
            yield from folded
        else:
            yield f"{pad}{key}: {scalar(item)}"


def _sequence(value: list[Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for item in value:
        if isinstance(item, dict):
            lines = list(_mapping(item, indent + 2))
            yield f"{pad}- {lines[0].lstrip()}"
            yield from lines[1:]
        else:
            yield f"{pad}- {scalar(item)}"


# --- mistakes people make, for workspaces with findings ---


def spoil(text: str, rng: random.Random) -> str:
    """One realistic mistake: an unknown id, a bad value, a duplicate key or a syntax error."""
    choice = rng.randrange(5)
    if choice == 0:
        return text.replace("channel: email", "channel: e-mail", 1)
    if choice == 1:
        return text.replace("kind: message", "kind: mesage", 1)
    if choice == 2:
        return text.replace("\nowner: ", "\nowner: twice\nowner: ", 1)
    if choice == 3:
        return text.replace("  - id: tp-0001\n", "  - id: tp-0001\n   bad: [\n", 1)
    return text.replace("stage: purchase", "stage: buying", 1)


HEADER = "# Generated by benchmarks/generate.py: a synthetic journeykit workspace.\n"


def write_workspace(
    root: Path,
    journeys: int,
    touchpoints: float,
    seed: int = 1,
    error_rate: float = 0.0,
    vary: bool = True,
) -> list[Path]:
    """Write a workspace under `root`; returns the journey files written.

    With `vary`, journeys have `touchpoints` on average (a fraction is fine), give or
    take two; without it, exactly `touchpoints`.
    """
    rng = random.Random(seed)
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "journeykit.toml").write_text(HEADER, encoding="utf-8")
    (root / "channels.yaml").write_text(HEADER + dump(channels_doc()), encoding="utf-8")
    (root / "personas.yaml").write_text(HEADER + dump(personas_doc(rng)), encoding="utf-8")
    written = []
    for index in range(journeys):
        count = int(touchpoints)
        if vary and touchpoints > 3:
            extra = 1 if rng.random() < touchpoints - count else 0
            count = max(1, count + extra + rng.randint(-2, 2))
        text = HEADER + dump(journey_doc(rng, index, count, journeys))
        if error_rate and rng.random() < error_rate:
            text = spoil(text, rng)
        path = root / "journeys" / f"journey-{index:05d}.journey.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def touchpoints_for_bytes(target: int, seed: int = 1) -> int:
    """How many touchpoints make one journey file of about `target` bytes."""
    sample = 200
    size = len(dump(journey_doc(random.Random(seed), 0, sample, 1)).encode("utf-8"))
    return max(1, round(target * sample / size))


# --- hostile inputs: many findings or references in one file, for the linearity rows ---

HOSTILE = ("unknown-keys", "unknown-personas", "touchpoints", "mermaid")

_TINY_JOURNEY = (
    "version: 1\nid: hostile\ntitle: Hostile\npersonas: [busy-parent]\n"
    "stages:\n  - id: s\n    name: S\n    phase: awareness\n"
)


def hostile_text(kind: str, n: int) -> str:
    """One file of `n` repeated items: unknown top-level keys, persona ids missing from
    the catalog, minimal touchpoints (a chain), or Mermaid tasks."""
    if kind == "unknown-keys":
        tail = "touchpoints:\n  - {id: t, name: T, stage: s, channel: web, kind: action}\n"
        return _TINY_JOURNEY + tail + "".join(f"k{i:07d}: 1\n" for i in range(n))
    if kind == "unknown-personas":
        head = _TINY_JOURNEY.replace("personas: [busy-parent]\n", "personas:\n")
        ids = "".join(f"  - u{i:07d}\n" for i in range(n))
        tail = "touchpoints:\n  - {id: t, name: T, stage: s, channel: web, kind: action}\n"
        return head.replace("personas:\n", "personas:\n" + ids) + tail
    if kind == "touchpoints":
        tps = "".join(
            f"  - id: t{i:07d}\n    name: T\n    stage: s\n    channel: web\n    kind: action\n"
            + (f"    next: [t{i + 1:07d}]\n" if i + 1 < n else "    end: true\n")
            for i in range(n)
        )
        return _TINY_JOURNEY + "touchpoints:\n" + tps
    if kind == "mermaid":
        tasks = "".join(f"      Task {i}: {i % 5 + 1}: Me\n" for i in range(n))
        return f"journey\n    title Hostile\n    section Work\n{tasks}"
    raise ValueError(f"unknown hostile input {kind!r}; one of {', '.join(HOSTILE)}")


def write_hostile(root: Path, kind: str, n: int) -> Path:
    """A workspace (catalogs, config) holding one hostile file; returns that file."""
    rng = random.Random(1)
    root.mkdir(parents=True, exist_ok=True)
    (root / "journeykit.toml").write_text(HEADER, encoding="utf-8")
    (root / "channels.yaml").write_text(HEADER + dump(channels_doc()), encoding="utf-8")
    (root / "personas.yaml").write_text(HEADER + dump(personas_doc(rng)), encoding="utf-8")
    name = "hostile.mmd" if kind == "mermaid" else "hostile.journey.yaml"
    path = root / name
    path.write_text(hostile_text(kind, n), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the workspace into")
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--touchpoints", type=float, default=8, help="per journey, on average")
    parser.add_argument("--target-bytes", type=int, help="size one journey to about this")
    parser.add_argument("--error-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hostile", choices=HOSTILE, help="one file of --count hostile items")
    parser.add_argument("--count", type=int, default=10_000, help="items of --hostile")
    args = parser.parse_args(argv)
    if args.hostile:
        path = write_hostile(args.out, args.hostile, args.count)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return 0
    touchpoints, vary = args.touchpoints, True
    if args.target_bytes:
        touchpoints, vary = touchpoints_for_bytes(args.target_bytes, args.seed), False
    files = write_workspace(args.out, args.journeys, touchpoints, args.seed, args.error_rate, vary)
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} journeys ({size:,} bytes) under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
