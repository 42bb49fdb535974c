"""Which pipeline nodes each Airflow task runs: a fused task runs a chain of nodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def nodes_per_task(spec: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{task_id: [node ids, upstream first]}`` for spec data, planned as ``compile_pipeline`` plans it."""
    from dag_factory.compiler.fusion import PlannedNode, plan_tasks
    from dag_factory.registry.catalog import default_registry

    planned = [
        PlannedNode(id=node["id"], type=node["type"], inputs=tuple(node.get("inputs") or ()))
        for node in spec.get("nodes") or ()
    ]
    if spec.get("fuse", True) is False:
        plan: dict[str, list[PlannedNode]] = {node.id: [] for node in planned}
    else:
        registry = default_registry()
        plan = plan_tasks(planned, lambda name: name in registry and registry.get(name).fusable)
    return {task_id: [member.id for member in reversed(fused)] + [task_id] for task_id, fused in plan.items()}
