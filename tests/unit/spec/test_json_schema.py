import json
from pathlib import Path

import jsonschema
import pytest

from dag_factory.registry.catalog import default_registry
from dag_factory.spec.json_schema import render_json_schema, spec_json_schema
from dag_factory.spec.parsing import parse_spec

REPO = Path(__file__).resolve().parents[3]
VALID = (REPO / "tests" / "specs" / "orders_daily.yaml").read_text()
PUBLISHED = REPO / "docs" / "spec" / "aggregator-v1.schema.json"


def test_published_schema_matches_the_models():
    """Run `make schema` after changing a spec model or a node type's config."""
    assert PUBLISHED.read_text() == render_json_schema(default_registry())


@pytest.fixture(scope="module")
def validator():
    schema = spec_json_schema(default_registry())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_a_valid_spec(validator):
    validator.validate(parse_spec(VALID).to_data())


def test_schema_checks_each_node_config_by_its_type(validator):
    data = parse_spec(VALID).to_data()
    data["nodes"][0]["config"] = {"path": "x.csv", "delimter": ";"}
    errors = list(validator.iter_errors(data))
    assert errors, "an unknown config key must fail the schema"
    data["nodes"][0]["config"] = {"path": "x.csv"}
    data["nodes"][1]["config"] = {"callable": 3}
    assert list(validator.iter_errors(data))


def test_schema_lists_registered_node_types(validator):
    data = parse_spec(VALID).to_data()
    data["nodes"][0]["type"] = "source.nope"
    assert list(validator.iter_errors(data))
    schema = json.loads(PUBLISHED.read_text())
    assert set(schema["$defs"]["NodeSpec"]["properties"]["type"]["enum"]) >= {
        "source.file",
        "sink.file",
        "python.callable",
    }
