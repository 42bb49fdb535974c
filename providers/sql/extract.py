"""Streaming read: a table or query, fetched in Arrow record batches through the dialect."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlDialect

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.sql.connection import Database

LOWER_BOUND = "aggregator_lower_bound"


@dataclass(frozen=True)
class RowRange:
    """Rows whose ``column`` lies in ``[start, end)``; an open side is ``None``."""

    column: str
    start: Any = None
    end: Any = None
    include_null: bool = False


@dataclass(frozen=True)
class ExtractQuery:
    """A table or a query, optionally narrowed to columns, rows after a cursor value, and a range."""

    schema: str | None = None
    table: str | None = None
    query: str | None = None
    columns: Sequence[str] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    cursor_column: str | None = None

    def source_sql(self, dialect: SqlDialect) -> str:
        """The ``FROM`` item: the quoted table or the query as a subquery."""
        if self.table:
            return dialect.qualified(self.schema, self.table)
        assert self.query is not None
        return f"({self.query.rstrip().rstrip(';')}) AS aggregator_query"

    def statement(
        self, dialect: SqlDialect, lower_bound: Any = None, row_range: RowRange | None = None
    ) -> tuple[str, dict[str, Any]]:
        """SQL and parameters; values are always passed as parameters."""
        selected = dialect.column_list(self.columns) if self.columns else "*"
        sql = f"SELECT {selected} FROM {self.source_sql(dialect)}"
        params = dict(self.parameters)
        conditions = []
        if self.cursor_column and lower_bound is not None:
            conditions.append(
                f"{dialect.quote_ident(self.cursor_column)} > {dialect.named_param(LOWER_BOUND)}"
            )
            params[LOWER_BOUND] = lower_bound
        if row_range is not None:
            conditions.append(_range_condition(dialect, row_range, params))
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        return sql, params


def _range_condition(dialect: SqlDialect, row_range: RowRange, params: dict[str, Any]) -> str:
    column = dialect.quote_ident(row_range.column)
    parts = []
    if row_range.start is not None:
        parts.append(f"{column} >= {dialect.named_param('aggregator_range_start')}")
        params["aggregator_range_start"] = row_range.start
    if row_range.end is not None:
        parts.append(f"{column} < {dialect.named_param('aggregator_range_end')}")
        params["aggregator_range_end"] = row_range.end
    condition = " AND ".join(parts) or "1 = 1"
    if row_range.include_null:
        condition = f"({condition} OR {column} IS NULL)"
    return condition


def stream_batches(
    dialect: SqlDialect,
    connection: Any,
    statement: str,
    params: dict[str, Any],
    *,
    batch_rows: int,
    on_batch: Callable[[pa.RecordBatch], None] | None = None,
) -> pa.RecordBatchReader:
    """Run ``statement`` and stream its rows; closes ``connection`` at the end."""
    import pyarrow as pa

    try:
        schema, rows = dialect.open_stream(connection, statement, params, batch_rows)
    except BaseException:
        connection.close()
        raise

    def batches() -> Iterator[pa.RecordBatch]:
        try:
            for batch in rows:
                if on_batch:
                    on_batch(batch)
                yield batch
            connection.rollback()
        finally:
            connection.close()

    return pa.RecordBatchReader.from_batches(schema, batches())


def stream_extract(
    db: Database,
    extract: ExtractQuery,
    *,
    lower_bound: Any = None,
    row_range: RowRange | None = None,
    batch_rows: int,
    on_batch: Callable[[pa.RecordBatch], None] | None = None,
) -> pa.RecordBatchReader:
    """Stream ``extract`` on ``db``, which the stream closes at its end (or here, on an error)."""
    try:
        statement, params = extract.statement(db.dialect, lower_bound, row_range)
    except BaseException:
        db.close()
        raise
    return stream_batches(
        db.dialect, db.connection, statement, params, batch_rows=batch_rows, on_batch=on_batch
    )
