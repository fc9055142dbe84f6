"""Hostile names through every output: DOT (quoted and HTML-like labels), SVG, Mermaid."""

from __future__ import annotations

import re
import shutil
import xml.dom.minidom

import pytest

from journeykit.mermaid.parse import parse_file
from journeykit.project import Project
from journeykit.render import OutputFormat, View, render
from journeykit.render.dotlang import esc, quote

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

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
        ("{a|b} \\ ]]>", "{a|b} \\ ]]&gt;"),
        ("", "&#160;"),
        ("Åsa 日本語", "Åsa 日本語"),
    ],
)
def test_html_label_text(text: str, expected: str) -> None:
    assert esc(text) == expected


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
    assert all(line.startswith(("    title ", "    section ", "      ")) for line in lines[1:])
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
