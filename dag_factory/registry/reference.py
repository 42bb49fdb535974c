"""The node-type reference (``docs/node-types.md``), generated from the registry."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from dag_factory.registry.catalog import ComponentRegistry, default_registry
from dag_factory.registry.component import ComponentType


def render_reference(registry: ComponentRegistry) -> str:
    """Markdown describing every node type: arity, output, config fields."""
    lines = [
        "# Node types",
        "",
        "Generated from the component registry by `make docs`; do not edit by hand.",
        "",
        "`streams`: the node streams batch by batch and runs inside the task of the one node "
        "reading it (see [spec.md](spec.md#streaming-chains-run-in-one-task)).",
        "",
        "| type | category | inputs | output | streams | code |",
        "|---|---|---|---|---|---|",
    ]
    for component in registry:
        lines.append(
            f"| [`{component.name}`](#{component.name.replace('.', '')}) | {component.category.value} "
            f"| {component.inputs.describe()} | {'yes' if component.has_output else 'no'} "
            f"| {'yes' if component.fusable else 'no'} | {'yes' if component.code_bearing else 'no'} |"
        )
    for component in registry:
        lines += ["", *_section(component)]
    return "\n".join(lines) + "\n"


def _section(component: ComponentType) -> list[str]:
    schema = component.config_schema
    lines = [f"## {component.name}", "", f"**{component.title}.** {component.description}", ""]
    if component.code_bearing:
        lines += ["Code-bearing: its config references code, which needs the code permission.", ""]
    lines += ["| config key | type | default | description |", "|---|---|---|---|"]
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name in required:
            default = "required"
        else:
            default = f"`{json.dumps(prop['default'])}`" if "default" in prop else "optional"
        description = prop.get("description") or _ref_description(schema, prop)
        lines.append(f"| `{name}` | {_type_of(prop)} | {default} | {description} |")
    return lines


def _type_of(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return " \\| ".join(f"`{value}`" for value in prop["enum"])
    if "anyOf" in prop:
        return " \\| ".join(_type_of(option) for option in prop["anyOf"])
    if "$ref" in prop:
        return "object"
    if prop.get("format"):
        return f"{prop.get('type', 'string')} ({prop['format']})"
    return str(prop.get("type", "any"))


def _ref_description(schema: dict[str, Any], prop: dict[str, Any]) -> str:
    ref = prop.get("$ref", "")
    definition = schema.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
    fields = ", ".join(f"`{key}`" for key in definition.get("properties", {}))
    return f"{definition.get('description', '')} Keys: {fields}." if fields else ""


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(render_reference(default_registry()), encoding="utf-8")
