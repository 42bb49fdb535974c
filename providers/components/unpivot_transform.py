"""``transform.unpivot``: turn value columns into rows of (name, value) pairs (row-wise, streamed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class UnpivotConfig(ComponentConfig):
    """Settings of a ``transform.unpivot`` node."""

    ids: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list, description="Columns kept on every output row."
    )
    values: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Columns turned into rows, in this order (default: every column not in ids).",
    )
    name_column: str = Field(
        default="variable", min_length=1, description="Output column holding the unpivoted column's name."
    )
    value_column: str = Field(
        default="value", min_length=1, description="Output column holding the unpivoted column's value."
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def unpivot_schema(run: NodeRun, config: UnpivotConfig, schema: pa.Schema) -> tuple[list[str], pa.Schema]:
    """The value columns and the output schema; errors name the node, the field and the column."""
    import pyarrow as pa

    from providers.transforms.column_agreement import common_type, node_error, require_distinct
    from providers.transforms.input_columns import require_columns

    require_columns(run, "ids", config.ids, schema)
    require_columns(run, "values", config.values or [], schema)
    values = config.values or [name for name in schema.names if name not in config.ids]
    if not values:
        raise node_error(run, "values", "no column is left to unpivot once ids are kept")
    both = [name for name in values if name in config.ids]
    if both:
        raise node_error(run, "values", f"column '{both[0]}' is in both ids and values")
    require_distinct(run, "values", values, "value column")
    value_type = common_type(
        run, "values", [(f"'{name}'", schema.field(name).type) for name in values], "one value column"
    )
    names = [*config.ids, config.name_column, config.value_column]
    require_distinct(run, "name_column", names, "output column")
    fields = [schema.field(name) for name in config.ids]
    fields += [pa.field(config.name_column, pa.string()), pa.field(config.value_column, value_type)]
    return values, pa.schema(fields)


def unpivot_table(table: pa.Table, ids: Sequence[str], values: Sequence[str], schema: pa.Schema) -> pa.Table:
    """One output row per (input row, value column): each row's values stay together, in ``values`` order."""
    import numpy as np
    import pyarrow as pa

    rows, width = table.num_rows, len(values)
    value_type = schema.field(len(ids) + 1).type
    row_of = np.repeat(np.arange(rows, dtype=np.int64), width)
    stacked = pa.chunked_array(
        [chunk for name in values for chunk in table.column(name).cast(value_type).chunks], value_type
    )
    # Stacked is column-major (every row of the first value column, then the second...).
    position = np.tile(np.arange(width, dtype=np.int64) * rows, rows) + row_of
    arrays = [table.column(name).take(row_of) for name in ids]
    arrays += [pa.array(np.tile(np.array(values, dtype=object), rows), pa.string()), stacked.take(position)]
    return pa.Table.from_arrays(arrays, schema=schema)


def unpivot_columns(
    run: NodeRun, config: UnpivotConfig, inputs: Sequence[StagedData]
) -> pa.RecordBatchReader:
    """Stream the input, each batch turned into (ids, name, value) rows."""
    from providers.transforms.expression_batches import map_batches

    reader = inputs[0].reader(config.batch_rows)
    values, schema = unpivot_schema(run, config, reader.schema)
    return map_batches(reader, schema, lambda table: unpivot_table(table, config.ids, values, schema), run)


COMPONENT = ComponentType(
    name="transform.unpivot",
    category=Category.TRANSFORM,
    title="Unpivot",
    description=(
        "Turns value columns into rows: one row per input row and value column, holding the id "
        "columns, the value column's name and its value (null values included). Value columns "
        "must share a type or convert to a common one (int and float: float). Streams batch by batch."
    ),
    config_model=UnpivotConfig,
    executor="providers.components.unpivot_transform:unpivot_columns",
    inputs=Arity(1, 1),
    icon="unfold-vertical",
    fusable=True,
    example={
        "ids": ["region"],
        "values": ["q1", "q2", "q3", "q4"],
        "name_column": "quarter",
        "value_column": "sales",
    },
)
