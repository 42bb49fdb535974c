"""``TaskInputs``: the inputs of a task's node, staged by upstream tasks or run in this task."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from providers.execution.node_run import NodeRun
from providers.execution.streamed_input import NodeInput, StreamedInput, StreamOpener

if TYPE_CHECKING:
    import pyarrow as pa

    from dag_factory.compiler.fusion import PlannedNode
    from dag_factory.registry.catalog import ComponentRegistry
    from dag_factory.registry.component import ComponentType

#: ``(component, raw config, node id) -> validated config``.
ConfigCheck = Callable[["ComponentType", Mapping[str, Any], str], Any]
#: ``node id -> its staged output`` (an XCom pull inside Airflow).
StagedLookup = Callable[[str], NodeInput]


class TaskInputs:
    """Open a node's inputs: a fused upstream node runs here and streams into its consumer.

    A fused node whose type declares its column use runs when its output is first read, so it
    learns which columns its consumer reads and passes that on up its chain: a source then
    reads only those (see ``ComponentType.column_use``).

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
        if component.column_use is not None:
            # Run when read: the consumer says then which columns it uses.
            output = StreamedInput(node.id, self._opener(component, config, run, inputs), inputs)
        else:
            started = time.perf_counter()
            stream = self._execute(component, config, run, inputs)
            output = StreamedInput(node.id, stream, inputs)
            # What the executor did before returning its stream (a query's start, a join reading
            # its right side) is this node's time too.
            output.seconds += time.perf_counter() - started
        self.opened[node.id] = output
        return output

    def _opener(
        self, component: ComponentType, config: Any, run: NodeRun, inputs: Sequence[NodeInput]
    ) -> StreamOpener:
        use = component.column_use

        def open_stream(wanted: frozenset[str] | None) -> pa.RecordBatchReader:
            narrowed = config
            if wanted is not None and use is not None and use.narrowed is not None:
                narrowed = use.narrowed(config, wanted)
            upstream = use.reads(narrowed, wanted) if use is not None and use.reads is not None else None
            for item in inputs:
                if isinstance(item, StreamedInput):
                    item.wanted = upstream
            return self._execute(component, narrowed, run, inputs)

        return open_stream

    @staticmethod
    def _execute(
        component: ComponentType, config: Any, run: NodeRun, inputs: Sequence[NodeInput]
    ) -> pa.RecordBatchReader:
        from providers.staging.writer import as_reader

        return as_reader(component.load_executor()(run, config, inputs))

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
