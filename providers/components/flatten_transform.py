"""``transform.flatten``: struct fields become columns, list elements become rows (row-wise, streamed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class FlattenConfig(ComponentConfig):
    """Settings of a ``transform.flatten`` node."""

    columns: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Struct columns to flatten (default: every struct column, after exploding).",
    )
    separator: str = Field(
        default="_", min_length=1, description="Put between parent and field names: address_city."
    )
    explode: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list,
        description=(
            "List columns whose elements become rows; the other columns are repeated. Several "
            "columns are exploded side by side, so their lists must have equal lengths in each row."
        ),
    )
    keep_empty: bool = Field(
        default=False,
        description="A null or empty list gives one row with a null element (default: no row).",
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS

    @model_validator(mode="after")
    def _names_once(self) -> FlattenConfig:
        for option, names in (("columns", self.columns or []), ("explode", self.explode)):
            twice = [name for name, count in Counter(names).items() if count > 1]
            if twice:
                raise ValueError(f"{option} names {twice[0]!r} twice")
        return self


@dataclass(frozen=True)
class OutputColumn:
    """An output column: a field reached from an input column through struct field indices."""

    name: str
    source: str
    path: tuple[int, ...]
    type: pa.DataType


@dataclass
class _Position:
    """Input rows seen before the current batch, for row numbers in messages."""

    rows: int = 0


def flatten(run: NodeRun, config: FlattenConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input with its lists exploded into rows, then its structs spread into columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.transforms.expression_batches import map_batches

    reader = inputs[0].reader(config.batch_rows)
    exploded = exploded_schema(run, config, reader.schema)
    plan = output_columns(run, config, exploded)
    schema = pa.schema([pa.field(column.name, column.type) for column in plan])
    position = _Position()

    def step(table: pa.Table) -> pa.Table:
        if config.explode:
            table = _explode(run, config, table, position)
        columns = [
            pc.struct_field(table.column(column.source), list(column.path))
            if column.path
            else table.column(column.source)
            for column in plan
        ]
        return pa.Table.from_arrays(columns, schema=schema)

    return map_batches(reader, schema, step, run)


def exploded_schema(run: NodeRun, config: FlattenConfig, schema: pa.Schema) -> pa.Schema:
    """``schema`` with each ``explode`` column of a list type replaced by the element type."""
    import pyarrow.types as t

    from providers.transforms.input_columns import require_column
    from providers.transforms.node_errors import node_error

    for index, name in enumerate(config.explode):
        require_column(run, f"explode[{index}]", name, schema)
        field = schema.field(name)
        if not (t.is_list(field.type) or t.is_large_list(field.type) or t.is_fixed_size_list(field.type)):
            raise node_error(run, f"explode[{index}]", f"column {name!r} is {field.type}, not a list")
        schema = schema.set(schema.get_field_index(name), field.with_type(field.type.value_type))
    return schema


def output_columns(run: NodeRun, config: FlattenConfig, schema: pa.Schema) -> list[OutputColumn]:
    """Every output column in order, struct columns spread into their (nested) fields."""
    import pyarrow.types as t

    from providers.transforms.input_columns import require_columns
    from providers.transforms.node_errors import node_error

    require_columns(run, "columns", config.columns or [], schema)
    if config.columns is None:
        spread = {field.name for field in schema if t.is_struct(field.type)}
    else:
        spread = set(config.columns)
    plan: list[OutputColumn] = []
    for field in schema:
        if field.name not in spread:
            plan.append(OutputColumn(field.name, field.name, (), field.type))
        elif not t.is_struct(field.type):
            index = config.columns.index(field.name) if config.columns else 0
            raise node_error(run, f"columns[{index}]", f"column {field.name!r} is {field.type}, not a struct")
        else:
            plan += _leaves(field.name, field.name, (), field.type, config.separator)
    owners = Counter(column.name for column in plan)
    for column in plan:
        if owners[column.name] > 1:
            raise node_error(
                run,
                "separator",
                f"flattening {column.source!r} gives {column.name!r}, the name of another column; "
                "choose another separator or rename a column first",
            )
    return plan


def _leaves(
    name: str, source: str, path: tuple[int, ...], struct: pa.StructType, separator: str
) -> list[OutputColumn]:
    import pyarrow.types as t

    leaves: list[OutputColumn] = []
    for index in range(struct.num_fields):
        child = struct.field(index)
        child_name, child_path = f"{name}{separator}{child.name}", (*path, index)
        if t.is_struct(child.type):
            leaves += _leaves(child_name, source, child_path, child.type, separator)
        else:
            leaves.append(OutputColumn(child_name, source, child_path, child.type))
    return leaves


def _explode(run: NodeRun, config: FlattenConfig, table: pa.Table, position: _Position) -> pa.Table:
    """One row per list element of the ``explode`` columns (side by side), other columns repeated."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.transforms.node_errors import node_error

    lists = {name: table.column(name).combine_chunks() for name in config.explode}
    lengths = {
        name: pc.list_value_length(values).fill_null(0).to_numpy(zero_copy_only=False)
        for name, values in lists.items()
    }
    first, counts = config.explode[0], lengths[config.explode[0]]
    for name in config.explode[1:]:
        differ = np.flatnonzero(lengths[name] != counts)
        if differ.size:
            row = int(differ[0])
            raise node_error(
                run,
                "explode",
                f"input row {position.rows + row + 1} has {counts[row]} element(s) in {first!r} but "
                f"{lengths[name][row]} in {name!r}; lists exploded together must have equal lengths",
            )
    position.rows += table.num_rows
    empty = counts == 0
    repeats = np.where(empty, 1, counts) if config.keep_empty else counts
    output = table.take(pa.array(np.repeat(np.arange(table.num_rows), repeats)))
    # Element k of row i is at (first element of row i) + k in the flattened values; a kept
    # empty row points nowhere (a null index takes a null).
    flat_starts = np.cumsum(counts) - counts
    out_starts = np.cumsum(repeats) - repeats
    elements = np.arange(int(repeats.sum())) - np.repeat(out_starts - flat_starts, repeats)
    indices = pa.array(elements, mask=np.repeat(empty, repeats) if config.keep_empty else None)
    for name, values in lists.items():
        index = output.schema.get_field_index(name)
        output = output.set_column(index, name, pc.list_flatten(values).take(indices))
    return output


COMPONENT = ComponentType(
    name="transform.flatten",
    category=Category.TRANSFORM,
    title="Flatten nested data",
    description=(
        "Explodes list columns into one row per element, then spreads struct columns into one "
        "column per field (address.city → address_city); streams batch by batch."
    ),
    config_model=FlattenConfig,
    executor="providers.components.flatten_transform:flatten",
    inputs=Arity(1, 1),
    icon="layers",
    fusable=True,
    example={"explode": ["items"], "separator": "_", "keep_empty": True},
)
