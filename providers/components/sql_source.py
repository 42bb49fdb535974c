"""``source.sql``: stream a table in Arrow batches, optionally incrementally or in parallel ranges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig
from providers.components.sql_options import TableSchema
from providers.components.sql_read import SqlReadConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

NODE_TYPE = "source.sql"


class PartitionedReadOptions(ComponentConfig):
    """Read a large table as ranges of one column, several at a time."""

    column: Annotated[str, COLUMN_VALUES] = Field(
        min_length=1, description="Number, date or timestamp column to split on."
    )
    count: int = Field(ge=2, le=1024, description="Number of ranges of equal width between min and max.")
    parallelism: int = Field(default=4, ge=1, le=32, description="Ranges read at the same time.")


class SqlSourceConfig(SqlReadConfig):
    """Settings of a ``source.sql`` node."""

    db_schema: TableSchema
    table: str = Field(min_length=1, description="Table (or view) to read.")
    partitions: PartitionedReadOptions | None = Field(
        default=None, description="Split the read into ranges of a column, read side by side."
    )

    @model_validator(mode="after")
    def _partition_column_selected(self) -> SqlSourceConfig:
        if self.partitions and self.columns and self.partitions.column not in self.columns:
            raise ValueError("partitions.column must be one of columns")
        return self


def read_sql(run: NodeRun, config: SqlSourceConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Stream the table; with ``partitions``, as ranges read on their own connections."""
    from providers.components.sql_read import read_rows
    from providers.sql.connection import node_error, open_database
    from providers.sql.extract import ExtractQuery
    from providers.sql.partitioned_read import column_bounds, split_ranges

    extract = ExtractQuery(
        schema=config.db_schema,
        table=config.table,
        columns=config.columns,
        cursor_column=config.incremental.cursor_column if config.incremental else None,
    )
    ranges = None
    if config.partitions:
        try:
            db = open_database(config.conn_id)
            try:
                low, high = column_bounds(db, extract, config.partitions.column)
            finally:
                db.close()
            ranges = split_ranges(low, high, config.partitions.column, config.partitions.count)
        except Exception as error:
            raise node_error(run.node_id, NODE_TYPE, error) from error
    parallelism = config.partitions.parallelism if config.partitions else 1
    return read_rows(run, config, extract, NODE_TYPE, ranges, parallelism)


COMPONENT = ComponentType(
    name=NODE_TYPE,
    category=Category.SOURCE,
    title="SQL table",
    description=(
        "Streams a PostgreSQL, MySQL/MariaDB or SQLite table in batches; optionally incremental by "
        "a cursor column with a lookback window, or split into ranges read in parallel."
    ),
    config_model=SqlSourceConfig,
    executor="providers.components.sql_source:read_sql",
    inputs=Arity(0, 0),
    icon="database",
    fusable=True,
    example={"conn_id": "shop_pg", "table": "public.orders", "incremental": {"cursor_column": "updated_at"}},
)
