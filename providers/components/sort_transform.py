"""``transform.sort``: order rows by columns (needs the whole input)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import ComponentConfig
from providers.transforms.sort_keys import SortKey

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class SortConfig(ComponentConfig):
    """Settings of a ``transform.sort`` node."""

    by: list[SortKey] = Field(
        min_length=1, description="Columns to order by, most significant first; ties keep input order."
    )


def sort_rows(run: NodeRun, config: SortConfig, inputs: Sequence[StagedData]) -> pa.Table:
    """The input ordered by ``by`` (a stable sort)."""
    from providers.transforms.input_columns import arrow_errors_named
    from providers.transforms.sort_keys import check_sort_keys, sort_indices

    reader = inputs[0].reader()
    check_sort_keys(run, "by", config.by, reader.schema)
    table = reader.read_all()
    with arrow_errors_named(run, "by"):
        return table.take(sort_indices(table, config.by))


COMPONENT = ComponentType(
    name="transform.sort",
    category=Category.TRANSFORM,
    title="Sort rows",
    description=(
        "Orders rows by one or more columns, each ascending or descending, nulls first or last; rows "
        "that tie keep their input order. Needs the whole input in memory."
    ),
    config_model=SortConfig,
    executor="providers.components.sort_transform:sort_rows",
    inputs=Arity(1, 1),
    icon="arrow-down-wide-narrow",
    example={"by": [{"column": "amount", "descending": True}, {"column": "order_id"}]},
)
