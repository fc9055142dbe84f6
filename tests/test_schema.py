"""JSON Schemas: generated from the models, committed in schemas/, and in agreement."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from journeykit.cli import app
from journeykit.model import FileKind
from journeykit.output.schema import json_schemas

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"


def test_committed_schemas_match_the_models() -> None:
    """Fails when a model changes without `make schemas` (journeykit schema -o schemas)."""
    for name, text in json_schemas().items():
        committed = SCHEMAS / name
        assert committed.is_file(), f"{name} missing: run `make schemas`"
        assert committed.read_text("utf-8") == text, f"{name} is stale: run `make schemas`"


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_schemas_are_draft_07_with_definitions(name: str) -> None:
    schema = json.loads(json_schemas()[name])
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("kind", [k.value for k in FileKind])
def test_every_property_is_described(kind: str) -> None:
    """Editors show these descriptions as hover help."""
    schema = json.loads(json_schemas()[f"{kind}.schema.json"])
    objects = [schema, *schema.get("definitions", {}).values()]
    undocumented = [
        f"{o.get('title')}.{name}"
        for o in objects
        for name, prop in o.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undocumented == []


def example_files() -> list[Path]:
    return sorted(
        p for p in (REPO / "examples").rglob("*.y*ml") if FileKind.for_name(p.name) is not None
    )


@pytest.mark.parametrize("path", example_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_examples_validate_against_the_json_schema(path: Path) -> None:
    kind = FileKind.for_name(path.name)
    assert kind is not None
    schema = json.loads(json_schemas()[f"{kind.value}.schema.json"])
    jsonschema.Draft7Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == SCHEMAS / f"{kind.value}.schema.json"


def test_schema_check_reports_stale_files(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["schema", "--output", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["schema", "--output", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "journey.schema.json").write_text("{}")
    result = runner.invoke(app, ["schema", "--output", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert "journey.schema.json: out of date" in result.stdout


def test_schema_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--kind", "personas"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "journeykit personas file"
    assert runner.invoke(app, ["schema", "--kind", "nope"]).exit_code == 2


@pytest.mark.parametrize("kind", [k.value for k in FileKind])
def test_references_say_what_they_refer_to(kind: str) -> None:
    """Only `id` keys may carry the generic id description; a reference names its target."""
    schema = json.loads(json_schemas()[f"{kind}.schema.json"])
    objects = [schema, *schema.get("definitions", {}).values()]
    generic = [
        f"{o.get('title')}.{name}"
        for o in objects
        for name, prop in o.get("properties", {}).items()
        if name != "id" and prop.get("description", "").startswith("A stable identifier")
    ]
    assert generic == []
