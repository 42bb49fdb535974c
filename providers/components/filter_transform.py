"""``transform.filter``: keep the rows where an expression is true (row-wise, streamed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig
from providers.transforms.expression_config import Expression

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class FilterConfig(ComponentConfig):
    """Settings of a ``transform.filter`` node."""

    where: Expression = Field(description="Rows for which this is true are kept (false or null: dropped).")
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def filter_rows(run: NodeRun, config: FilterConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input, keeping the rows that match ``where``."""
    import pyarrow as pa

    from providers.transforms.expression_batches import ExpressionNodeError, compile_for, map_batches

    reader = inputs[0].reader(config.batch_rows)
    condition = compile_for(run, "where", config.where, reader.schema)
    if condition.type not in (pa.bool_(), pa.null()):
        raise ExpressionNodeError(f"node '{run.node_id}', where: gives {condition.type}, not true or false")
    return map_batches(reader, reader.schema, lambda table: table.filter(condition.expression), run)


COMPONENT = ComponentType(
    name="transform.filter",
    category=Category.TRANSFORM,
    title="Filter rows",
    description="Keeps the rows for which an expression is true; streams batch by batch.",
    config_model=FilterConfig,
    executor="providers.components.filter_transform:filter_rows",
    inputs=Arity(1, 1),
    icon="filter",
    fusable=True,
    example={"where": "status = 'paid' and amount > params.min_amount"},
)
