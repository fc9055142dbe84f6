"""Mermaid in: import existing Mermaid journey diagrams as journeykit files. The way out
is a renderer like the others (journeykit.render.mermaid_export, mermaid_matrices)."""
