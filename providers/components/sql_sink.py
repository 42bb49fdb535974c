"""``sink.sql``: load the input into a PostgreSQL, MySQL/MariaDB or SQLite table, idempotently per run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import COLUMN_VALUES, ComponentConfig
from providers.components.sql_options import SqlConnectionConfig, TableSchema

if TYPE_CHECKING:
    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

NODE_TYPE = "sink.sql"


class PartitionOptions(ComponentConfig):
    """The slice of the table that ``delete_insert`` replaces: ``start <= column < end``."""

    column: Annotated[str, COLUMN_VALUES] = Field(
        min_length=1, description="Column that places a row in the partition."
    )
    start: str | None = Field(
        default=None, description="Inclusive start; defaults to the data interval start."
    )
    end: str | None = Field(default=None, description="Exclusive end; defaults to the data interval end.")


class SqlSinkConfig(SqlConnectionConfig):
    """Settings of a ``sink.sql`` node."""

    db_schema: TableSchema
    table: str = Field(min_length=1, description="Target table.")
    mode: Literal["append", "replace", "merge", "delete_insert"] = "append"
    keys: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list, description="Columns identifying a row (merge)."
    )
    partition: PartitionOptions | None = Field(default=None, description="Partition (delete_insert).")
    create: Literal["if_missing", "never"] = "if_missing"
    evolve: Literal["error", "add_columns"] = Field(
        default="error", description="What a new input column does: fail, or add it to the table."
    )
    state_schema: str | None = Field(
        default=None, description="Schema of the load ledger and watermarks; defaults to schema."
    )
    batch_rows: int = Field(default=65_536, ge=1, le=10_000_000, description="Rows per bulk-write batch.")

    @model_validator(mode="after")
    def _mode_options(self) -> SqlSinkConfig:
        if self.mode == "merge" and not self.keys:
            raise ValueError("mode 'merge' needs keys")
        if self.mode == "delete_insert" and self.partition is None:
            raise ValueError("mode 'delete_insert' needs partition")
        return self


def partition_bounds(run: NodeRun, config: SqlSinkConfig) -> tuple[str, Any, Any] | None:
    """``(column, start, end)`` for ``delete_insert``, from the config or the data interval."""
    if config.partition is None:
        return None
    start = config.partition.start or run.context.get("data_interval_start")
    end = config.partition.end or run.context.get("data_interval_end")
    if start is None or end is None:
        raise ValueError("delete_insert needs partition start and end (this run has no data interval)")
    return (config.partition.column, start, end)


def write_sql(run: NodeRun, config: SqlSinkConfig, inputs: Sequence[StagedData]) -> dict[str, Any]:
    """Stage the input with COPY, then apply it, its ledger row and watermarks in one transaction."""
    from providers.sql.connection import node_error, open_database
    from providers.sql.load import LoadRequest, run_load
    from providers.sql.watermark import WatermarkUpdate, upstream_watermarks

    try:
        warned: set[str] = set()

        def committed() -> list[WatermarkUpdate]:
            """Marks this sink commits: those kept in its own database (read again after the data)."""
            marks = upstream_watermarks(run)
            for skipped in [m for m in marks if m.state_conn_id != config.conn_id and m.node not in warned]:
                warned.add(skipped.node)
                run.log.warning(
                    "Watermark of node %s is kept in connection %s, not %s; this sink does not commit it",
                    skipped.node,
                    skipped.state_conn_id,
                    config.conn_id,
                )
            return [m for m in marks if m.state_conn_id == config.conn_id]

        state_schema = config.state_schema or config.db_schema
        request = LoadRequest(
            dag_id=run.dag_id,
            run_id=run.run_id,
            node_id=run.node_id,
            schema=config.db_schema,
            table=config.table,
            mode=config.mode,
            keys=tuple(config.keys),
            partition=partition_bounds(run, config),
            create=config.create,
            evolve=config.evolve,
            state_schema=state_schema,
            watermarks=committed,
        )
        db = open_database(config.conn_id, bulk_load=True)
        try:
            return run_load(db, request, inputs[0].reader(config.batch_rows), run.log)
        finally:
            db.close()
    except Exception as error:
        raise node_error(run.node_id, NODE_TYPE, error) from error


COMPONENT = ComponentType(
    name=NODE_TYPE,
    category=Category.SINK,
    title="SQL table",
    description=(
        "Loads its input into a PostgreSQL, MySQL/MariaDB or SQLite table in bulk: append, replace, "
        "merge or delete_insert, applied once per run together with the pipeline's watermarks."
    ),
    config_model=SqlSinkConfig,
    executor="providers.components.sql_sink:write_sql",
    asset="providers.components.sql_asset:sql_asset",
    inputs=Arity(1, 1),
    has_output=False,
    icon="database",
)
