"""The `Practice` type, the sources, and the practices of four areas (personas, stages,
paths, channels and consent); `practices` adds the others and holds the whole list."""

from __future__ import annotations

from dataclasses import dataclass

NOT_YET = "not checked yet:"
"""How `why_not` begins when a journey file could show the practice but no rule checks it."""


@dataclass(frozen=True, slots=True)
class Practice:
    """One thing the domain asks of a journey, and what checks it."""

    area: str
    """The topic it belongs to, one of `AREAS`."""
    practice: str
    """The practice (or the mistake it avoids) in one sentence."""
    source: str
    """Where the domain says so: a section of domain.md or a source article's file name."""
    rules: tuple[str, ...] = ()
    """The codes of the lint rules that check it."""
    why_not: str = ""
    """When no rule checks it: why a journey file cannot show it, or, beginning with
    `NOT_YET`, what a rule would need."""

    @property
    def not_yet(self) -> bool:
        """The format could show it but no rule checks it yet."""
        return self.why_not.startswith(NOT_YET)


PERSONAS = "Personas"
STAGES = "Stages and intent"
PATHS = "Paths and gaps"
MESSAGES = "Messages"
CHANNELS = "Channels and consent"
EMOTIONS = "Emotions and pain points"
AFTER = "After the purchase"
LOYALTY = "Loyalty"
ORGANISATION = "Organisation and data"
EVIDENCE = "Evidence and measurement"

AREAS = (
    PERSONAS,
    STAGES,
    PATHS,
    MESSAGES,
    CHANNELS,
    EMOTIONS,
    AFTER,
    LOYALTY,
    ORGANISATION,
    EVIDENCE,
)
"""The areas in the order docs/rules.md lists them."""

DOMAIN_MAP = "domain.md: What a journey map is"
DOMAIN_BLOCKS = "domain.md: Building blocks"
DOMAIN_MEASURING = "domain.md: Measuring a journey"
DOMAIN_USERS = "domain.md: Who uses a journey map, and for what"
DOMAIN_EVENTS = "domain.md: Holding the design against event data"
OMNICHANNEL_FI = "000_a2e62c804faa9ca7.txt"
"""Four steps to mapping journeys for omnichannel messaging (Finnish)."""
OMNICHANNEL_NO = "001_60cb2036b661075b.txt"
"""The same four steps (Norwegian)."""
WHAT_IS = "002_628707746a1f9eda.txt"
"""What a customer journey is: stages, touchpoints, analysis and improvement (Finnish)."""
PATH_STAGES = "003_f907ff90ecf52d17.txt"
"""The five-stage purchase path and how to model it (Finnish)."""
DIGITAL_PATH = "004_7b194e11a2a49086.txt"
"""The digital journey: intent and content per stage, map types, mistakes, metrics
(Finnish)."""

SOURCES = (
    DOMAIN_MAP,
    DOMAIN_BLOCKS,
    DOMAIN_MEASURING,
    DOMAIN_USERS,
    DOMAIN_EVENTS,
    OMNICHANNEL_FI,
    OMNICHANNEL_NO,
    WHAT_IS,
    PATH_STAGES,
    DIGITAL_PATH,
)

FIRST = (
    Practice(
        PERSONAS,
        "Map a journey for every key customer group, starting with the segment that matters "
        "most to the business goals.",
        PATH_STAGES,
        ("JK801",),
    ),
    Practice(
        PERSONAS,
        "Record each persona's channel preferences (preferred, accepted, opted out) and the "
        "consent basis per channel before choosing channels for them.",
        OMNICHANNEL_FI,
        ("JK804",),
    ),
    Practice(
        PERSONAS,
        "Know what kind of buyer the persona is: a long-term client wants advice, a consumer "
        "buys cheaply and often, a one-off buyer of something costly compares at length.",
        DIGITAL_PATH,
        why_not=(
            "How much a buyer compares depends on what they buy and what it costs, which a "
            "map does not hold; `purchase_behaviour` on the persona records it for the "
            "reader, and JK401 checks they are met in every stage."
        ),
    ),
    Practice(
        PERSONAS,
        "In B2B, reach every member of the buying group who has a decision role, and reach "
        "the decision makers in the decision stage, where a deal can die for want of approval.",
        PATH_STAGES,
        ("JK407", "JK401"),
    ),
    Practice(
        PERSONAS,
        "Profile B2B buyers by their goals, challenges, how their work is judged, the sources "
        "they trust and the social networks they use.",
        DIGITAL_PATH,
        ("JK805",),
    ),
    Practice(
        STAGES,
        "Split the journey into a few stages (three to five is usual) and place each on the "
        "purchase cycle with a phase, whatever the team calls the stage.",
        PATH_STAGES,
        ("JK309",),
    ),
    Practice(
        STAGES,
        "Call the same phase by the same stage id or name in every journey, so maps, policies "
        "and reports line up.",
        DOMAIN_BLOCKS,
        ("JK308",),
    ),
    Practice(
        STAGES,
        "Write down what the customer is trying to get done in each stage and the questions "
        "they ask there.",
        DIGITAL_PATH,
        ("JK310",),
    ),
    Practice(
        STAGES,
        "Fit the content to the stage's intent: teaching material while customers research, "
        "comparisons, demos and references while they choose, clear next steps while they buy.",
        DIGITAL_PATH,
        why_not="Whether content suits an intent is a judgement on its words: review the "
        "stage's `content` and the touchpoints' copy in the pull request.",
    ),
    Practice(
        STAGES,
        "Before the need is recognised, help with the customer's problem instead of pushing "
        "the product.",
        PATH_STAGES,
        why_not="Helpful or pushy is in the copy, and the models differ (one puts welcome "
        "offers in awareness): review the early stages' messages in the pull request.",
    ),
    Practice(
        STAGES,
        "Make buying easy: nothing distracting on the checkout, trust signals near the "
        "decision, and the obstacles to buying dealt with.",
        DIGITAL_PATH,
        why_not="How easy a checkout is shows in usability tests and the event log, not in "
        "the map; record what stops people as pain points so JK501 and JK504 can follow them.",
    ),
    Practice(
        PATHS,
        "Give every stage at least one touchpoint: an empty stage is a stretch of the path "
        "where the company is absent.",
        DOMAIN_MAP,
        ("JK301",),
    ),
    Practice(
        PATHS,
        "Let every touchpoint lead somewhere or end the journey on purpose; a path that stops "
        "by accident is where customers drop out.",
        PATH_STAGES,
        ("JK304",),
    ),
    Practice(
        PATHS,
        "Show how the customer arrives at every touchpoint.",
        PATH_STAGES,
        ("JK303",),
    ),
    Practice(
        PATHS,
        "Do not assume the journey is linear: customers go back to compare, leave and return; "
        "about a third of companies count six or more touchpoints before a purchase.",
        DIGITAL_PATH,
        ("JK305", "JK307"),
    ),
    Practice(
        PATHS,
        "Keep the map readable for everyone: no two personas, channels, journeys or stages "
        "share a name.",
        PATH_STAGES,
        ("JK803",),
    ),
    Practice(
        PATHS,
        "Concentrate on the touchpoints that weigh most for this business (print may matter "
        "to a consumer brand and not at all to a B2B software seller) and say which they are.",
        PATH_STAGES,
        ("JK706",),
    ),
    Practice(
        PATHS,
        "List every channel where customers meet the company and put each one on a journey.",
        OMNICHANNEL_FI,
        ("JK802",),
    ),
    Practice(
        PATHS,
        "A day-in-the-life map shows the parts of the customer's day that are not the "
        "brand's: the morning scroll through social media, the long workday, the evening TV.",
        DIGITAL_PATH,
        ("JK311",),
    ),
    Practice(
        PATHS,
        "Hold the design against what customers did: a touchpoint nobody reaches is not "
        "happening or not tracked, and a busy undesigned move belongs on the map.",
        DOMAIN_EVENTS,
        ("JK306", "JK307"),
    ),
    Practice(
        CHANNELS,
        "Decide which channels suit which stage and keep the messages to that policy.",
        OMNICHANNEL_FI,
        ("JK404",),
    ),
    Practice(
        CHANNELS,
        "Reach each persona in every stage on a channel they prefer, not only on ones they "
        "put up with.",
        OMNICHANNEL_FI,
        ("JK401", "JK406"),
    ),
    Practice(
        CHANNELS,
        "Never send a message on a channel the persona has opted out of.",
        OMNICHANNEL_FI,
        ("JK402",),
    ),
    Practice(
        CHANNELS,
        "Collect consent before marketing or asking for reviews on SMS, messaging apps or "
        "e-mail; service messages about a purchase (confirmations, support) need none.",
        DOMAIN_BLOCKS,
        ("JK403",),
    ),
    Practice(
        CHANNELS,
        "When the customer moves between digital channels and the store, carry what they made "
        "(a booking, an order) across with a message or shared data, so channels feel joined.",
        OMNICHANNEL_FI,
        ("JK408",),
    ),
    Practice(
        CHANNELS,
        "Offer what people expect on each channel: on social media they browse for new and "
        "entertaining things, not heavy business content.",
        DIGITAL_PATH,
        why_not="Whether a post suits a channel's mood is a judgement on its content: review "
        "it in the pull request.",
    ),
    Practice(
        CHANNELS,
        "Meet a persona on social media only where they are: some groups use no social "
        "networks at all, others only one.",
        DIGITAL_PATH,
        ("JK411",),
    ),
)
"""The practices of the areas personas, stages, paths, and channels and consent."""
