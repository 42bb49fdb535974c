"""The expression functions and the transform node types as JSON data, for the builder and the docs.

Both come from their single declarations: the expression language's function catalogue and
the component registry, so a newly registered transform appears here without other edits.
"""

from __future__ import annotations

import json
from typing import Any

from dag_factory.registry.catalog import ComponentRegistry
from dag_factory.registry.component import Category, ComponentType

ROW_WISE, WHOLE_INPUT, COMBINING = "row-wise", "whole-input", "combining"


def transform_catalogue(registry: ComponentRegistry) -> dict[str, Any]:
    """``{"functions": [...], "transforms": [...]}``: every expression function and transform type."""
    from providers.expressions.functions import catalogue

    return {
        "functions": catalogue(),
        "transforms": [describe_transform(c) for c in registry if c.category is Category.TRANSFORM],
    }


def describe_transform(component: ComponentType) -> dict[str, Any]:
    """One transform type as data: what it does, its inputs, how it runs, its config fields and example."""
    return {
        "name": component.name,
        "title": component.title,
        "description": component.description,
        "group": transform_group(component),
        "inputs": {
            "min": component.inputs.minimum,
            "max": component.inputs.maximum,
            "text": component.inputs.describe(),
        },
        "fusable": component.fusable,
        "code_bearing": component.code_bearing,
        "example": dict(component.example) if component.example is not None else None,
        "fields": config_fields(component.config_schema),
    }


def transform_group(component: ComponentType) -> str:
    """``row-wise`` (streams batch by batch), ``whole-input`` (one input, read whole) or ``combining``."""
    if component.inputs.maximum != 1:
        return COMBINING
    return ROW_WISE if component.fusable else WHOLE_INPUT


def config_fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The top-level fields of a config JSON Schema: name, type, required, default, description."""
    definitions = schema.get("$defs", {})
    required = set(schema.get("required", []))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        definition = _definition(prop, definitions)
        fields.append({
            "name": name,
            "type": type_text(prop, definitions),
            "required": name in required,
            "default": prop.get("default"),
            "description": prop.get("description") or definition.get("description", ""),
        })  # fmt: skip
    return fields


def type_text(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A short reading of a JSON Schema type: ``list of string``, ``"first" | "last"``, ``map of integer``."""
    if "enum" in prop:
        return " | ".join(json.dumps(value) for value in prop["enum"])
    if "const" in prop:
        return json.dumps(prop["const"])
    options = prop.get("anyOf") or prop.get("oneOf")
    if options:
        return " | ".join(type_text(option, definitions) for option in options)
    if "$ref" in prop:
        definition = _definition(prop, definitions)
        return type_text(definition, definitions) if "enum" in definition else "object"
    kind = prop.get("type", "any")
    if kind == "array":
        items = prop.get("items")
        return f"list of {type_text(items, definitions)}" if items else "list"
    if kind == "object" and isinstance(prop.get("additionalProperties"), dict):
        return f"map of {type_text(prop['additionalProperties'], definitions)}"
    if prop.get("format"):
        return f"{kind} ({prop['format']})"
    return str(kind)


def _definition(prop: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref") or next((o["$ref"] for o in prop.get("anyOf", []) if "$ref" in o), "")
    return definitions.get(ref.rsplit("/", 1)[-1], {}) if ref else {}
