"""The function and transform catalogue as data, and ``docs/transforms.md`` generated from it."""

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.transform_catalogue import config_fields, transform_catalogue, type_text
from dag_factory.registry.transform_reference import render_transforms
from providers.expressions.functions import catalogue

DOC = Path(__file__).resolve().parents[3] / "docs" / "transforms.md"


class ReverseConfig(BaseModel):
    """Settings of a test transform."""

    columns: list[str] = Field(description="Columns | to reverse.")
    keep: str = Field("first", description="Which one.")


def transform(name: str, **options) -> ComponentType:
    defaults = {"category": Category.TRANSFORM, "title": name.title(), "description": f"{name} rows.",
                "config_model": ReverseConfig, "executor": "x:y", "inputs": Arity(1, 1)}  # fmt: skip
    return ComponentType(name=name, **{**defaults, **options})


REGISTRY = ComponentRegistry([
    transform("test.reverse", fusable=True, example={"columns": ["a", "b"]}),
    transform("test.sort"),
    transform("test.zip", inputs=Arity(2, None), code_bearing=True),
    transform("test.read", category=Category.SOURCE, inputs=Arity(0, 0)),
])  # fmt: skip


def test_transforms_reference_matches_the_registry():
    """Run `make docs` after registering or changing a node type."""
    assert DOC.read_text(encoding="utf-8") == render_transforms(default_registry())


def test_catalogue_is_json_data_with_every_function_and_only_transforms():
    data = transform_catalogue(REGISTRY)
    assert json.loads(json.dumps(data)) == data
    assert data["functions"] == catalogue()
    assert [t["name"] for t in data["transforms"]] == ["test.reverse", "test.sort", "test.zip"]


@pytest.mark.parametrize(
    ("name", "group", "fusable", "code_bearing", "inputs"),
    [
        ("test.reverse", "row-wise", True, False, {"min": 1, "max": 1, "text": "exactly 1 input"}),
        ("test.sort", "whole-input", False, False, {"min": 1, "max": 1, "text": "exactly 1 input"}),
        ("test.zip", "combining", False, True, {"min": 2, "max": None, "text": "2 or more inputs"}),
    ],
)
def test_each_transform_says_how_it_runs(name, group, fusable, code_bearing, inputs):
    entry = {t["name"]: t for t in transform_catalogue(REGISTRY)["transforms"]}[name]
    assert (entry["group"], entry["fusable"], entry["code_bearing"], entry["inputs"]) == (
        group, fusable, code_bearing, inputs
    )  # fmt: skip


def test_fields_come_from_the_config_schema():
    fields = config_fields(ReverseConfig.model_json_schema())
    assert fields == [
        {"name": "columns", "type": "list of string", "required": True, "default": None,
         "description": "Columns | to reverse."},
        {"name": "keep", "type": "string", "required": False, "default": "first",
         "description": "Which one."},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("prop", "text"),
    [
        ({"type": "integer"}, "integer"),
        ({"enum": ["first", "last"]}, '"first" | "last"'),
        ({"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}]},
         "list of string | null"),
        ({"type": "object", "additionalProperties": {"type": "number"}}, "map of number"),
        ({"type": "string", "format": "airflow-connection"}, "string (airflow-connection)"),
        ({"$ref": "#/$defs/Keep"}, '"first" | "last"'),
        ({"$ref": "#/$defs/Order"}, "object"),
        ({}, "any"),
    ],
)
def test_type_text_reads_json_schema(prop, text):
    definitions = {"Keep": {"enum": ["first", "last"]}, "Order": {"type": "object", "properties": {}}}
    assert type_text(prop, definitions) == text


def test_reference_lists_every_transform_with_its_guide_fields_and_example():
    text = render_transforms(REGISTRY)
    assert "| [`test.reverse`](#testreverse) | Test.Reverse | [row-wise](transforms/row-wise.md) |" in text
    assert "[whole-input](transforms/whole-input.md)" in text
    assert "[combining](transforms/combining.md)" in text
    assert "(expressions.md#functions)" in text
    assert "test.read" not in text
    assert "| `columns` | list of string | required | Columns \\| to reverse. |" in text
    assert "  type: test.reverse\n  inputs: [upstream]\n  config:\n    columns: [a, b]\n" in text
    assert "No example is declared for this type." in text
    assert text.count("Code-bearing") == 1


def test_reference_documents_every_registered_transform_and_field():
    text = render_transforms(default_registry())
    for component in default_registry():
        if component.category is Category.TRANSFORM:
            assert f"## {component.name}\n" in text
            for field in component.config_schema.get("properties", {}):
                assert f"| `{field}` |" in text
