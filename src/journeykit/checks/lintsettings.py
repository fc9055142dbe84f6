"""The `[lint]` table resolved against the rule registry: which rules run, how strict.

The configuration reader (`workspace.config`) checks only the table's shape; the codes and
option names are checked here, where the rules live, so reading a configuration never
imports the rules (and the rules may import the project, which holds the configuration).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.checks.rules import RULES
from journeykit.checks.rules.base import OptionValue
from journeykit.findings import Severity
from journeykit.workspace.config import ConfigError
from journeykit.workspace.discovery import Workspace
from journeykit.workspace.lintconfig import LintConfig, code_problem, key_line, option_type_problem


@dataclass(frozen=True, slots=True)
class LintSettings:
    """The configuration resolved: which rules run, at which severity, with which options."""

    enabled: frozenset[str]
    severities: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, OptionValue]]
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    fail_level: Severity = Severity.ERROR


def is_enabled(code: str, select: Sequence[str] | None, ignore: Sequence[str]) -> bool:
    """The most specific matching entry decides; on a tie `ignore` wins; no `select` = all."""
    chosen = [s for s in (select if select is not None else ["JK"]) if code.startswith(s)]
    ignored = [s for s in ignore if code.startswith(s)]
    if not chosen:
        return False
    return not ignored or max(map(len, chosen)) > max(map(len, ignored))


def resolve_settings(
    config: LintConfig,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    fail_level: Severity | None = None,
) -> LintSettings:
    """`select` replaces the configured selection; `ignore` adds to the configured one."""
    chosen = list(select) if select is not None else config.select
    ignored = [*config.ignore, *ignore]
    enabled = frozenset(
        code
        for code, rule in RULES.items()
        if is_enabled(code, chosen, ignored) and (chosen is not None or rule.default_enabled)
    )
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, OptionValue]] = {}
    for code, rule in RULES.items():
        settings = config.rules.get(code)
        severities[code] = (
            Severity.parse(settings.severity)
            if settings is not None and settings.severity
            else rule.severity
        )
        options[code] = {**rule.options, **(settings.options if settings else {})}
    return LintSettings(
        enabled,
        severities,
        options,
        config.per_file_ignores,
        fail_level or Severity.parse(config.fail_level),
    )


def codes_problem(option: str, entries: Iterable[str]) -> str | None:
    """What is wrong with a `--select` / `--ignore` list, if it names no rule."""
    for entry in entries:
        problem = code_problem(entry, RULES)
        if problem:
            return f"{option}: {problem}"
    return None


Problem = tuple[list[str], str]
"""The key path of a bad setting (under `lint`) and what is wrong with it."""


def lint_problem(lint: LintConfig) -> Problem | None:
    """The first setting that names an unknown code or option, or has a mistyped option."""
    lists: list[tuple[list[str], Iterable[str]]] = [
        (["select"], lint.select or []),
        (["ignore"], lint.ignore),
    ]
    lists += [(["per-file-ignores", glob], v) for glob, v in lint.per_file_ignores.items()]
    for path, entries in lists:
        for entry in entries:
            message = code_problem(entry, RULES)
            if message:
                return path, message
    for code, settings in lint.rules.items():
        rule = RULES.get(code)
        if rule is None:
            return ["rules", code], code_problem(code, RULES, exact=True) or "unknown rule"
        for name, value in settings.options.items():
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                return (
                    ["rules", code, name],
                    f"unknown option {name!r} of {code} (its options: {known})",
                )
            expected = option_type_problem(value, rule.options[name])
            if expected:
                return ["rules", code, name], f"{code} option {name!r} must be {expected}"
    return None


def check_lint_table(workspace: Workspace) -> None:
    """Raise ConfigError, with its line, for a `[lint]` setting that names no rule or option."""
    problem = lint_problem(workspace.config.lint)
    if problem is None or workspace.config_file is None:
        return
    parts, message = problem
    path: Path = workspace.config_file
    prefix = ["tool", "journeykit"] if path.name == "pyproject.toml" else []
    full = [*prefix, "lint", *parts]
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    raise ConfigError(f"{'.'.join(full)}: {message}", str(path), key_line(text, full))
