"""Workspace configuration: `journeykit.toml`, or `[tool.journeykit]` in `pyproject.toml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journeykit.diff.settings import DiffConfig
from journeykit.loader import limits
from journeykit.loader.limits import Limits
from journeykit.loader.schema_errors import did_you_mean
from journeykit.workspace.discovery import Workspace, workspace_root
from journeykit.workspace.errors import ConfigError
from journeykit.workspace.journeysconfig import JourneysConfig
from journeykit.workspace.lintconfig import LintConfig
from journeykit.workspace.mapconfig import MapConfig
from journeykit.workspace.table import Table, parse_table, read_table
from journeykit.workspace.themeconfig import RenderConfig, ThemeConfig, logo_problem

__all__ = [
    "Config",
    "ConfigError",
    "JourneysConfig",
    "LimitsConfig",
    "LoadedConfig",
    "RenderConfig",
    "ThemeConfig",
    "open_workspace",
    "parse_config",
    "read_config",
    "validate_table",
    "workspace_at",
]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LimitsConfig(_Section):
    """Resource guards for hostile input."""

    max_file_size: int = Field(
        default=limits.DEFAULT_MAX_FILE_BYTES,
        alias="max-file-size",
        ge=1,
        description="Largest file parsed, in bytes.",
    )
    max_depth: int = Field(
        default=limits.DEFAULT_MAX_DEPTH,
        alias="max-depth",
        ge=1,
        le=limits.MAX_MAX_DEPTH,
        description="Deepest nesting of mappings and lists.",
    )
    max_alias_nodes: int = Field(
        default=limits.DEFAULT_MAX_ALIAS_NODES,
        alias="max-alias-nodes",
        ge=0,
        description="How many nodes YAML aliases may add once expanded.",
    )

    def limits(self) -> Limits:
        return Limits(self.max_file_size, self.max_depth, self.max_alias_nodes)


class Config(_Section):
    """The `journeykit.toml` file."""

    include: list[str] = Field(
        default_factory=lambda: ["**"],
        description="Glob patterns (relative to the workspace root) of files to read.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Glob patterns of files to leave out."
    )
    limits: LimitsConfig = Field(
        default_factory=LimitsConfig, description="Resource guards for hostile input."
    )
    diff: DiffConfig = Field(default_factory=DiffConfig)
    lint: LintConfig = Field(default_factory=LintConfig)
    map: MapConfig = Field(
        default_factory=MapConfig, description="The journey map: the workspace's own lanes."
    )
    journeys: JourneysConfig = Field(
        default_factory=JourneysConfig, description="What journey files may say."
    )
    render: RenderConfig = Field(
        default_factory=RenderConfig, description="How pictures and the report look."
    )
    measure: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "`journeykit measure`: the event log's column names, time zone, engine "
            "(checked by the measure command, see docs/measure.md)."
        ),
    )


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    config: Config
    file: Path | None
    """The file it came from; None when the workspace has no configuration."""


def read_config(path: Path) -> LoadedConfig:
    """Read `journeykit.toml` or the `[tool.journeykit]` table of `pyproject.toml`."""
    return validate_table(read_table(path), path)


def parse_config(raw: bytes, path: Path) -> LoadedConfig:
    """`read_config` of the file `path` holding `raw` (the result cache checks with it
    that the bytes it keys an entry on are those of the configuration a run used)."""
    return validate_table(parse_table(raw, path), path)


def validate_table(table: Table, path: Path) -> LoadedConfig:
    """The configuration `table` holds, checked; ConfigError with the line at fault."""
    try:
        config = Config.model_validate(table.data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = [str(p) for p in error["loc"]]
        # A list's item is found by the list's key: `palette`, not `1`, nor the `key` of
        # `lanes = [{key = ...}]` (an inline table's keys are not at a line's start).
        parts = list(error["loc"])
        first = next((i for i, p in enumerate(parts) if isinstance(p, int)), len(parts))
        # A key of an inline table (`plays = {usage = ...}`) has no line of its own: the
        # nearest enclosing key that has one.
        named = [str(p) for p in reversed(parts[:first]) if isinstance(p, str)]
        line = next((n for n in map(partial(_key_line, table.text), named) if n), 1)
        key = ".".join([*table.prefix, *loc])
        if error["type"] == "extra_forbidden":
            known = _known_keys(loc[:-1])
            hint = did_you_mean(loc[-1], known)
            message = f"unknown key {key!r}" + (f" ({hint})" if hint else "")
        else:
            message = f"{key}: {str(error['msg']).removeprefix('Value error, ')}"
        raise ConfigError(message, str(path), line) from None
    problem = logo_problem(path.parent, config.render.theme.logo)
    if problem is not None:
        key = ".".join([*table.prefix, "render", "theme", "logo"])
        raise ConfigError(f"{key}: {problem}", str(path), _find_line(table.text, "logo"))
    return LoadedConfig(config, path)


def _known_keys(parent: list[str]) -> list[str]:
    model: Any = Config
    for part in parent:
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        if field is None or not isinstance(field.annotation, type):
            return []
        model = field.annotation
    return [f.alias or n for n, f in model.model_fields.items()]


def _find_line(text: str, key: str) -> int:
    """tomllib gives no positions for values: find the line that sets `key` (1 if none)."""
    return _key_line(text, key) or 1


def _key_line(text: str, key: str) -> int | None:
    if not key:
        return None
    pattern = re.compile(rf"^[ \t]*(\[+[ \t]*)?[\w.\"'-]*\b{re.escape(key)}\b", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def open_workspace(start: Path) -> Workspace:
    """The workspace that holds `start`, with its configuration read and checked."""
    return workspace_at(*workspace_root(start))


def workspace_at(root: Path, config_path: Path | None, table: Table | None = None) -> Workspace:
    """The workspace at `root` configured by `config_path` (checked), already read as
    `table` when given."""
    if config_path is None:
        return Workspace(root, Config(), None)
    loaded = read_config(config_path) if table is None else validate_table(table, config_path)
    return Workspace(root, loaded.config, loaded.file)
