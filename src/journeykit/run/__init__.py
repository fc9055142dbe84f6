"""One run over workspaces: targets, loading strategies (serial or a pool), the result.

`journeykit.run.engine.run(paths, RunOptions(...))` is the library's entry point; its
`RunResult` is what every command formats.
"""
