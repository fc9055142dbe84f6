"""Names that mean something to Mermaid, drawn by the real mermaid.js in Chromium.

Each name of tests/cases/mermaid/hostile-names.yaml becomes every name of a workspace
(journey title, stage, touchpoint, edge label, persona, channel), every text of the map's
rows (doing, thinking, feeling, a quote, the message copy, a lane of the workspace's
own) and, when it is short enough for one, the outcome of the end; every Mermaid view
must draw it as exactly that text, in the places a plain name is drawn, with the same
theme and styles as the plain name and without a single network request: no
directive, comment, markdown string or class may come out of user text.
Chromium and `npm ci --prefix tests/js` are required: without them the tests fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeykit.render import OutputFormat, View, render
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets
from journeykit.workspace.project import Project

REPO = Path(__file__).resolve().parent.parent
NAMES_FILE = REPO / "tests" / "cases" / "mermaid" / "hostile-names.yaml"
NAMES: dict[str, str] = yaml.safe_load(NAMES_FILE.read_text("utf-8"))
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PLAIN = "Plainname"
VIEWS = [View.map, View.flow, View.channels, View.coverage]
OUTCOME_LENGTH = 50
"""The longest outcome word the format takes."""


class Tab:
    """A page with mermaid.js loaded that records every request it makes (and aborts
    the ones that would leave the machine)."""

    def __init__(self, page: Any, mermaid_js: Path) -> None:
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.route("http*://**", lambda route: route.abort())
        page.set_content("<html><body><div id='box'></div></body></html>")
        page.add_script_tag(content=mermaid_js.read_text("utf-8"))
        # Boxes wide enough that no name wraps: the texts then compare one to one.
        page.evaluate(
            "mermaid.initialize({startOnLoad: false, securityLevel: 'strict',"
            " journey: {width: 2000, maxLabelWidth: 4000}})"
        )

    def draw(self, source: str) -> dict[str, Any]:
        """The diagram drawn into the page: its texts, its styles, the requests made."""
        self.requests.clear()
        drawn: dict[str, Any] = self.page.evaluate(DRAW, source)
        self.page.wait_for_timeout(50)  # a stylesheet @import goes out after insertion
        drawn["requests"] = list(self.requests)
        return drawn


DRAW = """async (source) => {
  const box = document.getElementById('box');
  box.innerHTML = '';
  try {
    const {svg} = await mermaid.render('d' + Math.floor(Math.random() * 1e9), source);
    box.innerHTML = svg;
    const texts = [...box.querySelectorAll('text, span, p, title, desc')]
      .map(e => e.textContent.replace(/\\s+/g, ' ').trim());
    const style = [...box.querySelectorAll('style')].map(s => s.textContent).join('\\n')
      .replaceAll(box.querySelector('svg').id, 'ID');
    const fill = getComputedStyle(box.querySelector('svg')).backgroundColor;
    return {ok: true, texts, style, fill};
  } catch (error) {
    return {ok: false, error: String(error && error.message || error)};
  }
}"""


@pytest.fixture(scope="module")
def tab(chromium_command: str, mermaid_js: Path) -> Iterator[Tab]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_command, args=ARGS)
        yield Tab(browser.new_page(), mermaid_js)
        browser.close()


def workspace(root: Path, name: str, outcome: bool = False) -> Project:
    """A workspace where every name, the label of the one step and every row's text is
    `name`; with `outcome`, the end's outcome too (a word of the workspace's own)."""
    root.mkdir()
    config = '[map]\nlanes = [{key = "notes", title = "Notes"}]\n'
    if outcome:  # a JSON string is a TOML basic string
        config += f"[journeys]\noutcomes = [{json.dumps(name, ensure_ascii=False)}]\n"
    (root / "journeykit.toml").write_text(config, "utf-8")
    channel = {"id": "web", "name": name, "kind": "web", "presence": "online", "outbound": False}
    persona = {"id": "p", "name": name, "buyer": "consumer", "market": "b2c"}
    first = {
        "id": "t1", "name": name, "stage": "s1", "channel": "web", "kind": "action",
        "personas": ["p"], "emotion": {"score": 1}, "next": [{"to": "t2", "label": name}],
        "doing": name, "thinking": name, "feeling": name, "quotes": [name], "content": name,
        "lanes": {"notes": name},
    }  # fmt: skip
    second = {"id": "t2", "name": "Other", "stage": "s2", "channel": "web", "kind": "action"}
    journey = {
        "version": 1, "id": "j", "title": name, "personas": ["p"],
        "stages": [{"id": "s1", "name": name}, {"id": "s2", "name": "Two"}],
        "touchpoints": [first, {**second, "end": name if outcome else True}],
    }  # fmt: skip
    files = {
        "channels.yaml": {"version": 1, "channels": [channel]},
        "personas.yaml": {"version": 1, "personas": [persona]},
        "j.journey.yaml": journey,
    }
    for file, data in files.items():
        (root / file).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    project, findings = load_workspace(resolve_targets([root])[0])
    assert not [f for f in findings if f.severity.label == "error"], findings
    return project


def source(project: Project, view: View) -> str:
    text = render(project, project.journey_list(), view, OutputFormat.mermaid)
    assert isinstance(text, str)
    return text


Plain = dict[tuple[View, bool], dict[str, Any]]
"""What the plain name draws, by view and whether the end has it as its outcome."""


@pytest.fixture(scope="module")
def plain(tab: Tab, tmp_path_factory: pytest.TempPathFactory) -> Plain:
    drawn = {}
    for outcome in (False, True):
        project = workspace(tmp_path_factory.mktemp("plain") / "ws", PLAIN, outcome)
        drawn.update({(view, outcome): tab.draw(source(project, view)) for view in VIEWS})
    for (view, _), result in drawn.items():
        assert result["ok"], (view, result)
        assert sum(PLAIN in t for t in result["texts"]) >= 2, (view, result["texts"])
    # The map's rows are in the journey's description; the outcome on the flow's end.
    (described,) = [t for t in drawn[View.map, False]["texts"] if t.startswith("The map's")]
    assert described == (
        f"The map's rows by touchpoint {PLAIN} · {PLAIN} Doing: {PLAIN} Thinking: {PLAIN} "
        f"Feeling: {PLAIN} Quote: “{PLAIN}” Message copy ({PLAIN}): {PLAIN} Notes: {PLAIN}"
    )
    assert any("◼ Plainname" in t for t in drawn[View.flow, True]["texts"])
    return drawn


@pytest.mark.parametrize("name", list(NAMES.values()), ids=list(NAMES))
def test_hostile_names_draw_as_their_text(
    tab: Tab, plain: Plain, tmp_path: Path, name: str
) -> None:
    outcome = len(name) <= OUTCOME_LENGTH
    project = workspace(tmp_path / "ws", name, outcome)
    for view in VIEWS:
        drawn = tab.draw(source(project, view))
        assert drawn["ok"], f"{view.value}: {drawn.get('error')}"
        # The name as written, its whitespace normalised (a newline is a space).
        shown = " ".join(name.split())
        like = plain[view, outcome]
        expected = [t.replace(PLAIN, shown) for t in like["texts"]]
        assert drawn["texts"] == expected, view.value
        assert drawn["style"] == like["style"], f"{view.value}: a directive took effect"
        assert drawn["fill"] == like["fill"], view.value
        assert drawn["requests"] == [], view.value


def test_the_checks_see_a_directive_that_takes_effect(tab: Tab, plain: Plain) -> None:
    """What the name test guards against, written raw: the theme changes, a URL is asked."""
    name = NAMES["a directive that fetches a URL"]
    directive = name[: name.index("}%%") + 3]
    raw = f"{directive}\njourney\n    title {PLAIN}\n    section {PLAIN}\n      {PLAIN}: 4\n"
    drawn = tab.draw(raw)
    assert drawn["ok"], drawn
    assert drawn["style"] != plain[View.map, False]["style"]
    assert drawn["requests"] == ["http://127.0.0.1:9/x.png"]
    dark = tab.draw(raw.replace(directive, "%%{init: {'theme':'dark'}}%%"))
    assert dark["ok"], dark
    assert dark["style"] != plain[View.map, False]["style"]
    assert dark["fill"] != plain[View.map, False]["fill"] or "#333" in dark["style"]
