"""The diff core without git: matching by id, renames, order, marks, the merged journey
of the visual diff, finding keys, and the tables that map fields to kinds of change."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from journeykit.diff import fields
from journeykit.diff.analysis import IdRenames, finding_key, semantic_path
from journeykit.diff.changes import JsonValue, diff_marks
from journeykit.diff.journey import diff_journey
from journeykit.diff.match import match_items, out_of_order
from journeykit.diff.rules import CHANGE_RULES, Level
from journeykit.diff.settings import DiffConfig
from journeykit.diff.visual import merged_journey
from journeykit.findings import Finding, Location, Severity
from journeykit.loader.source import load_bytes
from journeykit.model import (
    Channel,
    Journey,
    Kpi,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
    Transition,
)
from journeykit.workspace.config import ConfigError, read_config
from journeykit.workspace.project import Located

CHECKOUT = Path(__file__).parent / "fixtures" / "shop" / "journeys" / "checkout.journey.yaml"


def located(text: str) -> Located[Journey]:
    source = load_bytes(text.encode(), "checkout.journey.yaml")
    assert isinstance(source.model, Journey), source.findings
    return Located(source.model, source, ())


def test_match_by_id_then_exact_content_then_similarity() -> None:
    def item(key: str, **values: str) -> dict[str, str]:
        return {"id": key, **values}

    old = [
        item("a", name="one"),
        item("b", name="two"),
        item("c", name="three", channel="sms", kind="message", owner="CRM", stage="s"),
        item("d", name="gone", channel="sms", kind="message", owner="CRM", stage="s"),
    ]
    new = [
        item("b", name="two"),
        item("x", name="one"),
        item("a", name="fresh"),
        item("y", name="three", channel="sms", kind="message", owner="CRM", stage="t"),
    ]

    def key(d: dict[str, str]) -> str:
        return d["id"]

    def content(d: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in d.items() if k != "id"}

    m = match_items(old, new, key, content)
    # c and y differ in one field of five: a rename. d and x share nothing but keys.
    assert m.renamed == {"c": "y"}
    assert sorted(m.pairs) == [(0, 2), (1, 0), (2, 3)]
    assert m.removed == [3]
    assert m.added == [1]


def test_items_alike_only_in_their_keys_are_not_renames() -> None:
    text = CHECKOUT.read_text("utf-8")
    old = located(text)
    # Replace the order confirmation by a different e-mail of the same stage and kind.
    new = located(
        text.replace(
            "  - id: order-confirmation\n    name: Order confirmation\n",
            "  - id: invoice\n    name: Invoice e-mail\n",
        )
        .replace("emotion: {score: 1, label: relieved}", "emotion: {score: 0}")
        .replace("next: [order-confirmation", "next: [invoice")
        .replace("to: order-confirmation", "to: invoice")
        .replace("    next: [delivery-notice]\n", "    next: [cart]\n")
    )
    result = diff_journey(old, new, None, DiffConfig().level_of)
    found = {c.rule for c in result.changes}
    assert {"touchpoint-added", "touchpoint-removed"} <= found
    assert "touchpoint-id-changed" not in found


@pytest.mark.parametrize(
    ("positions", "moved"),
    [([0, 1, 2, 3], set()), ([3, 0, 1, 2], {3}), ([0, 1, 2, 3, 4, 9, 5], {9}), ([], set())],
)
def test_out_of_order(positions: list[int], moved: set[int]) -> None:
    assert out_of_order(positions) == moved


def test_a_swap_moves_one_of_the_two() -> None:
    assert len(out_of_order([1, 0])) == 1


def test_marks_and_merged_journey() -> None:
    text = CHECKOUT.read_text("utf-8")
    old = located(text)
    edited = text.replace(
        "  - id: delivery-notice\n    name: Delivery notice\n    stage: post-purchase\n"
        "    channel: sms\n    kind: message\n    owner: Logistics\n    emotion: {score: 1}\n"
        "    next: [loyalty-points]\n",
        "",
    ).replace("    next: [delivery-notice]", "    next: [loyalty-points]")
    edited = edited.replace("emotion: {score: -1, label: nagged}", "emotion: {score: 1}")
    edited = edited.replace("stages:\n", "stages:\n  - id: discovery\n    name: Discovery\n")
    new = located(edited)
    result = diff_journey(old, new, None, DiffConfig().level_of)
    assert diff_marks(result) == {
        "discovery": "added",
        "delivery-notice": "removed",
        "delivery-notice->loyalty-points": "removed",
        "order-confirmation->delivery-notice": "removed",
        "order-confirmation->loyalty-points": "added",
        "cart-reminder": "changed",
    }
    merged = merged_journey(old.item, new.item)
    ids = [t.id for t in merged.touchpoints]
    assert ids.index("delivery-notice") == ids.index("order-confirmation") + 1
    confirmation = next(t for t in merged.touchpoints if t.id == "order-confirmation")
    assert {t.to for t in confirmation.transitions} == {"loyalty-points", "delivery-notice"}
    assert [s.id for s in merged.stages][:2] == ["discovery", "awareness"]


def test_a_removed_stage_comes_back_in_place() -> None:
    text = CHECKOUT.read_text("utf-8")
    old = located(text)
    new = located(
        text.replace(
            "  - id: consideration\n    name: Consideration\n    phase: consideration\n"
            "    intent: Compare sizes and prices.\n",
            "",
        ).replace("stage: consideration", "stage: awareness")
    )
    merged = merged_journey(old.item, new.item)
    assert [s.id for s in merged.stages] == [s.id for s in old.item.stages]
    marks = diff_marks(diff_journey(old, new, None, DiffConfig().level_of))
    assert marks == {"consideration": "removed", "product-page": "changed"}


def test_semantic_path_uses_ids() -> None:
    model = located(CHECKOUT.read_text("utf-8")).item
    assert semantic_path(model, "touchpoints[3].channel") == "touchpoints[cart-reminder].channel"
    assert semantic_path(model, "stages[2].kpis[0].target") == (
        "stages[purchase].kpis[checkout-conversion].target"
    )
    assert semantic_path(model, "touchpoints[99]") == "touchpoints[99]"
    assert semantic_path(None, "a[1]") == "a[1]"


def test_semantic_path_follows_renames_of_that_list_only() -> None:
    model = located(CHECKOUT.read_text("utf-8")).item
    renames = {
        "stages": {"purchase": "buy"},
        "stages[buy].kpis": {"checkout-conversion": "checkout-rate"},
        "touchpoints": {"purchase": "elsewhere"},
    }
    assert semantic_path(model, "stages[2].kpis[0].target", renames) == (
        "stages[buy].kpis[checkout-rate].target"
    )
    # A KPI with the same id elsewhere, a touchpoint list's rename: not this stage's.
    assert semantic_path(
        model, "stages[2].kpis[0]", {"stages[x].kpis": {"checkout-conversion": "y"}}
    ) == ("stages[purchase].kpis[checkout-conversion]")


def test_finding_keys_follow_quoted_ids_only() -> None:
    source = located(CHECKOUT.read_text("utf-8")).source
    sources = {source.rel: source}
    ids = {"checkout": IdRenames(None, {"stages": {"purchase": "buy"}})}
    loc = Location(source.rel, 20, 5, "stages[2]")
    finding = Finding(
        "JK601", "stage-without-kpi", Severity.WARNING, "stage 'purchase' after the purchase", loc
    )
    key = finding_key(finding, sources, lambda rel: rel, ids)
    assert key == ("JK601", "journey:checkout", "stages[buy]", "stage 'buy' after the purchase")


@pytest.mark.parametrize(
    ("model", "table", "compared_elsewhere"),
    [
        (Journey, fields.JOURNEY_FIELDS, {"id", "version", "personas", "stages", "touchpoints"}),
        (Stage, fields.STAGE_FIELDS, {"id", "kpis"}),
        (
            Touchpoint,
            fields.TOUCHPOINT_FIELDS,
            {"id", "next", "pain_points", "opportunities", "kpis"},
        ),
        (Kpi, fields.KPI_FIELDS, {"id"}),
        (PainPoint, fields.PAIN_POINT_FIELDS, {"id"}),
        (Opportunity, fields.OPPORTUNITY_FIELDS, {"id"}),
        (Transition, fields.TRANSITION_FIELDS, {"to", "journey"}),
        (Channel, fields.CHANNEL_FIELDS, {"id"}),
    ],
)
def test_every_field_has_a_kind_of_change(
    model: type[BaseModel], table: dict[str, str], compared_elsewhere: set[str]
) -> None:
    assert set(model.model_fields) == set(table) | compared_elsewhere
    assert set(table.values()) <= set(CHANGE_RULES)


def test_persona_fields() -> None:
    assert set(fields.PERSONA_FIELDS) <= set(Persona.model_fields)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "(none)"),
        ([], "(none)"),
        (True, "yes"),
        (2.5, "2.5"),
        (60.0, "60"),
        ("sms", "sms"),
        ("two words", '"two words"'),
        ({"score": -1, "label": "nagged"}, "-1 (nagged)"),
        ({"score": 0}, "0"),
        (["a", "b"], "[a, b]"),
        ("x" * 80, '"' + "x" * 59 + '…"'),
    ],
)
def test_show(value: JsonValue, shown: str) -> None:
    assert fields.show(value) == shown


def test_levels_from_configuration(tmp_path: Path) -> None:
    config = tmp_path / "journeykit.toml"
    config.write_text(
        '[diff]\nfail-on = "warning"\n'
        'levels = { stage-removed = "breaking", text-changed = "ignore" }\n'
    )
    diff = read_config(config).config.diff
    assert diff.level_of("stage-removed") is Level.BREAKING
    assert diff.level_of("text-changed") is None
    assert diff.level_of("touchpoint-added") is Level.INFO
    assert diff.fail_level() is Level.WARNING


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[diff]\nlevels = { stage-gone = "info" }\n', "unknown kind of change 'stage-gone'"),
        ('[diff]\nlevels = { stage-removed = "fatal" }\n', "diff.levels.stage-removed"),
        ('[diff]\nfail-on = "sometimes"\n', "diff.fail-on"),
        ("[diff]\nfail_level = 1\n", "unknown key 'diff.fail_level'"),
    ],
)
def test_bad_diff_configuration(tmp_path: Path, toml: str, message: str) -> None:
    config = tmp_path / "journeykit.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError) as caught:
        read_config(config)
    assert message in str(caught.value)


def test_rules_are_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "diff.md").read_text("utf-8")
    for name, rule in CHANGE_RULES.items():
        assert f"`{name}`" in docs, name
        assert isinstance(rule.level, Level)
