"""``compile_pipeline``: a validated spec in, an Airflow DAG out. Pure and fast."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dag_factory.compiler.fusion import PlannedNode, planned_nodes, spec_task_plan
from dag_factory.spec.models import PipelineSpec, TaskDefaults
from dag_factory.spec.schedule import as_airflow_schedule

VERSION_LABEL = "Pipeline spec version"
PIPELINE_TAG = "aggregator"


def compile_pipeline(spec: PipelineSpec, *, spec_path: str | Path | None = None, assets: bool = True) -> Any:
    """Build the DAG of ``spec``: a task per node, dependencies from ``inputs``.

    A chain of streaming nodes (sources' reads, row-wise transforms) each read by one node
    only runs inside the task of its consumer (``dag_factory.compiler.fusion``), unless the
    spec sets ``fuse: false``.

    :param spec: A validated spec.
    :param spec_path: The spec's file; relative paths in node configs resolve against its
        folder, and the DAG's ``fileloc`` is left to Airflow.
    :param assets: Declare the Assets that sinks write as their tasks' outlets, which needs
        the node types. A task start leaves them out (no node-type discovery there): the
        running node then declares its own outlet (``PipelineNodeOperator.execute``).
    """
    from airflow.sdk import DAG

    from dag_factory.registry.catalog import default_registry
    from providers.operators.pipeline_node import PipelineNodeOperator
    from providers.staging.cleanup import cleanup_staging_on_success

    version = spec.content_hash
    spec_folder = os.path.dirname(os.path.abspath(spec_path)) if spec_path else None
    dag = DAG(
        dag_id=spec.id,
        dag_display_name=spec.name or spec.id,
        description=spec.description,
        schedule=as_airflow_schedule(spec.schedule),
        start_date=_as_datetime(spec.start_date),
        end_date=_as_datetime(spec.end_date),
        catchup=spec.catchup,
        max_active_runs=spec.max_active_runs,
        tags=[PIPELINE_TAG, *spec.tags],
        params=dict(spec.params),
        default_args=_default_args(spec.owner, spec.defaults),
        doc_md=_doc(spec, version, spec_path),
        on_success_callback=cleanup_staging_on_success,
    )
    registry = default_registry() if assets else None
    # At a task start the node types are not loaded: each task keeps its fusion candidates
    # and its operator settles the chain (PipelineNodeOperator.execute).
    planned = planned_nodes(spec)
    fusable = (lambda name: registry.get(name).fusable) if registry else None
    tasks_plan = spec_task_plan(planned, fusable, fuse=spec.fuse)
    by_id = {node.id: node for node in planned}
    tasks = {}
    for node in spec.nodes:
        if node.id not in tasks_plan:
            continue
        fused = tasks_plan[node.id]
        target = registry.get(node.type).asset_target(node.config, spec_folder) if registry else None
        tasks[node.id] = PipelineNodeOperator(
            task_id=node.id,
            task_display_name=_display_name(by_id[node.id], fused if registry else []),
            doc_md=_node_doc(node.description, fused if registry else []),
            node_type=node.type,
            config=dict(node.config),
            input_nodes=node.inputs,
            spec_folder=spec_folder,
            fused_nodes=[member.to_data() for member in fused],
            outlets=[target.as_asset()] if target else [],
            dag=dag,
        )
    for task_id, fused in tasks_plan.items():
        # At a task start the candidates are not settled: keep every edge of the spec, so that
        # a task still finds all its upstream tasks (e.g. their watermarks in XCom).
        inside = {member.id for member in fused} if registry is not None else set()
        for upstream in {name for member in [by_id[task_id], *fused] for name in member.inputs} - inside:
            if upstream in tasks:
                tasks[upstream] >> tasks[task_id]
    return dag


def _display_name(node: PlannedNode, fused: list[PlannedNode]) -> str:
    """The task's name, after the nodes streaming into it: ``a → b → load``, or
    ``orders + customers → revenue`` for several inputs, so the graph still shows each node."""
    by_id = {member.id: member for member in fused}

    def label(current: PlannedNode) -> str:
        name = current.name or current.id
        parts = [label(by_id[upstream]) for upstream in current.inputs if upstream in by_id]
        if not parts:
            return name
        if len(parts) == 1:
            return f"{parts[0]} → {name}"
        return " + ".join(f"({part})" if "→" in part else part for part in parts) + f" → {name}"

    return label(node)


def _node_doc(description: str | None, fused: list[PlannedNode]) -> str | None:
    if not fused:
        return description
    lines = [description, ""] if description else []
    lines.append("Runs these upstream nodes in the same task, streaming, without staging between them:")
    lines += [f"- `{member.id}` ({member.type})" for member in reversed(fused)]
    return "\n".join(lines)


def spec_version_of(doc_md: str | None) -> str | None:
    """The spec content hash recorded in a compiled DAG's ``doc_md``."""
    for line in (doc_md or "").splitlines():
        if line.startswith(f"{VERSION_LABEL}: `"):
            return line.split("`")[1]
    return None


def _default_args(owner: str, defaults: TaskDefaults) -> dict[str, Any]:
    args: dict[str, Any] = {"owner": owner}
    for key, value in defaults.model_dump(exclude_defaults=True).items():
        args[key] = value
    args.setdefault("retries", defaults.retries)
    return args


def _as_datetime(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _doc(spec: PipelineSpec, version: str, spec_path: str | Path | None) -> str:
    lines = [f"# {spec.name or spec.id}", ""]
    if spec.description:
        lines += [spec.description, ""]
    lines.append(f"{VERSION_LABEL}: `{version}`")
    if spec_path:
        lines.append(f"Spec file: `{Path(spec_path).name}`")
    lines.append("")
    lines.append("Built by airflow-aggregator from a pipeline spec; edit the spec, not this DAG.")
    return "\n".join(lines)
