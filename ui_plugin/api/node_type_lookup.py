"""Node types named in query parameters, and the Airflow connection types they accept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import status

from ui_plugin.api.error_responses import ApiError

if TYPE_CHECKING:
    from dag_factory.registry.component import ComponentType


def node_type_named(name: str, field: str = "node_type") -> ComponentType:
    """The registered node type ``name``; a 422 naming ``field``, with a close name, otherwise."""
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.suggestions import did_you_mean

    registry = default_registry()
    if name not in registry:
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "unknown_node_type",
            f"no node type {name!r}{did_you_mean(name, registry.names())}",
            field=field,
        )
    return registry.get(name)


def accepted_connection_types(component: ComponentType) -> frozenset[str] | None:
    """Connection types the node type's connection fields accept; None when one accepts any.

    An empty set means the node type uses no connection.
    """
    properties = component.config_schema.get("properties", {})
    accepted: set[str] = set()
    for name in component.connection_fields():
        prop = properties[name]
        types = prop.get("x-connection-types") or (
            [prop["x-connection-type"]] if "x-connection-type" in prop else []
        )
        if not types:
            return None
        accepted.update(types)
    return frozenset(accepted)
