"""``PipelineNodeOperator``: runs one pipeline node (any registered node type) as a task."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator

METRICS_XCOM_KEY = "aggregator_metrics"
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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.node_type = node_type
        self.config = config
        self.input_nodes = list(input_nodes)
        self.spec_folder = spec_folder
        # Rendering replaces ``config``; the asset is computed from the spec's own values, as
        # at parse time, so every run of a templated path updates one asset.
        self.spec_config = config

    def execute(self, context: Any) -> dict[str, Any] | None:
        from pydantic import ValidationError

        from dag_factory.registry.catalog import default_registry
        from dag_factory.spec.validation import pydantic_issues
        from providers.execution.node_run import NodeRun
        from providers.staging.location import node_output_path
        from providers.staging.manifest import StagedData
        from providers.staging.writer import stage_batches

        component = default_registry().get(self.node_type)
        try:
            config = component.config_model.model_validate(self.config)
        except ValidationError as error:
            issues = pydantic_issues(error, component.config_model, self.config, ("config",))
            details = "; ".join(issue.format() for issue in issues)
            raise PipelineNodeError(
                f"node '{self.task_id}' ({self.node_type}): invalid config: {details}"
            ) from None
        ti = context["ti"]
        inputs = [
            StagedData.from_xcom(ti.xcom_pull(task_ids=upstream), node_id=upstream)
            for upstream in self.input_nodes
        ]
        run = NodeRun(
            node_id=self.task_id,
            dag_id=self.dag_id,
            run_id=context["run_id"],
            spec_folder=Path(self.spec_folder or self.dag.folder),
            context=context,
            log=self.log,
        )
        started = time.monotonic()
        result = component.load_executor()(run, config, inputs)
        metrics: dict[str, Any] = {
            "node_type": self.node_type,
            "rows_in": sum(staged.rows for staged in inputs),
            "bytes_in": sum(staged.bytes for staged in inputs),
        }
        manifest = None
        if component.has_output:
            staged = stage_batches(result, node_output_path(self.dag_id, run.run_id, self.task_id))
            manifest = staged.to_xcom()
            metrics.update(rows_out=staged.rows, bytes_out=staged.bytes)
            self.log.info("Staged %d rows (%d bytes) at %s", staged.rows, staged.bytes, staged.uri)
        elif isinstance(result, dict):
            metrics.update(result)
        metrics.update(run.metrics, seconds=round(time.monotonic() - started, 3))
        ti.xcom_push(key=METRICS_XCOM_KEY, value=metrics)
        emit_node_metrics(metrics, dag_id=self.dag_id, node_id=self.task_id, node_type=self.node_type)
        if not self.outlets:
            target = component.asset_target(self.spec_config, self.spec_folder)
            if target is not None:
                self.outlets = [target.as_asset()]
        return manifest


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
