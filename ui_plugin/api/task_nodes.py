"""Which pipeline nodes each Airflow task runs: a fused task runs a chain of nodes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def nodes_per_task(spec: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{task_id: [node ids, upstream first]}`` for spec data, planned as ``compile_pipeline`` plans it."""
    from dag_factory.compiler.fusion import planned_nodes, spec_task_plan
    from dag_factory.registry.catalog import default_registry
    from dag_factory.spec.models import PipelineSpec

    registry = default_registry()
    parsed = PipelineSpec.model_validate(spec)
    plan = spec_task_plan(
        planned_nodes(parsed), lambda name: name in registry and registry.get(name).fusable, fuse=parsed.fuse
    )
    return {task_id: [member.id for member in reversed(fused)] + [task_id] for task_id, fused in plan.items()}
