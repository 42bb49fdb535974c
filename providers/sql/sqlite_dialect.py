"""SQLite: ``"quoted"`` names, ``executemany`` in one transaction, types inferred from the values.

SQLite columns have no fixed type: a read infers each column's Arrow type from the
values of its first batch; dates and times written by the sink are ISO 8601 text.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from providers.sql.dialect import SqlConfigError, SqlDialect
from providers.sql.row_batches import (
    ValueAdapter,
    batch_from_rows,
    json_values,
    micros_values,
    rows_from_batch,
)

if TYPE_CHECKING:
    import pyarrow as pa

BUSY_TIMEOUT_MS = 30_000


class SqliteDialect(SqlDialect):
    """SQLite 3.33+ through Python's ``sqlite3`` (``SqliteHook``)."""

    name = "sqlite"
    title = "SQLite"
    max_identifier_bytes = 1024
    # sqlite3 connections stay in their thread, and one file gains nothing from parallel reads
    parallel_reads = False
    families: ClassVar[dict[str, str]] = {
        **dict.fromkeys(("boolean", "bool"), "bool"),
        **dict.fromkeys(("integer", "int", "bigint", "smallint", "tinyint", "mediumint"), "int"),
        **dict.fromkeys(("numeric", "decimal"), "num"),
        **dict.fromkeys(("real", "double", "double precision", "float"), "float"),
        **dict.fromkeys(("text", "varchar", "char", "character varying", "clob", "string"), "text"),
        "blob": "bytes",
        "date": "date",
        **dict.fromkeys(("timestamp", "timestamptz", "datetime"), "ts"),
        "time": "time",
        "json": "json",
    }
    column_types: ClassVar[dict[str, str]] = {
        "bool": "boolean",
        **dict.fromkeys(
            ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "duration"), "integer"
        ),
        **dict.fromkeys(("float32", "float64"), "real"),
        "decimal": "numeric({precision},{scale})",
        "string": "text",
        "binary": "blob",
        "date": "date",
        "timestamp": "timestamp",
        "timestamptz": "timestamptz",
        "time": "time",
        "nested": "json",
        "null": "text",
    }

    def connect(self, conn_id: str, *, bulk_load: bool = False) -> Any:
        """A ``sqlite3`` connection whose transactions the load opens itself (``BEGIN IMMEDIATE``)."""
        from airflow.providers.sqlite.hooks.sqlite import SqliteHook

        connection = SqliteHook(sqlite_conn_id=conn_id).get_conn()
        try:
            connection.isolation_level = None
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except BaseException:
            connection.close()
            raise
        return connection

    @property
    def param(self) -> str:
        """``?``."""
        return "?"

    def named_param(self, name: str) -> str:
        """``:name``."""
        return f":{name}"

    def begin(self, cursor: Any) -> None:
        """Take the write lock now, so that two loads queue instead of failing at commit."""
        cursor.execute("BEGIN IMMEDIATE")

    def bound_value(self, value: Any, column_type: str) -> Any:
        """Dates and datetimes as the ISO text the sink writes, so that text comparison orders them."""
        family = self.family(column_type)
        if isinstance(value, dt.datetime):
            if family == "date":
                return value.date().isoformat()
            if column_type == "timestamptz" and value.tzinfo is not None:
                return value.astimezone(dt.UTC).isoformat()
            return value.replace(tzinfo=None).isoformat() if column_type == "timestamp" else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def table_columns(self, cursor: Any, schema: str | None, table: str) -> dict[str, str] | None:
        """Columns and declared types from ``pragma_table_info``."""
        cursor.execute("SELECT name, type FROM pragma_table_info(?, ?)", [table, schema or "main"])
        rows = cursor.fetchall()
        return {name: kind.lower() for name, kind in rows} or None

    def null_safe_equal(self, left: str, right: str) -> str:
        """SQLite's ``IS``."""
        return f"{left} IS {right}"

    def write_batches(
        self,
        cursor: Any,
        table_sql: str,
        columns: Sequence[str],
        batches: Iterable[pa.RecordBatch],
        column_types: Mapping[str, str] | None = None,
    ) -> int:
        """``executemany`` per batch, inside the caller's transaction."""
        statement = (
            f"INSERT INTO {table_sql} ({self.column_list(columns)}) "
            f"VALUES ({', '.join([self.param] * len(columns))})"
        )
        rows = 0
        for batch in batches:
            if batch.num_rows:
                cursor.executemany(statement, rows_from_batch(batch, _sqlite_values))
                rows += batch.num_rows
        return rows

    def open_stream(
        self, connection: Any, statement: str, params: dict[str, Any], batch_rows: int
    ) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
        """SQLite steps through the result as it is fetched; types come from the first batch."""
        import pyarrow as pa

        cursor = connection.cursor()
        cursor.execute(statement, params or {})
        names = [column[0] for column in cursor.description]
        first = cursor.fetchmany(batch_rows)
        schema = pa.schema(
            [pa.field(name, _inferred_type([row[i] for row in first])) for i, name in enumerate(names)]
        )

        def batches() -> Iterator[pa.RecordBatch]:
            rows = first
            while rows:
                try:
                    yield batch_from_rows(rows, schema)
                except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as error:
                    raise SqlConfigError(
                        f"a column's values changed type after the first {batch_rows} rows "
                        f"(SQLite columns are typed by their values; cast in the query): {error}"
                    ) from None
                rows = cursor.fetchmany(batch_rows)
            cursor.close()

        return schema, batches()


def _inferred_type(values: list[Any]) -> pa.DataType:
    """int64, float64, binary or string, by the values present; string when all are NULL."""
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds == {int}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    if kinds == {bytes}:
        return pa.binary()
    return pa.string()


def _iso(column: pa.Array) -> list[Any]:
    """ISO text; zoned datetimes in UTC, so that text order is time order."""
    return [
        None if v is None else (v.astimezone(dt.UTC) if getattr(v, "tzinfo", None) else v).isoformat()
        for v in column.to_pylist()
    ]


def _decimal_text(column: pa.Array) -> list[Any]:
    return [None if v is None else str(v) if isinstance(v, Decimal) else v for v in column.to_pylist()]


def _sqlite_values(arrow_type: pa.DataType) -> ValueAdapter | None:
    import pyarrow.types as t

    if t.is_timestamp(arrow_type) or t.is_date(arrow_type) or t.is_time(arrow_type):
        return _iso
    if t.is_duration(arrow_type):
        return micros_values
    if t.is_decimal(arrow_type):
        return _decimal_text
    if t.is_nested(arrow_type):
        return json_values
    return None
