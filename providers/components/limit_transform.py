"""``transform.limit``: the first rows of the input, after an offset (streamed)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData


class LimitConfig(ComponentConfig):
    """Settings of a ``transform.limit`` node."""

    rows: int = Field(ge=0, description="Most rows to keep.")
    offset: int = Field(default=0, ge=0, description="Rows to skip before keeping any.")
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS


def limit_rows(run: NodeRun, config: LimitConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream rows ``offset`` to ``offset + rows`` of the input; reading stops once they are out."""
    import pyarrow as pa

    reader = inputs[0].reader(config.batch_rows)

    def batches() -> Iterator[pa.RecordBatch]:
        skip, left = config.offset, config.rows
        try:
            for batch in reader if left else ():
                if skip >= batch.num_rows:
                    skip -= batch.num_rows
                    continue
                kept = batch.slice(skip, left)
                skip, left = 0, left - kept.num_rows
                yield kept
                if not left:
                    break
        finally:
            # Releases the staged file without reading the rest of it.
            reader.close()

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


COMPONENT = ComponentType(
    name="transform.limit",
    category=Category.TRANSFORM,
    title="Limit rows",
    description=(
        "Keeps at most `rows` rows after skipping `offset` rows, in input order; streams batch by batch "
        "and stops reading its input once it has them."
    ),
    config_model=LimitConfig,
    executor="providers.components.limit_transform:limit_rows",
    inputs=Arity(1, 1),
    icon="list-end",
    fusable=True,
    example={"rows": 100, "offset": 0},
)
