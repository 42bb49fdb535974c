"""Preview a pipeline: run a prefix of its nodes in this process on the first rows of its sources."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from providers.execution.pipeline_sample import NodeSample, PipelineSample
from providers.execution.sample_capture import CapturedSample, SampleLimits
from providers.execution.table_input import TableInput

if TYPE_CHECKING:
    from dag_factory.registry.catalog import ComponentRegistry
    from dag_factory.registry.component import ComponentType
    from dag_factory.spec.models import NodeSpec, PipelineSpec

#: The run id previewed nodes see (a preview is no Airflow run).
PREVIEW_RUN_ID = "preview"

log = logging.getLogger(__name__)


def preview_pipeline(
    spec: PipelineSpec,
    *,
    upto: str | None = None,
    rows: int = 100,
    max_bytes: int = 10_000_000,
    seconds: float = 30.0,
    params: Mapping[str, Any] | None = None,
    allow_code: bool = False,
    spec_folder: Path | None = None,
    registry: ComponentRegistry | None = None,
    now: datetime.datetime | None = None,
) -> PipelineSample:
    """Run ``upto`` and the nodes it reads from (all nodes by default) on a sample; never write.

    Sources are read only until ``rows`` rows or ``max_bytes`` bytes, then their stream is
    closed; every node's output is capped the same way and is the input of its downstream
    nodes. Sinks are not run; code-bearing nodes run only with ``allow_code``. A node that
    fails is reported with its error and the nodes reading it are skipped; other branches go on.

    :param spec: A validated pipeline spec.
    :param upto: The last node to run; with the nodes it reads from, directly or not.
    :param rows: Rows kept per node.
    :param max_bytes: Bytes kept per node (Arrow in-memory size).
    :param seconds: Time budget of the whole preview, checked between batches.
    :param params: Values overriding the spec's ``params``.
    :param allow_code: Run code-bearing nodes (the caller checked the permission).
    :param spec_folder: Folder that relative file paths resolve against (default: current).
    :param registry: Node types (default: the deployment's).
    :param now: The logical date templates see (default: now, UTC).
    """
    from dag_factory.registry.catalog import default_registry
    from providers.execution.config_templates import template_context

    if rows < 1 or max_bytes < 1 or seconds <= 0:
        raise ValueError(f"rows, max_bytes and seconds must be positive (got {rows}, {max_bytes}, {seconds})")
    started = time.monotonic()
    limits = SampleLimits(rows=rows, max_bytes=max_bytes, deadline=started + seconds, seconds=seconds)
    context = template_context(
        spec.id,
        PREVIEW_RUN_ID,
        {**spec.params, **(params or {})},
        now or datetime.datetime.now(datetime.UTC),
    )
    preview = _Preview(
        spec, registry or default_registry(), limits, context, spec_folder or Path.cwd(), allow_code
    )
    samples = [preview.sample(spec.node(node_id)) for node_id in prefix_order(spec, upto)]
    return PipelineSample(spec.id, samples, seconds=round(time.monotonic() - started, 3))


def prefix_order(spec: PipelineSpec, upto: str | None) -> list[str]:
    """``upto`` and the nodes it reads from, directly or not (all nodes if None), in run order."""
    from dag_factory.spec.graph import topological_order
    from dag_factory.spec.suggestions import did_you_mean

    inputs = {node.id: node.inputs for node in spec.nodes}
    order = topological_order(inputs)
    if upto is None:
        return order
    if upto not in inputs:
        raise ValueError(f"upto: pipeline '{spec.id}' has no node '{upto}'{did_you_mean(upto, inputs)}")
    needed, pending = {upto}, [upto]
    while pending:
        for upstream in inputs[pending.pop()]:
            if upstream not in needed:
                needed.add(upstream)
                pending.append(upstream)
    return [node_id for node_id in order if node_id in needed]


class _Preview:
    """Runs nodes one by one, keeping each output sample as the input of the next ones."""

    def __init__(
        self,
        spec: PipelineSpec,
        registry: ComponentRegistry,
        limits: SampleLimits,
        context: dict[str, Any],
        spec_folder: Path,
        allow_code: bool,
    ) -> None:
        self.spec = spec
        self.registry = registry
        self.limits = limits
        self.context = context
        self.spec_folder = spec_folder
        self.allow_code = allow_code
        self.outputs: dict[str, TableInput] = {}

    def sample(self, node: NodeSpec) -> NodeSample:
        """Run ``node`` on its inputs' samples, or say why it was not run."""
        from dag_factory.registry.catalog import UnknownComponentError

        try:
            component = self.registry.get(node.type)
        except UnknownComponentError:
            return NodeSample(
                node.id, node.type, "error", error=f"node '{node.id}': unknown node type '{node.type}'"
            )
        reason = self._reason_to_skip(node, component)
        if reason is not None:
            return NodeSample(node.id, node.type, "skipped", reason=reason)
        started = time.perf_counter()
        try:
            captured = self._run(node, component)
        except Exception as error:
            log.debug("Preview of node %r failed", node.id, exc_info=True)
            return NodeSample(
                node.id,
                node.type,
                "error",
                seconds=_since(started),
                error=_error_text(node.id, error),
            )
        self.outputs[node.id] = TableInput(captured.table)
        return _ok_sample(node, captured, _since(started))

    def _reason_to_skip(self, node: NodeSpec, component: ComponentType) -> str | None:
        if not component.has_output:
            return "a sink: a preview never writes"
        if component.code_bearing and not self.allow_code:
            return "runs code from its config; previewing it needs the code permission (allow_code)"
        for upstream in node.inputs:
            if upstream not in self.outputs:
                return f"input '{upstream}' has no sample"
        if self.limits.expired():
            return f"the preview's time budget ({self.limits.seconds:g} s) ran out before this node"
        return None

    def _run(self, node: NodeSpec, component: ComponentType) -> CapturedSample:
        from providers.execution.config_templates import render_config
        from providers.execution.node_run import NodeRun
        from providers.execution.sample_capture import capture_sample
        from providers.operators.pipeline_node import validated_config
        from providers.staging.writer import as_reader

        raw = render_config(node.config, self.context, node.id)
        config = _with_small_batches(validated_config(component, raw, node.id), self.limits.rows + 1)
        run = NodeRun(
            node_id=node.id,
            dag_id=self.spec.id,
            run_id=PREVIEW_RUN_ID,
            spec_folder=self.spec_folder,
            context=dict(self.context),
            preview=True,
        )
        run.input_nodes = list(node.inputs)
        inputs = [self.outputs[upstream] for upstream in node.inputs]
        return capture_sample(as_reader(component.load_executor()(run, config, inputs)), self.limits)


def _with_small_batches(config: Any, batch_rows: int) -> Any:
    """``config`` with ``batch_rows`` (where the type has it) at most ``batch_rows``.

    A source then fetches about the sample's rows, not a default batch of 65,536.
    """
    current = getattr(config, "batch_rows", None)
    if "batch_rows" not in type(config).model_fields or not isinstance(current, int) or current <= batch_rows:
        return config
    return config.model_copy(update={"batch_rows": batch_rows})


def _ok_sample(node: NodeSpec, captured: CapturedSample, seconds: float) -> NodeSample:
    from providers.execution.json_records import json_records, schema_fields

    return NodeSample(
        node.id,
        node.type,
        "ok",
        schema=schema_fields(captured.table.schema),
        rows=json_records(captured.table),
        row_count=captured.table.num_rows,
        truncated=captured.truncated,
        limit=captured.limit,
        seconds=seconds,
    )


def _error_text(node_id: str, error: Exception) -> str:
    """The error's own message, which names the node; prefixed with it where it does not."""
    text = str(error).strip() or type(error).__name__
    return text if f"node '{node_id}'" in text else f"node '{node_id}': {text}"


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
