"""What ``source.sql`` and ``source.sql_query`` share: incremental options and the streaming read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, model_validator

from dag_factory.registry.config_fields import COLUMN_VALUES, DEFAULT_BATCH_ROWS, BatchRows, ComponentConfig
from providers.components.sql_options import SqlConnectionConfig, SqlConnectionId

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.execution.node_run import NodeRun
    from providers.sql.extract import ExtractQuery, RowRange


class IncrementalOptions(ComponentConfig):
    """Extract only rows whose cursor column is past the committed watermark."""

    cursor_column: Annotated[str, COLUMN_VALUES] = Field(
        min_length=1, description="Column that grows with new or changed rows."
    )
    lookback: float = Field(
        default=0,
        ge=0,
        description="Re-read this much before the watermark (seconds for date/time cursors, else units).",
    )
    initial: str | None = Field(default=None, description="Lower bound of the first run (exclusive).")
    state_conn_id: SqlConnectionId | None = Field(  # type: ignore[valid-type]
        default=None, description="Database holding the watermark (the sink's); defaults to conn_id."
    )
    state_schema: str | None = Field(default=None, description="Schema of the watermark table.")


class SqlReadConfig(SqlConnectionConfig):
    """Settings every SQL source has."""

    columns: Annotated[list[str], COLUMN_VALUES] = Field(
        default_factory=list, description="Columns to read; all if empty."
    )
    batch_rows: BatchRows = DEFAULT_BATCH_ROWS
    incremental: IncrementalOptions | None = None

    @model_validator(mode="after")
    def _cursor_selected(self) -> SqlReadConfig:
        if self.incremental and self.columns and self.incremental.cursor_column not in self.columns:
            raise ValueError("incremental.cursor_column must be one of columns")
        return self


def read_rows(
    run: NodeRun,
    config: SqlReadConfig,
    extract: ExtractQuery,
    node_type: str,
    ranges: list[RowRange] | None = None,
    parallelism: int = 1,
) -> pa.RecordBatchReader:
    """Stream the extract (one query, or one per range); report the new watermark in the metrics."""
    from providers.sql import watermark
    from providers.sql.connection import node_error, open_database
    from providers.sql.extract import stream_extract
    from providers.sql.partitioned_read import read_partitions

    incremental = config.incremental
    bound: Any = None
    previous: Any = None
    try:
        if incremental:
            state = open_database(incremental.state_conn_id or config.conn_id)
            try:
                cursor = state.connection.cursor()
                previous = watermark.read_watermark(
                    state.dialect, cursor, incremental.state_schema, run.dag_id, run.node_id
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
        tracker = _Tracker(run, config, previous) if incremental else None
        on_batch = tracker.see if tracker else None
        if ranges:
            reader = read_partitions(
                lambda: open_database(config.conn_id),
                extract,
                bound,
                ranges,
                batch_rows=config.batch_rows,
                parallelism=parallelism,
                on_batch=on_batch,
                log=run.log,
            )
        else:
            reader = stream_extract(
                open_database(config.conn_id),
                extract,
                lower_bound=bound,
                batch_rows=config.batch_rows,
                on_batch=on_batch,
            )
    except Exception as error:
        raise node_error(run.node_id, node_type, error) from error
    return _naming_errors(run, node_type, reader)


def _naming_errors(run: NodeRun, node_type: str, reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """The same stream; an error while reading it names the node."""
    import pyarrow as pa

    from providers.sql.connection import node_error

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            yield from reader
        except Exception as error:
            raise node_error(run.node_id, node_type, error) from error

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


class _Tracker:
    """Keeps the highest cursor value seen and reports it as the node's new watermark."""

    def __init__(self, run: NodeRun, config: SqlReadConfig, previous: Any) -> None:
        self.run, self.config, self.high = run, config, previous
        self._report(None)

    def see(self, batch: pa.RecordBatch) -> None:
        import pyarrow.compute as pc

        from providers.sql.watermark import encode_value

        incremental = self.config.incremental
        assert incremental is not None
        if incremental.cursor_column not in batch.schema.names:
            raise ValueError(f"cursor column {incremental.cursor_column!r} is not in the result")
        value = pc.max(batch.column(incremental.cursor_column)).as_py()
        if value is None or (self.high is not None and value <= self.high):
            return
        self.high = value
        self._report(encode_value(value))

    def _report(self, value: str | None) -> None:
        """Publish the mark (None: nothing new yet) where the sink collects it."""
        from providers.sql.watermark import METRICS_KEY, WatermarkUpdate

        incremental = self.config.incremental
        assert incremental is not None
        self.run.metrics[METRICS_KEY] = WatermarkUpdate(
            pipeline=self.run.dag_id,
            node=self.run.node_id,
            column=incremental.cursor_column,
            value=value,
            state_conn_id=incremental.state_conn_id or self.config.conn_id,
            state_schema=incremental.state_schema,
        ).to_metrics()
