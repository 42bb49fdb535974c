"""PostgreSQL: ``"quoted"`` names, COPY for bulk writes and for streaming reads."""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from providers.sql.dialect import SqlDialect

if TYPE_CHECKING:
    import pyarrow as pa


class PostgresDialect(SqlDialect):
    """PostgreSQL through psycopg 3."""

    name = "postgres"
    title = "PostgreSQL"
    state_time_type = "timestamptz"
    now = "now()"
    families: ClassVar[dict[str, str]] = {
        "boolean": "bool",
        "smallint": "int",
        "integer": "int",
        "bigint": "int",
        "numeric": "num",
        "real": "float",
        "double precision": "float",
        "text": "text",
        "character varying": "text",
        "character": "text",
        "bytea": "bytes",
        "date": "date",
        "timestamp with time zone": "ts",
        "timestamp without time zone": "ts",
        "time without time zone": "time",
        "interval": "interval",
        "jsonb": "json",
        "json": "json",
    }
    column_types: ClassVar[dict[str, str]] = {
        "bool": "boolean",
        **dict.fromkeys(("int8", "int16", "uint8"), "smallint"),
        **dict.fromkeys(("int32", "uint16"), "integer"),
        **dict.fromkeys(("int64", "uint32"), "bigint"),
        "uint64": "numeric(20,0)",
        "float32": "real",
        "float64": "double precision",
        "decimal": "numeric({precision},{scale})",
        "string": "text",
        "binary": "bytea",
        "date": "date",
        "timestamp": "timestamp without time zone",
        "timestamptz": "timestamp with time zone",
        "time": "time without time zone",
        "duration": "interval",
        "nested": "jsonb",
        "null": "text",
    }

    def connect(self, conn_id: str, *, bulk_load: bool = False) -> Any:
        """A psycopg 3 connection from ``PostgresHook``."""
        from airflow.providers.postgres.hooks.postgres import PostgresHook

        connection = PostgresHook(postgres_conn_id=conn_id).get_conn()
        if not hasattr(connection, "pgconn"):
            connection.close()
            raise RuntimeError("the SQL node types need psycopg 3 (with SQLAlchemy 2) for PostgresHook")
        try:
            # Zoned bounds (the data interval) compare with date and timestamp columns in UTC.
            connection.execute("SET TIME ZONE 'UTC'")
            connection.commit()
        except BaseException:
            connection.close()
            raise
        connection.autocommit = False
        return connection

    def family(self, column_type: str) -> str:
        """Array types are ``other``; the rest by base name."""
        if column_type.split("(")[0].strip().endswith("[]"):
            return "other"
        return super().family(column_type)

    def table_columns(self, cursor: Any, schema: str | None, table: str) -> dict[str, str] | None:
        """Columns and ``format_type`` from ``pg_attribute``."""
        cursor.execute("SELECT to_regclass(%s)::oid", [self.qualified(schema, table)])
        (oid,) = cursor.fetchone()
        if oid is None:
            return None
        cursor.execute(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [oid],
        )
        return dict(cursor.fetchall())

    def create_table_sql(
        self, table_sql: str, column_types: dict[str, str], keys: Sequence[str], *, staging: bool
    ) -> str:
        """Staging tables are ``UNLOGGED``: they are rebuilt by a retry, never recovered."""
        statement = super().create_table_sql(table_sql, column_types, keys, staging=staging)
        return statement.replace("CREATE TABLE", "CREATE UNLOGGED TABLE", 1) if staging else statement

    def write_batches(
        self,
        cursor: Any,
        table_sql: str,
        columns: Sequence[str],
        batches: Iterable[pa.RecordBatch],
        column_types: Mapping[str, str] | None = None,
    ) -> int:
        """``COPY ... FROM STDIN``, one batch at a time: binary where the target's column types
        allow it (see ``postgres_binary_copy``), else CSV."""
        import itertools

        from providers.sql.postgres_binary_copy import binary_schema, copy_binary
        from providers.sql.postgres_copy import copy_batches

        quoted = [self.quote_ident(c) for c in columns]
        stream = iter(batches)
        first = next(stream, None)
        if first is None:
            return 0
        batches = itertools.chain([first], stream)
        schema = binary_schema(first.schema, column_types) if column_types else None
        if schema is None:
            return copy_batches(cursor, table_sql, quoted, batches)
        return copy_binary(cursor, table_sql, quoted, schema, batches)

    def open_stream(
        self, connection: Any, statement: str, params: dict[str, Any], batch_rows: int
    ) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
        """The result's types from its description, then its rows through ``COPY ... TO STDOUT``."""
        import pyarrow as pa

        from providers.sql.postgres_copy_read import copy_stream

        cursor = connection.cursor()
        cursor.execute(f"SELECT * FROM ({statement}) AS q LIMIT 0", params)
        description = cursor.description
        schema = pa.schema(
            [
                pa.field(col.name, arrow_type_for(col.type_code, col.precision, col.scale))
                for col in description
            ]
        )
        oids = [col.type_code for col in description]
        return schema, copy_stream(cursor, statement, params, schema, oids, batch_rows)


def arrow_type_for(oid: int, precision: int | None = None, scale: int | None = None) -> pa.DataType:
    """The Arrow type for a result column of PostgreSQL type ``oid`` (others are read as strings)."""
    import pyarrow as pa

    simple: dict[int, Any] = {
        16: pa.bool_(),
        20: pa.int64(),
        21: pa.int16(),
        23: pa.int32(),
        26: pa.int64(),
        700: pa.float32(),
        701: pa.float64(),
        17: pa.binary(),
        1082: pa.date32(),
        1114: pa.timestamp("us"),
        1184: pa.timestamp("us", tz="UTC"),
        1083: pa.time64("us"),
        1186: pa.duration("us"),
    }
    if oid in simple:
        return simple[oid]
    if oid == 1700:
        if precision and 0 < precision <= 38 and scale is not None and scale >= 0:
            return pa.decimal128(precision, scale)
        return pa.float64()
    return pa.string()
