"""``source.sql``: stream a PostgreSQL table or query in Arrow batches, optionally incrementally."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from dag_factory.registry.component import Arity, Category, ComponentType
from dag_factory.registry.config_fields import ComponentConfig, ConnectionId
from providers.components.sql_options import SqlDatabaseConfig

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.staging.manifest import StagedData

NODE_TYPE = "source.sql"


class IncrementalOptions(ComponentConfig):
    """Extract only rows whose cursor column is past the committed watermark."""

    cursor_column: str = Field(min_length=1, description="Column that grows with new or changed rows.")
    lookback: float = Field(
        default=0,
        ge=0,
        description="Re-read this much before the watermark (seconds for date/time cursors, else units).",
    )
    initial: str | None = Field(default=None, description="Lower bound of the first run (exclusive).")
    state_conn_id: ConnectionId("postgres") | None = Field(  # type: ignore[valid-type]
        default=None, description="Database holding the watermark (the sink's); defaults to conn_id."
    )
    state_schema: str | None = Field(default=None, description="Schema of the watermark table.")


class SqlSourceConfig(SqlDatabaseConfig):
    """Settings of a ``source.sql`` node."""

    table: str | None = Field(default=None, min_length=1, description="Table to read (or give query).")
    query: str | None = Field(default=None, min_length=1, description="SELECT to read (or give table).")
    columns: list[str] = Field(default_factory=list, description="Columns to read; all if empty.")
    parameters: dict[str, Any] = Field(
        default_factory=dict, description="Values for %(name)s placeholders in the query."
    )
    batch_rows: int = Field(default=65_536, ge=1, le=10_000_000, description="Rows per batch.")
    incremental: IncrementalOptions | None = None

    @model_validator(mode="after")
    def _one_source(self) -> SqlSourceConfig:
        if (self.table is None) == (self.query is None):
            raise ValueError("give exactly one of table and query")
        if self.parameters and self.query is None:
            raise ValueError("parameters apply to a query only")
        if self.incremental and self.columns and self.incremental.cursor_column not in self.columns:
            raise ValueError("incremental.cursor_column must be one of columns")
        return self


def read_sql(run: NodeRun, config: SqlSourceConfig, inputs: Sequence[StagedData]) -> pa.RecordBatchReader:
    """Open a server-side cursor and stream its rows; report the new watermark in the metrics."""
    from providers.sql import watermark
    from providers.sql.connection import connect, node_error
    from providers.sql.extract import ExtractQuery, stream_batches

    extract = ExtractQuery(
        schema=config.db_schema,
        table=config.table,
        query=config.query,
        columns=config.columns,
        parameters=config.parameters,
        cursor_column=config.incremental.cursor_column if config.incremental else None,
    )
    incremental = config.incremental
    bound: Any = None
    previous: Any = None
    try:
        if incremental:
            state = connect(incremental.state_conn_id or config.conn_id)
            try:
                with state.cursor() as cursor:
                    previous = watermark.read_watermark(
                        cursor, incremental.state_schema, run.dag_id, run.node_id
                    )
            finally:
                state.close()
            bound = (
                watermark.lower_bound(previous, incremental.lookback)
                if previous is not None
                else incremental.initial
            )
            run.log.info(
                "Watermark %r; reading rows with %s > %r", previous, incremental.cursor_column, bound
            )
        statement, params = extract.statement(bound)
        tracker = _Tracker(run, config, previous) if incremental else None
        reader = stream_batches(
            connect(config.conn_id),
            statement,
            params,
            batch_rows=config.batch_rows,
            on_batch=tracker.see if tracker else None,
        )
    except Exception as error:
        raise node_error(run.node_id, NODE_TYPE, error) from error
    return _naming_errors(run, reader)


def _naming_errors(run: NodeRun, reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """The same stream; an error while reading it names the node."""
    import pyarrow as pa

    from providers.sql.connection import node_error

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            yield from reader
        except Exception as error:
            raise node_error(run.node_id, NODE_TYPE, error) from error

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


class _Tracker:
    """Keeps the highest cursor value seen and reports it as the node's new watermark."""

    def __init__(self, run: NodeRun, config: SqlSourceConfig, previous: Any) -> None:
        self.run, self.config, self.high = run, config, previous

    def see(self, batch: pa.RecordBatch) -> None:
        import pyarrow.compute as pc

        from providers.sql.watermark import METRICS_KEY, WatermarkUpdate, encode_value

        incremental = self.config.incremental
        assert incremental is not None
        if incremental.cursor_column not in batch.schema.names:
            raise ValueError(f"cursor column {incremental.cursor_column!r} is not in the result")
        value = pc.max(batch.column(incremental.cursor_column)).as_py()
        if value is None or (self.high is not None and value <= self.high):
            return
        self.high = value
        self.run.metrics[METRICS_KEY] = WatermarkUpdate(
            pipeline=self.run.dag_id,
            node=self.run.node_id,
            column=incremental.cursor_column,
            value=encode_value(value),
            state_conn_id=incremental.state_conn_id or self.config.conn_id,
            state_schema=incremental.state_schema,
        ).to_metrics()


COMPONENT = ComponentType(
    name=NODE_TYPE,
    category=Category.SOURCE,
    title="SQL (PostgreSQL)",
    description=(
        "Streams a PostgreSQL table or query in batches through a server-side cursor; "
        "optionally incremental by a cursor column with a lookback window."
    ),
    config_model=SqlSourceConfig,
    executor="providers.components.sql_source:read_sql",
    inputs=Arity(0, 0),
    # The ``query`` option carries raw SQL, so the type needs the code permission.
    code_bearing=True,
    icon="database",
)
