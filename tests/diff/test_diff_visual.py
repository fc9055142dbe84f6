"""The visual diff: `diff --visual DIR` and `render --diff-base REV` draw the merged
journey with added, removed and changed elements marked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app

CHECKOUT = "journeys/checkout.journey.yaml"
needs_graphviz = pytest.mark.usefixtures("dot_command")


@pytest.fixture
def edited(repo: GitRepo) -> GitRepo:
    repo.replace(
        CHECKOUT,
        "  - id: delivery-notice\n    name: Delivery notice\n    stage: post-purchase\n"
        "    channel: sms\n    kind: message\n    owner: Logistics\n    emotion: {score: 1}\n"
        "    next: [loyalty-points]\n",
        "",
    )
    repo.replace(CHECKOUT, "    next: [delivery-notice]", "    next: [loyalty-points]")
    repo.replace(CHECKOUT, "emotion: {score: -1, label: nagged}", "emotion: {score: 1}")
    return repo


@needs_graphviz
def test_diff_visual_writes_marked_views(
    edited: GitRepo, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "visual"
    result = runner.invoke(app, ["diff", "--visual", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "checkout.flow.diff.svg",
        "checkout.map.diff.svg",
    ]
    flow = (out / "checkout.flow.diff.svg").read_text("utf-8")
    # The removed touchpoint is drawn again, and the legend names the marks.
    assert "Delivery notice" in flow
    for word in ("added", "removed", "changed"):
        assert word in flow


@needs_graphviz
def test_render_diff_base(edited: GitRepo, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [
        "render",
        CHECKOUT,
        "--diff-base",
        "HEAD",
        "--view",
        "flow",
        "-f",
        "dot",
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    dot = (out / "checkout.flow.dot").read_text("utf-8")
    assert "Delivery notice" in dot
    plain = runner.invoke(app, ["render", CHECKOUT, "--view", "flow", "-f", "dot"])
    assert "Delivery notice" not in plain.stdout


def test_render_diff_base_errors(edited: GitRepo, runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", CHECKOUT, "--diff-base", "nope", "-f", "dot"])
    assert result.exit_code == 2
    assert "--diff-base: unknown revision 'nope'" in result.stderr
    channels = runner.invoke(app, ["render", CHECKOUT, "--view", "channels", "--diff-base", "HEAD"])
    assert channels.exit_code == 2
    assert "--diff-base works with the map and flow views" in channels.stderr


def test_render_diff_base_of_a_new_journey(repo: GitRepo, runner: CliRunner) -> None:
    repo.write(
        "journeys/gift.journey.yaml", repo.read(CHECKOUT).replace("id: checkout", "id: gift")
    )
    args = [
        "render",
        "journeys/gift.journey.yaml",
        "--diff-base",
        "HEAD",
        "--view",
        "flow",
        "-f",
        "dot",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "added" in result.stdout


GOLDEN = Path(__file__).parent / "golden"
KPI = (
    "      - id: {id}\n        name: {name}\n        category: sales\n"
    '        unit: "%"\n        target: {target}\n        actual: {actual}\n'
)
CONVERSION = KPI.format(id="checkout-conversion", name="Checkout conversion", target=60, actual=52)
AOV = KPI.format(id="basket-size", name="Basket size", target=3, actual=2)
CART_KPI = "    kpis:\n" + KPI.format(id="cart-drop", name="Cart drop-off", target=20, actual=25)
CART_PAIN = "    pain_points:\n      - id: slow-payment\n"


@pytest.fixture
def kpis_removed(repo: GitRepo) -> GitRepo:
    """At HEAD the purchase stage has two KPIs and the cart one; the work tree drops the
    stage's conversion KPI and the cart's KPI, and keeps the basket size."""
    repo.replace(CHECKOUT, CONVERSION, CONVERSION + AOV)
    repo.replace(CHECKOUT, CART_PAIN, CART_KPI + CART_PAIN)
    repo.commit("more KPIs")
    repo.replace(CHECKOUT, CONVERSION, "")
    repo.replace(CHECKOUT, CART_KPI, "")
    return repo


def test_render_diff_base_map_strikes_removed_kpis(
    kpis_removed: GitRepo, runner: CliRunner, update_golden: bool
) -> None:
    args = ["render", CHECKOUT, "--diff-base", "HEAD", "--view", "map", "-f", "dot"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    dot = result.stdout
    # Both removed KPIs are back, struck through behind the removed mark; the kept one
    # is drawn as without a diff.
    struck = re.findall(r"<S>([^<]*)<BR", dot)
    assert struck == ["Checkout conversion", "Cart drop-off"]
    assert "Basket size" in dot
    golden = GOLDEN / "checkout.map.kpis-removed.dot"
    if update_golden:
        golden.write_text(dot, "utf-8")
    assert golden.read_text("utf-8") == dot, f"{golden.name} differs; rerun with --update-golden"
    plain = runner.invoke(app, ["render", CHECKOUT, "--view", "map", "-f", "dot"]).stdout
    assert "Checkout conversion" not in plain and "Cart drop-off" not in plain
