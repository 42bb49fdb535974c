"""``TaskInputs``: the inputs of a task's node, staged by upstream tasks or run in this task."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from providers.execution.node_run import NodeRun
from providers.execution.streamed_input import NodeInput, StreamedInput

if TYPE_CHECKING:
    from dag_factory.compiler.fusion import PlannedNode
    from dag_factory.registry.catalog import ComponentRegistry
    from dag_factory.registry.component import ComponentType

#: ``(component, raw config, node id) -> validated config``.
ConfigCheck = Callable[["ComponentType", Mapping[str, Any], str], Any]
#: ``node id -> its staged output`` (an XCom pull inside Airflow).
StagedLookup = Callable[[str], NodeInput]


class TaskInputs:
    """Open a node's inputs: a fused upstream node runs here and streams into its consumer.

    :param registry: The node types.
    :param fused: The nodes that run in this task (besides the task's own node).
    :param staged: How to get the staged output of a node that ran in another task.
    :param check_config: Validates a fused node's config, naming the node on error.
    :param run_for: Makes the ``NodeRun`` of a node of this task from its id.
    """

    def __init__(
        self,
        registry: ComponentRegistry,
        fused: Sequence[PlannedNode],
        staged: StagedLookup,
        check_config: ConfigCheck,
        run_for: Callable[[str], NodeRun],
    ) -> None:
        self.registry = registry
        self.fused = {node.id: node for node in fused}
        self.staged = staged
        self.check_config = check_config
        self.run_for = run_for
        self.opened: dict[str, StreamedInput] = {}
        self.runs: dict[str, NodeRun] = {}

    def open(self, node_ids: Sequence[str]) -> list[NodeInput]:
        """The inputs named ``node_ids``, in that order."""
        return [self._open(node_id) for node_id in node_ids]

    def _open(self, node_id: str) -> NodeInput:
        node = self.fused.get(node_id)
        if node is None:
            return self.staged(node_id)
        component = self.registry.get(node.type)
        config = self.check_config(component, node.config, node.id)
        inputs = self.open(node.inputs)
        run = self.runs[node.id] = self.run_for(node.id)
        run.input_nodes = list(node.inputs)
        from providers.staging.writer import as_reader

        started = time.perf_counter()
        stream = as_reader(component.load_executor()(run, config, inputs))
        output = StreamedInput(node.id, stream, inputs)
        # What the executor did before returning its stream (a query's start, a join reading its
        # right side) is this node's time too.
        output.seconds += time.perf_counter() - started
        self.opened[node.id] = output
        return output

    def metrics(self) -> dict[str, dict[str, Any]]:
        """Per fused node: rows and bytes in and out, its own seconds and what it reported."""
        result: dict[str, dict[str, Any]] = {}
        for node_id, output in self.opened.items():
            result[node_id] = {
                "node_type": self.fused[node_id].type,
                "rows_in": sum(item.rows for item in output.inputs),
                "bytes_in": sum(item.bytes for item in output.inputs),
                "rows_out": output.rows,
                "bytes_out": output.bytes,
                **self.runs[node_id].metrics,
                "seconds": round(output.own_seconds(), 3),
            }
        return result

    def fused_runs(self) -> list[NodeRun]:
        """The runs of the fused nodes opened so far (their metrics fill in as they stream)."""
        return list(self.runs.values())

