"""The Airflow connections a spec's nodes name, found through their types' connection fields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dag_factory.registry.catalog import ComponentRegistry
    from dag_factory.spec.models import PipelineSpec


@dataclass(frozen=True)
class ConnectionRef:
    """One connection id in a node's config: ``spec.nodes[node_index].config[field]``."""

    node_index: int
    field: str
    conn_id: str


def connection_refs(spec: PipelineSpec, registry: ComponentRegistry) -> Iterator[ConnectionRef]:
    """Each connection field of each node holding a connection id (text), in spec order.

    The spec's node types must be registered (a validated spec's are).
    """
    for index, node in enumerate(spec.nodes):
        for field in registry.get(node.type).connection_fields():
            conn_id = node.config.get(field)
            if isinstance(conn_id, str):
                yield ConnectionRef(index, field, conn_id)
