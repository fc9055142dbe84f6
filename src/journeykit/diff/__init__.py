"""Semantic diff of journey workspaces: items matched by id, every change with a level.

Modules: `rules` (the kinds of change and their default levels), `settings` (the
`[diff]` table of journeykit.toml), `changes` (result types and `diff_marks`), `match`
(id matching, renames, order), `journey` and `catalog` (the model diffs), `analysis`
(findings introduced and fixed), `engine` (two snapshots -> a report), `snapshot` (a
workspace read from disk or from a git revision), `sources` (command-line arguments ->
snapshots), `canonical` (the text form for `git diff`), `format_*` (the output formats).

This package's `__init__` stays empty: `journeykit.workspace.config` imports `diff.settings`.
"""
