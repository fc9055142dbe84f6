"""JSON Schemas for every file kind, in draft-07 for the YAML language server in editors."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from journeykit.model import FileKind, model_of
from journeykit.workspace.config import Config

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    # pydantic emits draft 2020-12 with `$defs`; editors speak draft-07 `definitions`.
    schema = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", None)
    out: dict[str, Any] = {"$schema": DRAFT_07, "title": title}
    out.update({k: v for k, v in schema.items() if k != "title"})
    if definitions:
        out["definitions"] = definitions
    return out


def json_schemas() -> dict[str, str]:
    """File name -> schema text, deterministic, for `journeykit schema --output`."""
    schemas = {
        f"{kind.value}.schema.json": _schema_of(model_of(kind), f"journeykit {kind.value} file")
        for kind in FileKind
    }
    schemas["config.schema.json"] = _schema_of(Config, "journeykit.toml")
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        for name, schema in schemas.items()
    }
