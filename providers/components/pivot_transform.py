"""``transform.pivot``: turn the values of one column into columns (needs the whole input)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

Aggregate = Literal["first", "sum", "count", "min", "max", "mean"]
NUMERIC_AGGREGATES = ("sum", "mean")


class PivotConfig(ComponentConfig):
    """Settings of a ``transform.pivot`` node."""

    index: Annotated[list[str], COLUMN_VALUES] = Field(
        min_length=1, description="Columns identifying an output row."
    )
    columns: Annotated[str, COLUMN_VALUES] = Field(
        min_length=1,
        description="Column whose values become output columns (sorted by value; null values are left out).",
    )
    values: Annotated[str, COLUMN_VALUES] = Field(
        min_length=1, description="Column whose values fill the new columns."
    )
    aggregate: Aggregate | None = Field(
        default=None,
        description=(
            "How to combine the values of rows sharing an index and a columns value: first (in "
            "input order, skipping nulls), sum, count (non-null values), min, max or mean. Unset: "
            "such rows are an error."
        ),
    )
    max_columns: int = Field(
        default=1000, ge=1, le=100_000, description="Most new columns allowed; more is an error."
    )

    @model_validator(mode="after")
    def _distinct_roles(self) -> Self:
        roles = [*self.index, self.columns, self.values]
        if len(set(roles)) != len(roles):
            raise ValueError("index, columns and values must name different columns")
        return self


def check_pivot(run: NodeRun, config: PivotConfig, schema: pa.Schema) -> None:
    """Check the config against the input schema; errors name the node, the field and the column."""
    import pyarrow as pa

    from providers.transforms.column_agreement import node_error
    from providers.transforms.input_columns import require_column, require_columns

    require_columns(run, "index", config.index, schema)
    require_column(run, "columns", config.columns, schema)
    require_column(run, "values", config.values, schema)
    for option, name in (("columns", config.columns), *(("index", name) for name in config.index)):
        if pa.types.is_nested(schema.field(name).type):
            raise node_error(
                run, option, f"column '{name}' holds {schema.field(name).type}, which cannot be grouped"
            )
    value_type = schema.field(config.values).type
    numeric = (
        pa.types.is_integer(value_type) or pa.types.is_floating(value_type) or pa.types.is_decimal(value_type)
    )
    if config.aggregate in NUMERIC_AGGREGATES and not numeric:
        raise node_error(
            run,
            "aggregate",
            f"{config.aggregate} needs numbers, but column '{config.values}' holds {value_type}",
        )


def new_columns(run: NodeRun, config: PivotConfig, table: pa.Table) -> pa.Array:
    """The distinct non-null values of the ``columns`` column, sorted, at most ``max_columns``."""
    import pyarrow.compute as pc

    from providers.transforms.column_agreement import node_error

    distinct = pc.unique(table.column(config.columns)).drop_null()
    if len(distinct) > config.max_columns:
        raise node_error(
            run,
            "max_columns",
            f"column '{config.columns}' has {len(distinct)} distinct values, more than max_columns "
            f"({config.max_columns}); pivot a column with fewer values or raise max_columns",
        )
    ordered = distinct.take(pc.sort_indices(distinct))
    clashing = [name for name in ordered.cast("string").to_pylist() if name in config.index]
    if clashing:
        raise node_error(
            run, "columns", f"value '{clashing[0]}' would become a column named like an index column"
        )
    return ordered


def group_starts(table: pa.Table, index: Sequence[str]) -> pa.Array:
    """For a table sorted on ``index``, whether each row starts a new index (nulls equal, as in GROUP BY)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return pa.array([], pa.bool_())
    same = pa.array([True] * (table.num_rows - 1), pa.bool_())
    for name in index:
        column = table.column(name)
        current, previous = column.slice(1), column.slice(0, table.num_rows - 1)
        both_null = pc.and_(pc.is_null(current), pc.is_null(previous))
        same = pc.and_(same, pc.or_(pc.fill_null(pc.equal(current, previous), False), both_null))
    return pa.concat_arrays([pa.array([True]), pc.invert(same).combine_chunks()])


def pivot_table(run: NodeRun, config: PivotConfig, table: pa.Table) -> pa.Table:
    """The pivoted table: one row per distinct index (sorted, nulls last), one column per value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.transforms.column_agreement import describe_key, node_error

    table = table.filter(pc.is_valid(table.column(config.columns)))
    values = new_columns(run, config, table)
    table = table.sort_by([(name, "ascending", "at_end") for name in config.index])
    starts = group_starts(table, config.index)
    groups = pc.subtract(pc.cumulative_sum(starts.cast(pa.int64())), 1)
    rows = table.select(config.index).take(pc.indices_nonzero(starts))
    cells = pa.table(
        {
            "row": groups,
            "column": pc.index_in(table.column(config.columns), value_set=values),
            "value": table.column(config.values),
        }
    )
    aggregate = config.aggregate or "first"
    combined = cells.group_by(["row", "column"], use_threads=False).aggregate(
        [("value", aggregate), ([], "count_all")]
    )
    if config.aggregate is None:
        repeated = combined.filter(pc.greater(combined.column("count_all"), 1))
        if repeated.num_rows:
            count, row = repeated.column("count_all")[0].as_py(), repeated.column("row")[0].as_py()
            column = values[repeated.column("column")[0].as_py()].as_py()
            raise node_error(
                run,
                "aggregate",
                f"{count} rows have index {describe_key(rows, config.index, row)} and "
                f"{config.columns}={column!r}; set aggregate (first, sum, count, min, max, mean) "
                "to combine them",
            )
    spread = spread_cells(combined, f"value_{aggregate}", len(values), rows.num_rows)
    if aggregate == "count":
        # As in transform.aggregate: a cell with no value counts 0, not null.
        spread = [pc.fill_null(column, 0) for column in spread]
    names = [*config.index, *values.cast("string").to_pylist()]
    return pa.Table.from_arrays([*rows.columns, *spread], names=names)


def spread_cells(cells: pa.Table, result: str, columns: int, rows: int) -> list[pa.ChunkedArray]:
    """Per output column, ``rows`` values from ``(row, column, result)`` cells; null where none."""
    import numpy as np
    import pyarrow as pa

    cells = cells.sort_by([("column", "ascending"), ("row", "ascending")])
    column_of, row_of = cells.column("column").to_numpy(), cells.column("row").to_numpy()
    bounds = np.searchsorted(column_of, np.arange(columns + 1))
    arrays = []
    for start, stop in pairwise(bounds):
        # Scatter this column's cells to their rows; rows without a cell take a null index.
        taken = np.full(rows, -1, dtype=np.int64)
        taken[row_of[start:stop]] = np.arange(start, stop)
        arrays.append(cells.column(result).take(pa.array(taken, mask=taken < 0)))
    return arrays


def pivot_rows(run: NodeRun, config: PivotConfig, inputs: Sequence[StagedData]) -> pa.Table:
    """Pivot the whole input: check the schema first, then read every row."""
    reader = inputs[0].reader()
    check_pivot(run, config, reader.schema)
    return pivot_table(run, config, reader.read_all())


COMPONENT = ComponentType(
    name="transform.pivot",
    category=Category.TRANSFORM,
    title="Pivot",
    description=(
        "Turns the values of one column into columns: one row per distinct index, one column per "
        "distinct value (sorted), filled from a values column, combined by an aggregate when "
        "several rows meet in one cell. Needs the whole input in memory."
    ),
    config_model=PivotConfig,
    executor="providers.components.pivot_transform:pivot_rows",
    inputs=Arity(1, 1),
    icon="table-2",
    example={"index": ["region"], "columns": "quarter", "values": "sales", "aggregate": "sum"},
)
