"""Pictures in the brand's look: catalog colours, a stable palette, `[render.theme]`."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.render import OutputFormat, View, render
from journeykit.render import common as c
from journeykit.workspace.project import Project

SMALL = Path(__file__).resolve().parent / "small"

CHANNEL = """\
  - id: {id}
    name: {id}
    kind: web
    presence: online
    outbound: false
"""


def _workspace(
    tmp_path: Path, channels: list[str], extra: dict[str, str] | None = None, toml: str = ""
) -> Path:
    """The small fixture with its channel catalog replaced by `channels` (in that order)."""
    root = tmp_path / "ws"
    shutil.copytree(SMALL, root)
    lines = ["version: 1", "channels:"]
    for cid in channels:
        lines.append(CHANNEL.format(id=cid).rstrip("\n"))
        if extra and cid in extra:
            lines.append(f"    color: {extra[cid]}")
    (root / "channels.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (root / "journeykit.toml").write_text(toml, "utf-8")
    return root


def test_a_channels_own_colour_draws_it(tmp_path: Path, loader: Callable[[Path], Project]) -> None:
    project = loader(_workspace(tmp_path, ["sms", "web"], {"sms": '"#25D366"', "web": "'#f80'"}))
    assert c.channel_colors(project) == {"sms": "#25d366", "web": "#ff8800"}
    dot = render(project, [project.journeys["small"]], View.flow, OutputFormat.dot)
    assert isinstance(dot, str)
    assert '<FONT COLOR="#25d366">■</FONT> sms' in dot
    node = next(line for line in dot.splitlines() if line.lstrip().startswith('"confirm-sms"'))
    assert f'fillcolor="{c.tint("#25d366")}", color="#25d366"' in node
    mmd = render(project, [project.journeys["small"]], View.flow, OutputFormat.mermaid)
    assert isinstance(mmd, str)
    assert "stroke:#25d366" in mmd and "stroke:#ff8800" in mmd


def test_colours_do_not_follow_the_catalog_order(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    first = loader(_workspace(tmp_path / "a", ["sms", "web", "email", "store"]))
    second = loader(_workspace(tmp_path / "b", ["store", "email", "web", "sms"]))
    assert c.channel_colors(first) == c.channel_colors(second)


def test_a_channel_keeps_its_colour_in_another_workspace(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    alone = c.channel_colors(loader(_workspace(tmp_path / "a", ["sms", "web"])))
    more = c.channel_colors(loader(_workspace(tmp_path / "b", ["sms", "web", "push", "kiosk"])))
    assert {k: more[k] for k in alone} == alone
    assert alone["sms"] == c.PALETTE[_slot("sms", len(c.PALETTE))]


def _slot(cid: str, size: int) -> int:
    import zlib

    return zlib.crc32(cid.encode("utf-8")) % size


def test_no_two_channels_share_a_colour_while_the_palette_lasts(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    ids = ["sms", "web"] + [f"ch{i}" for i in range(10)]
    colors = c.channel_colors(loader(_workspace(tmp_path, ids)))
    assert len(set(colors.values())) == len(c.PALETTE) == len(ids)


def test_an_own_colour_is_not_given_to_another_channel(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    taken = c.PALETTE[_slot("web", len(c.PALETTE))]
    colors = c.channel_colors(loader(_workspace(tmp_path, ["sms", "web"], {"sms": f'"{taken}"'})))
    assert colors["sms"] == taken
    assert colors["web"] != taken


def test_the_theme_palette_font_and_title(
    tmp_path: Path, loader: Callable[[Path], Project]
) -> None:
    toml = '[render.theme]\nfont = "Inter"\npalette = ["#111111"]\ntitle = "Acme & Co"\n'
    project = loader(_workspace(tmp_path, ["sms", "web"], {"web": '"#222"'}, toml))
    assert c.channel_colors(project) == {"sms": "#111111", "web": "#222222"}
    journeys = [project.journeys["small"]]
    for view in (View.map, View.flow, View.channels, View.coverage):
        dot = render(project, journeys, view, OutputFormat.dot)
        assert isinstance(dot, str)
        assert 'fontname="Inter"' in dot and "DejaVu" not in dot, view
        kicker = '<FONT POINT-SIZE="10" COLOR="#57606a">Acme &amp; Co</FONT><BR ALIGN="LEFT"/>'
        assert dot.count(kicker) == 1, view
        assert dot.index(kicker) < dot.index("<B>Small checkout</B>"), view


def test_without_a_theme_pictures_show_no_workspace_title(small: Project) -> None:
    dot = render(small, [small.journeys["small"]], View.flow, OutputFormat.dot)
    assert isinstance(dot, str)
    assert '<TD ALIGN="LEFT"><FONT POINT-SIZE="18"><B>Small checkout</B>' in dot
    assert re.findall(r'fontname="([^"]+)"', dot) == [c.FONT] * 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"#12345"', "color: '#12345' is not a CSS hex colour like '#1f77b4' or '#f80'"),
        ('"green"', "color: 'green' is not a CSS hex colour"),
        ("#25d366", 'color: color is empty: quote the colour, as in color: "#25d366"'),
    ],
)
def test_a_bad_colour_is_an_error_at_its_line(
    tmp_path: Path, runner: CliRunner, value: str, message: str
) -> None:
    root = _workspace(tmp_path, ["sms", "web"], {"web": value})
    result = runner.invoke(app, ["validate", "--no-cache", str(root)])
    assert result.exit_code == 1, result.output
    assert re.search(
        rf"channels\.yaml:13:\d+: error JK103 \(invalid-value\) {re.escape(message)}", result.output
    ), result.output
