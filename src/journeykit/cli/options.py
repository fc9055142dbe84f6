"""The typer options several commands share, declared once."""

from __future__ import annotations

import typer

PATHS = typer.Argument(help="Workspace folders or journey files (default: the current folder).")
FORMAT = typer.Option("--format", "-f", help="Output format.")
OUTPUT = typer.Option("--output", "-o", help="Write the report to this file instead.")
PERSONA = typer.Option("--persona", "-p", help="Only this persona's journeys (an id).")
PERSONA_VIEW = typer.Option(
    "--persona",
    "-p",
    help="Only this persona's journeys (an id), showing only what applies to it.",
)
STATISTICS = typer.Option("--statistics", help="Count the findings per code.")
JOBS = typer.Option(
    "--jobs",
    "-j",
    min=1,
    help="Processes that load the files (default: one per core for big workspaces).",
)
MAX_FINDINGS = typer.Option(
    "--max-findings",
    min=0,
    help="Show at most N findings, 0 for all (default: 10,000 in human, concise and github; "
    "all in json and sarif). The summary counts all; the exit code is the same.",
)
NO_CACHE = typer.Option(
    "--no-cache",
    help="Load every file even if nothing changed since the last run (also JOURNEYKIT_NO_CACHE=1).",
)
PICTURES_NO_CACHE = typer.Option(
    "--no-cache",
    help="Lay out every picture even if it was drawn before (also JOURNEYKIT_NO_CACHE=1).",
)
TIMEOUT = typer.Option("--timeout", help="Seconds Graphviz may take per picture.")
