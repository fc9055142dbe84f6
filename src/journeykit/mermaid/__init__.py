"""Mermaid in and out: export journeys as `journey` diagrams and flowcharts, import
existing Mermaid journey diagrams as journeykit files."""
