"""The published JSON Schema of the spec, with every registered node type's config."""

from __future__ import annotations

import json
from typing import Any

from dag_factory.registry.catalog import ComponentRegistry
from dag_factory.spec.models import PipelineSpec

SCHEMA_ID = "https://airflow-aggregator.dev/schemas/aggregator-v1.schema.json"


def spec_json_schema(registry: ComponentRegistry) -> dict[str, Any]:
    """JSON Schema of ``aggregator/v1`` where each node's ``config`` follows its type."""
    schema = PipelineSpec.model_json_schema(by_alias=True)
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    node = defs["NodeSpec"]
    node["properties"]["type"]["enum"] = registry.names()
    rules = []
    for component in registry:
        config_schema = component.config_model.model_json_schema(ref_template="#/$defs/{model}")
        for name, definition in config_schema.pop("$defs", {}).items():
            if defs.setdefault(name, definition) != definition:
                raise ValueError(f"two config models define a different '{name}'")
        rules.append(
            {
                "if": {"properties": {"type": {"const": component.name}}, "required": ["type"]},
                "then": {"properties": {"config": config_schema}},
            }
        )
    node["allOf"] = rules
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def render_json_schema(registry: ComponentRegistry) -> str:
    """The schema as stable, pretty-printed JSON text."""
    return json.dumps(spec_json_schema(registry), indent=2, sort_keys=True) + "\n"
