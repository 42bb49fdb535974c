"""``PipelineNodeOperator``: runs one pipeline node (any registered node type) as a task."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseOperator

if TYPE_CHECKING:
    from dag_factory.registry.component import ComponentType

METRICS_XCOM_KEY = "aggregator_metrics"
#: Key, inside a task's metrics, of the metrics of the nodes that ran fused into it.
FUSED_METRICS_KEY = "fused_nodes"
METRIC_PREFIX = "aggregator.node"


class PipelineNodeError(RuntimeError):
    """A node could not run; the message names the node and the cause."""


class PipelineNodeOperator(BaseOperator):
    """Run one node of a pipeline spec.

    Inputs are read from the staged output of upstream nodes (their XCom manifest); the
    node's own output is staged as Parquet and its manifest returned as the XCom value.
    Rows, bytes and duration are pushed under the XCom key ``aggregator_metrics`` and emitted
    as Airflow metrics ``aggregator.node.*`` tagged with dag_id, node_id and node_type. A node
    type that declares an asset (a sink) has it as the task's outlet.

    :param node_type: Registered node type, e.g. ``source.file``.
    :param config: The node's config; string values are Jinja-templated.
    :param input_nodes: Task ids of upstream nodes, in the order the node reads them.
    :param spec_folder: Folder of the spec file; relative local paths resolve against it.
    :param fused_nodes: Upstream nodes that may run inside this task instead of their own
        (``PlannedNode`` data, see ``dag_factory.compiler.fusion``); those of a fusable type do,
        and their output streams into this node without being staged. Their configs are
        templated like ``config``.
    """

    template_fields: Sequence[str] = ("config",)
    ui_color = "#e8f0fe"

    def __init__(
        self,
        *,
        node_type: str,
        config: dict[str, Any],
        input_nodes: Sequence[str] = (),
        spec_folder: str | None = None,
        fused_nodes: Sequence[Mapping[str, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.node_type = node_type
        self.config = config
        self.input_nodes = list(input_nodes)
        self.spec_folder = spec_folder
        self.fused_nodes = [dict(node) for node in fused_nodes]
        # Rendering replaces ``config``; the asset is computed from the spec's own values, as
        # at parse time, so every run of a templated path updates one asset.
        self.spec_config = config

    def execute(self, context: Any) -> dict[str, Any] | None:
        from dag_factory.compiler.fusion import PlannedNode, fused_chain
        from dag_factory.registry.catalog import default_registry
        from providers.execution.node_run import NodeRun
        from providers.execution.task_inputs import TaskInputs
        from providers.staging.location import node_output_path
        from providers.staging.manifest import StagedData
        from providers.staging.writer import stage_batches

        registry = default_registry()
        component = registry.get(self.node_type)
        config = validated_config(component, self.config, self.task_id)
        ti = context["ti"]
        spec_folder = Path(self.spec_folder or self.dag.folder)

        def run_for(node_id: str) -> NodeRun:
            return NodeRun(
                node_id=node_id,
                dag_id=self.dag_id,
                run_id=context["run_id"],
                spec_folder=spec_folder,
                context=context,
                log=self.log,
            )

        candidates = [PlannedNode.from_data(data) for data in self.fused_nodes]
        chain = [
            # Only the nodes that run here are rendered, like the task's own config.
            replace(node, config=self.render_template(dict(node.config), context))
            for node in fused_chain(self.input_nodes, candidates, lambda name: registry.get(name).fusable)
        ]
        if chain:
            self.log.info("Running in this task: %s", ", ".join(f"{node.id} ({node.type})" for node in chain))
        task_inputs = TaskInputs(
            registry,
            chain,
            staged=lambda node_id: StagedData.from_xcom(ti.xcom_pull(task_ids=node_id), node_id=node_id),
            check_config=validated_config,
            run_for=run_for,
        )
        started = time.monotonic()
        inputs = task_inputs.open(self.input_nodes)
        run = run_for(self.task_id)
        run.input_nodes = list(self.input_nodes)
        run.fused_upstream = task_inputs.fused_runs()
        result = component.load_executor()(run, config, inputs)
        metrics: dict[str, Any] = {"node_type": self.node_type}
        manifest = None
        if component.has_output:
            staged = stage_batches(result, node_output_path(self.dag_id, run.run_id, self.task_id))
            manifest = staged.to_xcom()
            metrics.update(rows_out=staged.rows, bytes_out=staged.bytes)
            self.log.info("Staged %d rows (%d bytes) at %s", staged.rows, staged.bytes, staged.uri)
        elif isinstance(result, dict):
            metrics.update(result)
        metrics.update(rows_in=sum(item.rows for item in inputs), bytes_in=sum(item.bytes for item in inputs))
        fused_metrics = task_inputs.metrics()
        own_seconds = time.monotonic() - started - sum(item["seconds"] for item in fused_metrics.values())
        metrics.update(run.metrics, seconds=round(max(own_seconds, 0.0), 3))
        if fused_metrics:
            metrics[FUSED_METRICS_KEY] = fused_metrics
        ti.xcom_push(key=METRICS_XCOM_KEY, value=metrics)
        emit_node_metrics(metrics, dag_id=self.dag_id, node_id=self.task_id, node_type=self.node_type)
        for node_id, node_metrics in fused_metrics.items():
            emit_node_metrics(
                node_metrics, dag_id=self.dag_id, node_id=node_id, node_type=node_metrics["node_type"]
            )
        if not self.outlets:
            target = component.asset_target(self.spec_config, self.spec_folder)
            if target is not None:
                self.outlets = [target.as_asset()]
        return manifest


def validated_config(component: ComponentType, raw: Mapping[str, Any], node_id: str) -> Any:
    """``raw`` checked by the node type's config model; an error names the node and each field."""
    from pydantic import ValidationError

    from dag_factory.spec.validation import pydantic_issues

    try:
        return component.config_model.model_validate(raw)
    except ValidationError as error:
        issues = pydantic_issues(error, component.config_model, raw, ("config",))
        details = "; ".join(issue.format() for issue in issues)
        raise PipelineNodeError(f"node '{node_id}' ({component.name}): invalid config: {details}") from None


def metrics_per_node(task_metrics: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Metrics per pipeline node from the ``aggregator_metrics`` XCom of each task (by task id).

    A task that ran fused nodes carries theirs under ``fused_nodes``; each becomes its own entry.
    """
    nodes: dict[str, dict[str, Any]] = {}
    for task_id, metrics in task_metrics.items():
        fused = metrics.get(FUSED_METRICS_KEY) or {}
        nodes[task_id] = {key: value for key, value in metrics.items() if key != FUSED_METRICS_KEY}
        nodes.update({node_id: dict(values) for node_id, values in fused.items()})
    return nodes


def emit_node_metrics(metrics: dict[str, Any], *, dag_id: str, node_id: str, node_type: str) -> None:
    """Send a node's rows, bytes and duration through Airflow's metrics (StatsD, OpenTelemetry...).

    ``rows``/``bytes`` are what the node produced (its staged output, or what a sink wrote);
    ``rows_in``/``bytes_in`` what it read; ``duration`` is a timing in milliseconds.
    """
    from airflow.sdk.observability import stats

    tags = {"dag_id": dag_id, "node_id": node_id, "node_type": node_type}
    rows = metrics.get("rows_out", metrics.get("rows_written"))
    counters = {
        "rows": rows,
        "bytes": metrics.get("bytes_out", metrics.get("bytes_written")),
        "rows_in": metrics.get("rows_in"),
        "bytes_in": metrics.get("bytes_in"),
    }
    for name, value in counters.items():
        if isinstance(value, int):
            stats.incr(f"{METRIC_PREFIX}.{name}", count=value, tags=tags)
    stats.timing(f"{METRIC_PREFIX}.duration", metrics["seconds"] * 1000.0, tags=tags)
