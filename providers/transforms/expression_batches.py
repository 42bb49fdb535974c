"""Run compiled expressions over a stream of record batches, one batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.expressions.compiler import CompiledExpression


class ExpressionNodeError(ValueError):
    """An expression of a node does not fit its input; the message names the node and the expression."""


def compile_for(run: NodeRun, option: str, text: str, schema: pa.Schema) -> CompiledExpression:
    """Compile ``text`` against the input schema and the run's params, naming the node on error."""
    from providers.expressions.compiler import compile_expression
    from providers.expressions.errors import ExpressionError

    params = dict(run.context.get("params") or {})
    try:
        return compile_expression(text, schema, params)
    except ExpressionError as error:
        raise ExpressionNodeError(f"node '{run.node_id}', {option}: {error.describe(text)}") from None


def map_batches(
    reader: pa.RecordBatchReader, schema: pa.Schema, step: Callable[[pa.Table], pa.Table], run: NodeRun
) -> pa.RecordBatchReader:
    """Apply ``step`` to every batch (as a one-batch table); errors name the node."""
    import pyarrow as pa

    def batches() -> Iterator[pa.RecordBatch]:
        for batch in reader:
            try:
                table = step(pa.Table.from_batches([batch], reader.schema))
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                raise ExpressionNodeError(f"node '{run.node_id}': {error}") from None
            yield from table.cast(schema).to_batches()

    return pa.RecordBatchReader.from_batches(schema, batches())


def project(table: pa.Table, columns: dict[str, Any]) -> pa.Table:
    """``columns`` (name → ``pyarrow.compute`` expression) evaluated over ``table``."""
    import pyarrow.dataset as ds

    return ds.dataset(table).to_table(columns=columns)
