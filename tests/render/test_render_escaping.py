"""Hostile names through every output: DOT (quoted and HTML-like labels), SVG, Mermaid."""

from __future__ import annotations

import re
import xml.dom.minidom
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.mermaid.parse import parse_file
from journeykit.render import OutputFormat, View, render
from journeykit.render.dotlang import attrs, esc, quote
from journeykit.workspace.project import Project

needs_dot = pytest.mark.usefixtures("dot_command")

HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    'Stage: "one"; <two> #3 {four} | five \\ six',
    'Task: <b>bold</b> & "quoted" {rec|ord} \\ back; hash # end',
    "section Ünïcödé 日本語テキスト ∑ → ✓",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash \\l \\N", '"back\\\\slash \\\\l \\\\N"'),
        ("line\nbreak\ttab\x07bell", '"line break tab bell"'),
        ("{a|b} <c>", '"{a|b} <c>"'),
    ],
)
def test_quoted_strings(text: str, expected: str) -> None:
    assert quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>&</script>", "&lt;script&gt;&amp;&lt;/script&gt;"),
        ("\"quoted\" 'single'", "&quot;quoted&quot; &#x27;single&#x27;"),
        # Graphviz expands \N, \G and friends in HTML-like labels too: backslashes doubled.
        ("{a|b} \\ ]]>", "{a|b} \\\\ ]]&gt;"),
        ("\\G \\N \\n", "\\\\G \\\\N \\\\n"),
        ("", "&#160;"),
        ("Åsa 日本語", "Åsa 日本語"),
    ],
)
def test_html_label_text(text: str, expected: str) -> None:
    assert esc(text) == expected


def test_tooltips_are_escaped_twice_since_graphviz_reads_them_twice() -> None:
    assert attrs(tooltip='a \\G & "b"', id="x\\N") == (
        '[tooltip="a \\\\\\\\G &amp; \\"b\\"", id="x\\\\N"]'
    )


def _texts(svg: str) -> str:
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    return " ".join(
        node.firstChild.data  # type: ignore[union-attr]
        for tag in ("text", "title")
        for node in dom.getElementsByTagName(tag)
        if node.firstChild is not None
    )


@needs_dot
@pytest.mark.parametrize("view", list(View), ids=[v.value for v in View])
def test_dot_accepts_hostile_names_and_svg_shows_them_as_text(hostile: Project, view: View) -> None:
    journey = hostile.journeys["hostile"]
    source = render(hostile, [journey], view, OutputFormat.dot)
    assert isinstance(source, str)
    assert "<script>" not in source
    svg = render(hostile, [journey], view, OutputFormat.svg)
    assert isinstance(svg, str)
    assert "<script" not in svg and "<img" not in svg and "<b>" not in svg
    shown = " ".join(_texts(svg).split())
    if view is not View.coverage:
        assert 'Web <&> "shop" {x|y} \\ end' in shown
    assert "<script>alert(1)</script>" in shown


def test_mermaid_keeps_hostile_names_as_text(hostile: Project) -> None:
    journey = hostile.journeys["hostile"]
    text = render(hostile, [journey], View.map, OutputFormat.mermaid)
    assert isinstance(text, str)
    assert "<" not in text and ">" not in text
    lines = text.splitlines()
    assert lines[0] == "journey"
    start = lines.index("    accDescr {")  # the map's rows: the message copy of t1
    assert lines[-1] == "    }"
    assert all(line.startswith("      ") and "}" not in line for line in lines[start + 1 : -1])
    assert all(line.startswith(("    title ", "    section ", "      ")) for line in lines[1:start])
    diagrams, findings = parse_file(text, "x.mmd", markdown=False)
    assert not findings
    (diagram,) = diagrams
    assert diagram.title == "<script>alert(1)</script>"
    assert [s.name for s in diagram.sections] == [
        'Stage: "one"; <two> #3 {four} | five \\ six',
        "title of the section",
    ]
    assert [t.name for t in diagram.tasks] == [
        'Task: <b>bold</b> & "quoted" {rec|ord} \\ back; hash # end',
        "section Ünïcödé 日本語テキスト ∑ → ✓",
    ]
    assert [t.score for t in diagram.tasks] == [1, 4]
    flow = render(hostile, [journey], View.flow, OutputFormat.mermaid)
    assert isinstance(flow, str)
    assert "<script" not in flow and "<b>" not in flow
    assert '"go -#gt; #quot;next#quot; #lt;now#gt; #124; {x}"' in flow


@pytest.mark.parametrize("view", [View.channels, View.coverage])
def test_mermaid_matrices_keep_hostile_names_as_text(hostile: Project, view: View) -> None:
    text = render(hostile, [hostile.journeys["hostile"]], view, OutputFormat.mermaid)
    assert isinstance(text, str)
    # Only the line breaks journeykit writes itself are markup.
    assert "<" not in text.replace("<br/>", "")
    assert ">" not in text.replace("<br/>", "")
    labels = re.findall(r'\["(.*?)"\]', text)
    assert labels and all('"' not in x for x in labels)


ESCAPES = Path(__file__).resolve().parent / "escapes"

# What each view must show as written, whitespace normalised (lines wrap at spaces).
SHOWN = {
    "title": 'Title \\G \\N \\E "q" <b>bold</b> &amp; \\\\ end\\',
    "stage": 'Stage \\G \\N \\L "q" <b>',
    "touchpoint": 'Pay \\G \\N \\L \\E \\T \\H "q" <b>x</b> &amp; &#92; \\\\ \\l \\r \\n end',
    "channel": 'Web \\G \\N "shop"',
    "persona": "Ann \\N \\T <b>x</b>",
    "label": 'Go \\G \\N \\E \\T \\H "q" <b>',
    "condition": "If \\E \\T \\H \\n",
    "intent": "Intent \\G \\N \\l \\r \\n",
    "pain": "Pain \\G \\N <i>",
    "touchpoint, cut": 'Pay \\G \\N \\L \\E \\T \\H "q" <b>x</b> &amp; &#92; \\\\',
}
EXPECTED = {
    View.map: ["title", "stage", "touchpoint", "channel", "intent", "pain"],
    View.flow: ["title", "stage", "touchpoint", "channel", "label", "condition"],
    View.channels: ["title", "stage", "touchpoint, cut", "channel"],
    View.coverage: ["title", "stage", "channel", "persona"],
}


def _tooltips(svg: str) -> list[str]:
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    return [a.getAttribute("xlink:title") for a in dom.getElementsByTagName("a")]


@needs_dot
@pytest.mark.parametrize("view", list(View), ids=[v.value for v in View])
def test_graphviz_escapes_in_user_text_show_as_written(
    loader: Callable[[Path], Project], view: View
) -> None:
    project = loader(ESCAPES)
    svg = render(project, [project.journeys["esc"]], view, OutputFormat.svg)
    assert isinstance(svg, str)
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    texts = [
        n.firstChild.data
        for n in dom.getElementsByTagName("text")
        if isinstance(n.firstChild, xml.dom.minidom.Text)
    ]
    shown = " ".join(" ".join(texts).split())
    for key in EXPECTED[view]:
        assert SHOWN[key] in shown, key
    # \G would have put the graph's name in, \N a node's name, \E an edge's.
    assert f"esc.{view.value}" not in shown
    assert "t1->t2" not in shown and "t2->t1" not in shown
    assert "<b>" not in svg and "<i>" not in svg
    if view is View.flow:
        tips = _tooltips(svg)
        assert 'Tip \\G \\N \\L \\E \\n "q" <b>x</b> &amp; &#92; &lt; \\\\ end\\' in tips
        assert not any("<BR" in t or "<FONT" in t or "esc.flow" in t for t in tips)
