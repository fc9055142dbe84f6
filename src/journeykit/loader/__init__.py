"""Loading journeykit files: YAML with guards, then the pydantic models, all as findings.

The package itself imports nothing, so that its pydantic-free parts (`reading`,
`yamlread`, `fastpath`, `limits`) can parse files in a process that has not imported
pydantic yet. `source` holds `SourceFile` and the functions that make one.
"""
