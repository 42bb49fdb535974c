"""What a spec compiles to, as data: the DAG's tasks, the nodes each runs, and their dependencies.

The spec is compiled by the real compiler in this process; nothing is written and
Airflow's database is not touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import status
from pydantic import BaseModel, Field

from ui_plugin.api.error_responses import ApiError

if TYPE_CHECKING:
    from dag_factory.spec.models import PipelineSpec


class CompiledTask(BaseModel):
    """One task of the compiled DAG."""

    task_id: str
    display_name: str
    nodes: list[str] = Field(
        description="Ids of the nodes the task runs, in run order; streaming nodes fused into it come first."
    )
    operator: str = Field(description="Import path of the operator class.")


class CompiledDag(BaseModel):
    """The DAG a spec compiles to."""

    dag_id: str
    schedule: str | list[str] | None = Field(description="The spec's schedule; null: manual runs only.")
    version: str = Field(description="The spec's content hash, which the DAG carries.")
    tags: list[str]
    tasks: list[CompiledTask] = Field(description="Tasks in run order.")
    dependencies: list[list[str]] = Field(description="``[upstream task, downstream task]`` pairs, sorted.")


def compile_preview(spec: PipelineSpec) -> CompiledDag:
    """Compile ``spec`` and describe the resulting DAG."""
    from dag_factory.compiler.compile import compile_pipeline
    from dag_factory.spec.graph import topological_order

    try:
        dag = compile_pipeline(spec)
    except ValueError as error:
        # Airflow's own checks of a DAG's settings, e.g. catchup without a start_date.
        raise ApiError(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "does_not_compile",
            f"the spec does not compile into an Airflow DAG: {error}",
            field="spec",
        ) from None
    order = topological_order({node.id: node.inputs for node in spec.nodes})
    position = {node_id: index for index, node_id in enumerate(order)}
    tasks = sorted(dag.tasks, key=lambda task: position[task.task_id])
    return CompiledDag(
        dag_id=dag.dag_id,
        schedule=spec.schedule,
        version=spec.content_hash,
        tags=sorted(dag.tags),
        tasks=[_compiled_task(task, position) for task in tasks],
        dependencies=sorted(
            [upstream, task.task_id] for task in dag.tasks for upstream in task.upstream_task_ids
        ),
    )


def _compiled_task(task: Any, position: dict[str, int]) -> CompiledTask:
    fused = [str(member["id"]) for member in getattr(task, "fused_nodes", ())]
    operator = type(task)
    return CompiledTask(
        task_id=task.task_id,
        display_name=task.task_display_name,
        nodes=sorted([*fused, task.task_id], key=position.__getitem__),
        operator=f"{operator.__module__}.{operator.__qualname__}",
    )
