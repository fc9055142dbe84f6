"""The map from the domain's practices to the rules: every code it names is a rule, every
practice is checked or says why not, every rule is named by a practice, and docs/rules.md
renders it with links that land on rule sections."""

from __future__ import annotations

import re

from journeykit.checks.rules import RULES
from journeykit.checks.rules.base import EngineRule, ObservedRule
from journeykit.checks.rules.docs import anchor, rules_markdown
from journeykit.checks.rules.practices import AREAS, NOT_YET, PRACTICES, SOURCES


def test_every_code_a_practice_names_is_a_rule() -> None:
    named = {code for p in PRACTICES for code in p.rules}
    assert sorted(named - set(RULES)) == []


def test_every_practice_is_checked_or_says_why_not() -> None:
    assert [p.practice for p in PRACTICES if not p.rules and not p.why_not] == []
    assert [p.practice for p in PRACTICES if p.rules and p.why_not] == [], (
        "a practice a rule checks needs no why_not"
    )
    # "not checked yet:" is followed by what a rule would need.
    assert all(len(p.why_not) > len(NOT_YET) + 20 for p in PRACTICES if p.not_yet)


def test_every_rule_is_named_by_a_practice() -> None:
    """A new rule must be mapped; suppression and observed rules may be left out."""
    named = {code for p in PRACTICES for code in p.rules}
    exempt = {c for c, r in RULES.items() if isinstance(r, EngineRule | ObservedRule)}
    assert sorted(set(RULES) - exempt - named) == []


def test_practices_are_sentences_with_a_known_area_and_source() -> None:
    assert len(PRACTICES) >= 35
    assert [p.area for p in PRACTICES if p.area not in AREAS] == []
    assert [p.source for p in PRACTICES if p.source not in SOURCES] == []
    assert {p.area for p in PRACTICES} == set(AREAS)
    texts = [p.practice for p in PRACTICES]
    assert len(set(texts)) == len(texts)
    assert all(t[0].isupper() and t.endswith(".") for t in texts)
    assert all(p.why_not.endswith(".") for p in PRACTICES if p.why_not)
    assert all(len(p.rules) == len(set(p.rules)) for p in PRACTICES)
    # Grouped by area, in the order of AREAS.
    order = [AREAS.index(p.area) for p in PRACTICES]
    assert order == sorted(order)


def test_the_rules_doc_has_the_section_with_links_to_rule_sections() -> None:
    doc = rules_markdown()
    assert "\n## From the domain to the rules\n" in doc
    section = doc.partition("\n## From the domain to the rules\n")[2]
    for area in AREAS:
        assert f"\n### {area}\n\n| Practice | Rules | Or why no rule checks it |\n" in section
    headings = {anchor(h) for h in re.findall(r"^#+ (.+)$", doc, flags=re.MULTILINE)}
    links = re.findall(r"\]\((#[^)]+)\)", section)
    assert links and sorted(set(links) - headings) == []
    assert "[JK301](#jk301-stage-without-touchpoints)" in section
    assert section.count("\n| ") == len(PRACTICES) + len(AREAS)


def test_anchor_follows_the_heading_slugs_of_markdown_renderers() -> None:
    assert anchor("JK304 dead-end") == "#jk304-dead-end"
    assert anchor("From the domain to the rules") == "#from-the-domain-to-the-rules"
    assert anchor("Organisation and data") == "#organisation-and-data"
