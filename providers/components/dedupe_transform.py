"""``transform.dedupe``: keep one row per key (needs the whole input)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig
from providers.transforms.sort_keys import SortKey

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class DedupeConfig(ComponentConfig):
    """Settings of a ``transform.dedupe`` node."""

    keys: Annotated[list[str] | None, COLUMN_VALUES] = Field(
        default=None,
        min_length=1,
        description="Columns whose values identify a duplicate; all columns when omitted. Nulls match nulls.",
    )
    keep: Literal["first", "last"] = Field(default="first", description="Which row of each key to keep.")
    order_by: list[SortKey] = Field(
        default_factory=list,
        description="Order deciding which row is first or last; input order when empty.",
    )


def dedupe_rows(run: NodeRun, config: DedupeConfig, inputs: Sequence[StagedData]) -> pa.Table:
    """The input with one row per key, in input order."""
    from providers.transforms.input_columns import arrow_errors_named, require_columns, require_comparable
    from providers.transforms.sort_keys import check_sort_keys

    reader = inputs[0].reader()
    require_columns(run, "keys", config.keys or [], reader.schema)
    require_comparable(run, "keys", config.keys or reader.schema.names, reader.schema)
    check_sort_keys(run, "order_by", config.order_by, reader.schema)
    table = reader.read_all()
    with arrow_errors_named(run, "keys"):
        return keep_one_per_key(table, config.keys, config.keep, config.order_by)


def keep_one_per_key(
    table: pa.Table, keys: Sequence[str] | None, keep: str, order_by: Sequence[SortKey] = ()
) -> pa.Table:
    """``table`` with one row per distinct ``keys`` (all columns if None), kept rows in input order.

    :param keep: ``first`` or ``last`` row of each key, in ``order_by`` order (input order if empty).
    """
    import pyarrow.compute as pc

    from providers.transforms.input_columns import unused_name
    from providers.transforms.sort_keys import sort_indices

    row = unused_name("__row", table.schema)
    rank = unused_name("__rank", table.schema)
    columns = list(keys) if keys else list(table.schema.names)
    ordered = table.select(columns).append_column(row, row_numbers(table.num_rows))
    if order_by:
        ordered = ordered.take(sort_indices(table, order_by))
    # The smallest or largest rank per key is the first or last row; min/max need no ordered grouping.
    ordered = ordered.append_column(rank, row_numbers(table.num_rows))
    winners = ordered.group_by(columns, use_threads=False).aggregate(
        [(rank, "min" if keep == "first" else "max")]
    )
    rows = ordered.column(row).take(winners.column(f"{rank}_{'min' if keep == 'first' else 'max'}"))
    return table.take(rows.take(pc.sort_indices(rows)))


def row_numbers(count: int) -> pa.Array:
    """``0, 1, … count - 1`` as an int64 array."""
    import numpy as np
    import pyarrow as pa

    return pa.array(np.arange(count, dtype=np.int64))


COMPONENT = ComponentType(
    name="transform.dedupe",
    category=Category.TRANSFORM,
    title="Remove duplicates",
    description=(
        "Keeps one row per key (the first or last, by input order or by `order_by`); the kept rows stay "
        "in input order. Needs the whole input in memory."
    ),
    config_model=DedupeConfig,
    executor="providers.components.dedupe_transform:dedupe_rows",
    inputs=Arity(1, 1),
    icon="copy-minus",
    example={"keys": ["customer_id"], "keep": "last", "order_by": [{"column": "ordered_at"}]},
)
