"""``transform.aggregate``: one row per group with counts, sums, means… (streamed, aggregated per batch)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ColumnUse, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig
from providers.transforms.aggregate_functions import ALL_ROWS, AggregationText

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData
    from providers.transforms.aggregate_functions import Aggregation


class AggregateConfig(ComponentConfig):
    """Settings of a ``transform.aggregate`` node."""

    group_by: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list,
        description="Columns whose values form a group (nulls form a group too); empty: the whole input.",
    )
    aggregations: dict[str, AggregationText] = Field(
        default_factory=dict,
        description=(
            "Output column → `function(column)`: count, count(*), sum, min, max, mean, count_distinct, "
            "first, last. Nulls are skipped (count(*) counts every row)."
        ),
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS

    @model_validator(mode="after")
    def _outputs_are_distinct(self) -> AggregateConfig:
        if not self.group_by and not self.aggregations:
            raise ValueError("give group_by, aggregations or both")
        for name in self.aggregations:
            if name in self.group_by:
                raise ValueError(f"output column '{name}' is also a group_by column; rename the output")
        return self


def input_columns(config: AggregateConfig, wanted: frozenset[str] | None = None) -> frozenset[str]:
    """The input columns the aggregate reads: its keys and aggregated columns, whatever is wanted."""
    from providers.transforms.aggregate_functions import parse_aggregation

    aggregated = (parse_aggregation(text).column for text in config.aggregations.values())
    return frozenset(config.group_by) | {column for column in aggregated if column != ALL_ROWS}


def aggregate_rows(run: NodeRun, config: AggregateConfig, inputs: Sequence[StagedData]) -> pa.Table:
    """Group keys, then one column per aggregation; groups in order of first appearance."""
    from providers.execution.streamed_input import input_reader
    from providers.transforms.aggregate_functions import parse_aggregation
    from providers.transforms.aggregate_state import StreamingAggregate
    from providers.transforms.input_columns import arrow_errors_named, require_columns

    reader = input_reader(inputs[0], config.batch_rows, input_columns(config))
    require_columns(run, "group_by", config.group_by, reader.schema)
    aggregations = {name: parse_aggregation(text) for name, text in config.aggregations.items()}
    for name, aggregation in aggregations.items():
        check_aggregation(run, name, aggregation, reader.schema)
    with arrow_errors_named(run):
        state = StreamingAggregate(config.group_by, aggregations, reader.schema)
        for batch in reader:
            state.add(batch)
        return state.result()


def check_aggregation(run: NodeRun, output: str, aggregation: Aggregation, schema: pa.Schema) -> None:
    """Raise if the aggregation's column is missing, or not numeric where the function needs numbers."""
    from providers.transforms.aggregate_functions import ALL_ROWS, is_numeric
    from providers.transforms.input_columns import ColumnNodeError, require_column

    if aggregation.column == ALL_ROWS:
        return
    option = f"aggregations.{output}"
    require_column(run, option, aggregation.column, schema)
    data_type = schema.field(aggregation.column).type
    if aggregation.spec.numeric and not is_numeric(data_type):
        raise ColumnNodeError(
            f"node '{run.node_id}', {option}: aggregate on a non-numeric column: "
            f"{aggregation.function}({aggregation.column}) needs numbers, column '{aggregation.column}' "
            f"is {data_type}"
        )


COMPONENT = ComponentType(
    name="transform.aggregate",
    category=Category.TRANSFORM,
    title="Aggregate",
    description=(
        "One row per group of `group_by` values (one row in all when empty) with counts, sums, minimums, "
        "maximums, means, distinct counts, first and last values. Reads its input batch by batch and keeps "
        "partial results per group, so memory grows with the number of groups, not rows; count_distinct "
        "also keeps each group's distinct values. Its output comes once the whole input is read."
    ),
    config_model=AggregateConfig,
    executor="providers.components.aggregate_transform:aggregate_rows",
    inputs=Arity(1, 1),
    icon="sigma",
    column_use=ColumnUse(reads=input_columns),
    example={
        "group_by": ["customer_id"],
        "aggregations": {"orders": "count(*)", "revenue": "sum(amount)", "average": "mean(amount)"},
    },
)
