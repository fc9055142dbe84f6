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
from journeykit.model.phases import BUILTIN_PHASES
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


NAMES: Mapping[str, str] = {rule.name: code for code, rule in RULES.items()}
"""Each rule's code by its name, as the output shows it: `missing-owner` -> `JK703`."""


def rule_code(entry: str) -> str:
    """The code of the rule `entry` names (`missing-owner`, `Missing-Owner`); a code or a
    prefix (`JK703`, `JK7`) as it is. Everything that selects rules takes either."""
    return NAMES.get(entry.lower(), entry)


def rule_codes(entries: Iterable[str]) -> list[str]:
    return [rule_code(e) for e in entries]


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
    """`select` replaces the configured selection; `ignore` adds to the configured one.
    Each may name rules by code, prefix or name."""
    configured = rule_codes(config.select) if config.select is not None else None
    chosen = rule_codes(select) if select is not None else configured
    ignored = rule_codes([*config.ignore, *ignore])
    configured_rules = {rule_code(c): settings for c, settings in config.rules.items()}
    enabled = frozenset(
        code
        for code, rule in RULES.items()
        if is_enabled(code, chosen, ignored) and (chosen is not None or rule.default_enabled)
    )
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, OptionValue]] = {}
    for code, rule in RULES.items():
        settings = configured_rules.get(code)
        severities[code] = (
            Severity.parse(settings.severity)
            if settings is not None and settings.severity
            else rule.severity
        )
        options[code] = {**rule.options, **(settings.options if settings else {})}
    per_file = {glob: rule_codes(codes) for glob, codes in config.per_file_ignores.items()}
    return LintSettings(
        enabled,
        severities,
        options,
        per_file,
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


def lint_problem(lint: LintConfig, phases: tuple[str, ...] = BUILTIN_PHASES) -> Problem | None:
    """The first setting that names an unknown code or option, or has a mistyped option;
    `phases`: the workspace's, which options naming phases take."""
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
    return _rules_problem(lint, phases)


def _rules_problem(lint: LintConfig, phases: tuple[str, ...]) -> Problem | None:
    """The first `[lint.rules.X]` that names no rule, names one twice or has a bad option."""
    seen: dict[str, str] = {}
    for key, settings in lint.rules.items():
        code = rule_code(key)
        rule = RULES.get(code)
        if rule is None:
            return ["rules", key], code_problem(key, RULES, exact=True) or "unknown rule"
        if code in seen:
            return ["rules", key], f"{key!r} is {code}, set already as {seen[code]!r}"
        seen[code] = key
        for name, value in settings.options.items():
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                return (
                    ["rules", key, name],
                    f"unknown option {name!r} of {code} (its options: {known})",
                )
            expected = option_type_problem(value, rule.options[name])
            if expected:
                return ["rules", key, name], f"{code} option {name!r} must be {expected}"
            choices = phases if name in rule.phase_options else rule.choices.get(name)
            unknown = _unknown_choice(value, choices)
            if unknown:
                return ["rules", key, name], f"{code} option {name!r}: {unknown}"
    return None


def _unknown_choice(value: object, choices: tuple[str, ...] | None) -> str | None:
    """What is wrong with a value outside an option's `choices`, or None."""
    if choices is None:
        return None
    from journeykit.loader.schema_errors import did_you_mean

    values = value if isinstance(value, list) else [value]
    for item in values:
        if str(item) not in choices:
            hint = did_you_mean(str(item), choices)
            return (
                f"unknown value {item!r}"
                + (f" ({hint})" if hint else "")
                + (f"; one of: {', '.join(choices)}")
            )
    return None


def check_lint_table(workspace: Workspace) -> None:
    """Raise ConfigError, with its line, for a `[lint]` setting that names no rule or option."""
    problem = lint_problem(workspace.config.lint, tuple(workspace.config.journeys.phases))
    if problem is not None:
        raise_at(workspace, problem)


def raise_at(workspace: Workspace, problem: Problem) -> None:
    """Raise ConfigError for `problem` (a key path under `lint`) at the line of the
    workspace's configuration file that sets it; nothing without such a file."""
    if workspace.config_file is None:
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
