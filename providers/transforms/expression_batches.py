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
    reader: pa.RecordBatchReader,
    schema: pa.Schema,
    step: Callable[[pa.Table], pa.Table],
    run: NodeRun,
    min_rows: int = 0,
) -> pa.RecordBatchReader:
    """Apply ``step`` to every batch (as a one-batch table); errors name the node.

    With ``min_rows``, consecutive batches are gathered into tables of at least that many rows
    first: for steps with a cost per call (a join hashing its right side), whatever batch
    sizes the input streams in.
    """
    import pyarrow as pa

    def apply(batches: list[pa.RecordBatch]) -> list[pa.RecordBatch]:
        try:
            table = step(pa.Table.from_batches(batches, reader.schema))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
            raise ExpressionNodeError(f"node '{run.node_id}': {error}") from None
        return table.cast(schema).to_batches()

    def batches() -> Iterator[pa.RecordBatch]:
        pending: list[pa.RecordBatch] = []
        rows = 0
        for batch in reader:
            pending.append(batch)
            rows += batch.num_rows
            if rows >= min_rows:
                yield from apply(pending)
                pending, rows = [], 0
        if pending:
            yield from apply(pending)

    return pa.RecordBatchReader.from_batches(schema, batches())


def project(table: pa.Table, columns: dict[str, Any]) -> pa.Table:
    """``columns`` (name → ``pyarrow.compute`` expression) evaluated over ``table``."""
    import pyarrow.dataset as ds

    return ds.dataset(table).to_table(columns=columns)
