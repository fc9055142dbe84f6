"""The `[lint]` table of `journeykit.toml`: which rules run, how strict, with which options.

The models only check the shape; `checks.lintsettings` checks codes and option names
where the rules live (the rules import the project, which holds the configuration).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

SeverityName = Literal["error", "warning", "info"]


class RuleSettings(BaseModel):
    """`[lint.rules.CODE]` (or the rule's name): its severity and its options, by name."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)

    severity: SeverityName | None = Field(
        default=None, description="error, warning or info instead of the rule's default."
    )

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class LintConfig(BaseModel):
    """The `[lint]` table."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: list[str] | None = Field(
        default=None,
        description="Rule codes, prefixes or names to run (e.g. 'JK3', 'JK401', "
        "'missing-owner'); default: every rule.",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule codes, prefixes or names never to run."
    )
    fail_level: SeverityName = Field(
        default="error",
        alias="fail-level",
        description="Lowest severity that makes `journeykit lint` exit 1.",
    )
    rules: dict[str, RuleSettings] = Field(
        default_factory=dict,
        description="Per-rule settings by code or rule name: `severity` and the rule's "
        "options by name.",
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Glob (relative to the workspace root) -> rule codes, prefixes or names "
        "to ignore.",
    )

    @property
    def names_rules(self) -> bool:
        """Whether the table names any rule code or option (that needs checking)."""
        return bool(self.select or self.ignore or self.rules or self.per_file_ignores)


class Named(Protocol):
    """A rule or built-in check, as far as naming it goes."""

    @property
    def name(self) -> str: ...


def code_problem(
    entry: str, codes: Iterable[str] | Mapping[str, Named], *, exact: bool = False
) -> str | None:
    """Why `entry` names no rule, or None when it is a rule code, a rule's name (given
    `codes` as the rules by code) or, unless exact, a code prefix."""
    from journeykit.builtin_checks import BUILTIN_CHECKS

    known = list(codes)
    names = [r.name for r in codes.values()] if isinstance(codes, Mapping) else []
    if entry in known or entry.lower() in names:
        return None
    if not exact and entry and any(c.startswith(entry) for c in known):
        return None
    builtin_names = {c.name for c in BUILTIN_CHECKS.values()}
    if (
        entry in BUILTIN_CHECKS
        or entry.lower() in builtin_names
        or any(c.startswith(entry) for c in BUILTIN_CHECKS)
    ):
        return f"{entry!r} is a built-in check, always on; only lint rules (JK3 and up) apply"
    hint = closest(entry, known, names)
    what = "rule code" if looks_like_code(entry) or not names else "rule"
    return f"unknown {what} {entry!r}" + (f" ({hint})" if hint else "")


_CODE = re.compile(r"[A-Za-z]{2}[0-9OoIl]*")


def looks_like_code(entry: str) -> bool:
    """`JK703`, `jk7`, `JK3O1`: letters then digits (or their look-alikes), no words."""
    return _CODE.fullmatch(entry) is not None


def closest(entry: str, codes: Iterable[str], names: Iterable[str]) -> str | None:
    """ "did you mean 'JK301'?" or "did you mean 'missing-owner'?": the closest code for
    what looks like a code, the closest name for a word, else the other one."""
    from journeykit.loader.schema_errors import did_you_mean

    as_code = entry.upper()
    as_name = entry.lower().replace("_", "-")
    codes, names = list(codes), list(names)
    if looks_like_code(entry):
        return did_you_mean(as_code, codes) or did_you_mean(as_name, names)
    return did_you_mean(as_name, names) or did_you_mean(as_code, codes)


def option_type_problem(value: object, default: object) -> str | None:
    """What `value` should be, judged by the type of the option's default; None when fine."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if ok else "a whole number, 0 or more"
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        return None if ok else "a number, 0 or more"
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, list):
        return None if _strings(value) else "a list of strings"
    if isinstance(default, Mapping):
        ok = isinstance(value, Mapping) and all(_strings(v) for v in value.values())
        return None if ok else "a table of lists of strings"
    return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def key_line(text: str, parts: list[str]) -> int:
    """The line that sets the key `parts` (e.g. lint, rules, JK405, max-per-stage) in TOML.

    tomllib keeps no positions: look for the deepest table header that holds the key,
    then for the key itself below it.
    """
    lines = text.splitlines()
    start, best = 0, 0
    for depth in range(len(parts), 0, -1):
        header = _header_re(parts[:depth])
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is not None:
            start, best = found, found
            rest = parts[depth:]
            break
    else:
        rest = parts
    for part in rest:
        name = rf"[\"']?{re.escape(part)}[\"']?"
        key = re.compile(rf"^\s*{name}\s*=|[{{,]\s*{name}\s*=")
        found = next((i for i in range(start, len(lines)) if key.search(lines[i])), None)
        if found is None:
            break
        start, best = found, found
    return best + 1


def _header_re(parts: list[str]) -> re.Pattern[str]:
    dotted = r"\s*\.\s*".join(rf"[\"']?{re.escape(p)}[\"']?" for p in parts)
    return re.compile(rf"^\s*\[+\s*(tool\s*\.\s*journeykit\s*\.\s*)?{dotted}\s*\]+")
