"""Pure analysis of a loaded project: coverage, flow, emotions, evidence and gaps.

Lint rules, `journeykit gaps` and the renderers all read journeys through these
functions, so a gap means the same thing wherever it shows up.
"""
