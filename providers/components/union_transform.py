"""``transform.union``: the rows of several inputs, one after another (streamed unless distinct)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class UnionConfig(ComponentConfig):
    """Settings of a ``transform.union`` node."""

    by: Literal["name", "position"] = Field(
        default="name",
        description=(
            "`name`: columns match by name, a column missing from an input is null there; `position`: "
            "columns match by position and take the first input's names."
        ),
    )
    distinct: bool = Field(
        default=False,
        description="Drop duplicate rows (keeping the first); needs the whole input in memory.",
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def union_rows(run: NodeRun, config: UnionConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream every input in turn, conformed to one schema whose types all inputs fit."""
    import pyarrow as pa

    from providers.transforms.input_columns import arrow_errors_named
    from providers.transforms.union_schema import conform, union_by_name, union_by_position

    # Each input's reader is made once (a streamed input can be read only once) and read in turn.
    readers = [staged.reader(config.batch_rows) for staged in inputs]
    unify = union_by_name if config.by == "name" else union_by_position
    schema = unify(run, [reader.schema for reader in readers])

    def batches() -> Iterator[pa.RecordBatch]:
        for index, reader in enumerate(readers):
            with arrow_errors_named(run, f"inputs[{index}]"):
                for batch in reader:
                    yield conform(batch, schema, config.by)

    stream = pa.RecordBatchReader.from_batches(schema, batches())
    if not config.distinct:
        return stream
    from providers.transforms.input_columns import require_comparable

    require_comparable(run, "distinct", schema.names, schema)
    from providers.components.dedupe_transform import keep_one_per_key

    table = stream.read_all()
    with arrow_errors_named(run, "distinct"):
        return keep_one_per_key(table, None, "first").to_reader()


COMPONENT = ComponentType(
    name="transform.union",
    category=Category.TRANSFORM,
    title="Union",
    description=(
        "Appends the rows of two or more inputs, matching columns by name (missing ones become null, "
        "types are widened to fit every input) or by position. Streams the inputs one after another; "
        "with `distinct: true` it drops duplicate rows, which needs the whole input in memory."
    ),
    config_model=UnionConfig,
    executor="providers.components.union_transform:union_rows",
    inputs=Arity(2, None),
    icon="merge",
    example={"by": "name", "distinct": False},
)
