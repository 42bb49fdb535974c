"""The ``x-aggregator-column`` marker: config fields naming input columns say so in their JSON Schema."""

from typing import Annotated, Any

import pytest
from pydantic import Field, ValidationError

from dag_factory.registry.catalog import default_registry
from dag_factory.registry.config_fields import (
    COLUMN_KEYS,
    COLUMN_MARKER,
    COLUMN_VALUES,
    ComponentConfig,
    NamesColumns,
)
from dag_factory.spec.json_schema import spec_json_schema


class KeyedConfig(ComponentConfig):
    column: Annotated[str, COLUMN_VALUES] = Field(min_length=1, description="One column.")
    keys: Annotated[list[str], COLUMN_VALUES] = Field(default_factory=list)
    only: Annotated[list[str] | None, COLUMN_VALUES] = Field(default=None, min_length=1)
    rename: Annotated[dict[str, str], COLUMN_KEYS] = Field(default_factory=dict)
    label: str = "plain"


def field_schema(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The schema of the config field at dotted ``path``, following ``$ref``s and optional wrappers."""
    definitions = schema.get("$defs", {})
    current = schema
    for name in path.split("."):
        current = _object(current, definitions)["properties"][name]
    return current


def _object(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    for option in [schema, *schema.get("anyOf", []), schema.get("items", {})]:
        if "$ref" in option:
            return _object(definitions[option["$ref"].rsplit("/", 1)[-1]], definitions)
        if "properties" in option:
            return option
    raise AssertionError(f"not an object schema: {schema}")


def test_marked_fields_carry_the_marker_at_the_top_of_their_schema():
    properties = KeyedConfig.model_json_schema()["properties"]

    assert properties["column"][COLUMN_MARKER] == "value"
    assert properties["column"]["description"] == "One column."
    assert properties["keys"][COLUMN_MARKER] == "value"
    # Optional: next to the anyOf, not inside one of its branches.
    assert properties["only"][COLUMN_MARKER] == "value"
    assert all(COLUMN_MARKER not in option for option in properties["only"]["anyOf"])
    assert properties["rename"][COLUMN_MARKER] == "keys"
    assert COLUMN_MARKER not in properties["label"]


def test_the_marker_changes_no_validation():
    config = KeyedConfig(column="amount", keys=["id"], only=["a"], rename={"a": "b"})
    assert config.keys == ["id"]
    with pytest.raises(ValidationError) as raised:
        KeyedConfig(column="", only=[])
    assert {error["loc"][0] for error in raised.value.errors()} == {"column", "only"}


def test_a_marker_names_a_part_the_builder_knows():
    with pytest.raises(ValueError, match="'value' or 'keys', not 'columns'"):
        NamesColumns("columns")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("node_type", "path", "part"),
    [
        ("transform.select", "columns", "value"),
        ("transform.select", "drop", "value"),
        ("transform.select", "rename", "keys"),
        ("transform.cast", "columns", "keys"),
        ("transform.fill_nulls", "values", "keys"),
        ("transform.aggregate", "group_by", "value"),
        ("transform.join", "on", "value"),
        ("transform.join", "left_on", "value"),
        ("transform.join", "right_on", "value"),
        ("transform.lookup", "on", "value"),
        ("transform.lookup", "columns", "value"),
        ("transform.lookup", "rename", "keys"),
        ("transform.dedupe", "keys", "value"),
        ("transform.dedupe", "order_by.column", "value"),
        ("transform.sort", "by.column", "value"),
        ("transform.pivot", "index", "value"),
        ("transform.pivot", "columns", "value"),
        ("transform.pivot", "values", "value"),
        ("transform.unpivot", "ids", "value"),
        ("transform.unpivot", "values", "value"),
        ("transform.flatten", "columns", "value"),
        ("transform.flatten", "explode", "value"),
        ("sink.sql", "keys", "value"),
        ("sink.sql", "partition.column", "value"),
        ("sink.file", "partition_by", "value"),
        ("source.sql", "columns", "value"),
        ("source.sql", "incremental.cursor_column", "value"),
        ("source.sql", "partitions.column", "value"),
        ("source.sql_query", "incremental.cursor_column", "value"),
        ("source.file", "column_types", "keys"),
    ],
)
def test_built_in_fields_naming_input_columns_are_marked(node_type: str, path: str, part: str):
    schema = default_registry().get(node_type).config_schema
    assert field_schema(schema, path).get(COLUMN_MARKER) == part


@pytest.mark.parametrize(
    ("node_type", "path"),
    [
        # Names of new columns, or expressions: nothing to pick from the input.
        ("transform.derive", "columns"),
        ("transform.aggregate", "aggregations"),
        ("transform.unpivot", "name_column"),
        ("transform.unpivot", "value_column"),
        ("transform.filter", "where"),
        ("transform.join", "suffixes"),
        ("sink.sql", "table"),
    ],
)
def test_fields_not_naming_input_columns_are_not_marked(node_type: str, path: str):
    schema = default_registry().get(node_type).config_schema
    assert COLUMN_MARKER not in field_schema(schema, path)


def test_the_builder_and_the_published_schema_see_the_marker():
    registry = default_registry()
    metadata = registry.get("transform.select").ui_metadata()
    assert metadata["config_schema"]["properties"]["rename"][COLUMN_MARKER] == "keys"

    published = spec_json_schema(registry)
    assert published["$defs"]["SortKey"]["properties"]["column"][COLUMN_MARKER] == "value"
    rules = published["$defs"]["NodeSpec"]["allOf"]
    select = next(rule for rule in rules if rule["if"]["properties"]["type"]["const"] == "transform.select")
    assert select["then"]["properties"]["config"]["properties"]["drop"][COLUMN_MARKER] == "value"
