"""The report in the brand's look: `[render.theme]` title and logo, catalog colours."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from journeykit.checks.lint import lint_project
from journeykit.cli import app
from journeykit.report import build_report
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

SMALL = Path(__file__).resolve().parent / "render" / "small"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _workspace(tmp_path: Path, toml: str) -> Path:
    root = tmp_path / "shop-folder"
    shutil.copytree(SMALL, root)
    (root / "journeykit.toml").write_text(toml, "utf-8")
    return root


def _report(root: Path) -> dict[str, str]:
    """The report's pages (the pictures left out)."""
    project, findings = load_workspace(resolve_targets([root])[0])
    files = build_report(project, project.journey_list(), [*findings, *lint_project(project)])
    return {name: text for name, text in files.items() if isinstance(text, str)}


def _h1(html: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", html)
    assert match is not None
    return match[1]


def test_the_title_is_the_folder_without_a_theme(tmp_path: Path) -> None:
    files = _report(_workspace(tmp_path, ""))
    assert _h1(files["index.html"]) == "shop-folder"
    assert "<title>shop-folder · journey report</title>" in files["index.html"]
    assert "<img" not in files["index.html"]


def test_the_title_comes_from_the_theme(tmp_path: Path) -> None:
    files = _report(_workspace(tmp_path, '[render.theme]\ntitle = "Acme <Shop>"\n'))
    index, page = files["index.html"], files["journey-small.html"]
    assert _h1(index) == "Acme &lt;Shop&gt;"
    assert "<title>Acme &lt;Shop&gt; · journey report</title>" in index
    assert '<a href="index.html">Acme &lt;Shop&gt;</a> \u203a small' in page
    assert "<title>Small checkout · Acme &lt;Shop&gt;</title>" in page
    assert "shop-folder" not in index


def test_the_logo_is_inlined_in_the_index_header(tmp_path: Path) -> None:
    root = _workspace(tmp_path, '[render.theme]\nlogo = "brand/logo.png"\n')
    (root / "brand").mkdir()
    (root / "brand" / "logo.png").write_bytes(PNG)
    index = _report(root)["index.html"]
    header = index[index.index('<header class="top">') : index.index("</header>")]
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert f'<img class="logo" src="{uri}" alt=""' in header
    assert index.count("<img") == 1


def test_an_svg_logo_is_inlined_as_svg(tmp_path: Path) -> None:
    root = _workspace(tmp_path, '[render.theme]\nlogo = "logo.SVG"\n')
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    (root / "logo.SVG").write_bytes(svg)
    index = _report(root)["index.html"]
    assert f'src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}"' in index


def test_a_missing_logo_stops_the_report_with_the_line(runner: CliRunner, tmp_path: Path) -> None:
    root = _workspace(tmp_path, '[render.theme]\ntitle = "Acme"\nlogo = "logo.png"\n')
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(root), "-o", str(out), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "journeykit.toml:3:1: render.theme.logo: no file 'logo.png' in the workspace" in (
        result.output
    )
    assert "Traceback" not in result.output
    assert not (out / "index.html").exists()


def test_legends_use_the_catalogs_colour(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "")
    channels = (root / "channels.yaml").read_text("utf-8")
    (root / "channels.yaml").write_text(
        channels.replace("    outbound: true\n", '    outbound: true\n    color: "#25D366"\n'),
        "utf-8",
    )
    files = _report(root)
    page = files["journey-small.html"]
    assert '<span class="swatch" style="--c: #25d366"></span>SMS' in page
    assert '<div class="tp" id="card-confirm-sms" style="--c: #25d366"' in page
    assert '<span class="swatch" style="--c: #25d366"></span>SMS' in files["index.html"]
