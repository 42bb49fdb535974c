"""``compile_pipeline``: a validated spec in, an Airflow DAG out. Pure and fast."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dag_factory.spec.models import PipelineSpec, TaskDefaults
from dag_factory.spec.schedule import as_airflow_schedule

VERSION_LABEL = "Pipeline spec version"
PIPELINE_TAG = "aggregator"


def compile_pipeline(spec: PipelineSpec, *, spec_path: str | Path | None = None, assets: bool = True) -> Any:
    """Build the DAG of ``spec``: one task per node, dependencies from ``inputs``.

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
    tasks = {}
    for node in spec.nodes:
        target = registry.get(node.type).asset_target(node.config, spec_folder) if registry else None
        tasks[node.id] = PipelineNodeOperator(
            task_id=node.id,
            task_display_name=node.name or node.id,
            doc_md=node.description,
            node_type=node.type,
            config=dict(node.config),
            input_nodes=node.inputs,
            spec_folder=spec_folder,
            outlets=[target.as_asset()] if target else [],
            dag=dag,
        )
    for node in spec.nodes:
        for upstream in node.inputs:
            tasks[upstream] >> tasks[node.id]
    return dag


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
