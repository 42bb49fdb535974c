"""``transform.derive``: add or replace columns computed by expressions (row-wise, streamed)."""

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


class DeriveConfig(ComponentConfig):
    """Settings of a ``transform.derive`` node."""

    columns: dict[str, Expression] = Field(
        min_length=1,
        description=(
            "Column name → expression over the input's columns. An existing name is replaced in "
            "place; new names are added at the end. Expressions see the input, not each other."
        ),
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def derive_columns(run: NodeRun, config: DeriveConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the input with the derived columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from providers.transforms.expression_batches import compile_for, map_batches, project

    reader = inputs[0].reader(config.batch_rows)
    compiled = {
        name: compile_for(run, f"columns.{name}", text, reader.schema)
        for name, text in config.columns.items()
    }
    names = list(reader.schema.names) + [name for name in compiled if name not in reader.schema.names]
    projection = {name: compiled[name].expression if name in compiled else pc.field(name) for name in names}
    schema = pa.schema(
        [
            pa.field(name, compiled[name].type if name in compiled else reader.schema.field(name).type)
            for name in names
        ]
    )
    return map_batches(reader, schema, lambda table: project(table, projection), run)


COMPONENT = ComponentType(
    name="transform.derive",
    category=Category.TRANSFORM,
    title="Derive columns",
    description="Adds or replaces columns computed by expressions; streams batch by batch.",
    config_model=DeriveConfig,
    executor="providers.components.derive_transform:derive_columns",
    inputs=Arity(1, 1),
    icon="function",
    fusable=True,
    example={"columns": {"amount_eur": "round(amount * 0.92, 2)", "order_month": "month(ordered_at)"}},
)
