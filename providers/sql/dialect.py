"""What differs between databases: quoting, placeholders, types, catalog queries and SQL forms.

``SqlDialect`` holds the rules every database shares; ``PostgresDialect``, ``MySqlDialect``
and ``SqliteDialect`` override what their database does differently. The load, the
extract, the ledger and the watermarks are written once against this interface.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import pyarrow as pa


class SqlConfigError(ValueError):
    """An identifier, option or schema that cannot be used as written."""


def display_name(schema: str | None, table: str) -> str:
    """The table name for messages."""
    return f"{schema}.{table}" if schema else table


# family of the input -> families of table columns that accept it without loss of meaning
ACCEPTS = {
    "bool": {"bool", "int"},
    "int": {"int", "num", "float"},
    "num": {"num", "float"},
    "float": {"float", "num"},
    "text": {"text", "other", "json"},
    "bytes": {"bytes"},
    "date": {"date", "ts"},
    "ts": {"ts"},
    "time": {"time"},
    "interval": {"interval"},
    "json": {"json", "text"},
}


def arrow_kind(arrow_type: pa.DataType) -> str:
    """The kind of an Arrow type that decides its column type: ``int32``, ``string``, ``timestamptz``...

    Dictionaries count as their value type; every nested type is ``nested``.
    """
    import pyarrow as pa
    import pyarrow.types as t

    if t.is_dictionary(arrow_type):
        return arrow_kind(arrow_type.value_type)
    if t.is_boolean(arrow_type):
        return "bool"
    if t.is_integer(arrow_type):
        return f"{'u' if t.is_unsigned_integer(arrow_type) else ''}int{arrow_type.bit_width}"
    if t.is_floating(arrow_type):
        return "float64" if t.is_float64(arrow_type) else "float32"
    if t.is_decimal(arrow_type):
        return "decimal"
    if t.is_string(arrow_type) or t.is_large_string(arrow_type) or arrow_type == pa.string_view():
        return "string"
    if t.is_binary(arrow_type) or t.is_large_binary(arrow_type) or t.is_fixed_size_binary(arrow_type):
        return "binary"
    if t.is_date(arrow_type):
        return "date"
    if t.is_timestamp(arrow_type):
        return "timestamptz" if arrow_type.tz else "timestamp"
    if t.is_time(arrow_type):
        return "time"
    if t.is_duration(arrow_type):
        return "duration"
    if t.is_nested(arrow_type):
        return "nested"
    if t.is_null(arrow_type):
        return "null"
    return "other"


class SqlDialect:
    """The SQL of one database. Subclasses set the class attributes and override the hooks."""

    name: ClassVar[str] = "sql"
    title: ClassVar[str] = "SQL"
    quote: ClassVar[str] = '"'
    max_identifier_bytes: ClassVar[int] = 63
    #: Whether ``CREATE``/``ALTER``/``DROP`` may run inside the load's transaction.
    transactional_ddl: ClassVar[bool] = True
    #: Column type of the state tables' text keys and of their timestamps.
    state_key_type: ClassVar[str] = "text"
    state_text_type: ClassVar[str] = "text"
    state_time_type: ClassVar[str] = "timestamp"
    now: ClassVar[str] = "CURRENT_TIMESTAMP"
    #: Whether ranges of one table may be read on several threads, each with its own connection.
    parallel_reads: ClassVar[bool] = True
    #: Lowercased base type name → family used by :meth:`accepts`.
    families: ClassVar[dict[str, str]] = {}
    #: :func:`arrow_kind` → column type; ``decimal`` is formatted with ``{precision}`` and ``{scale}``.
    column_types: ClassVar[dict[str, str]] = {}
    #: Column types of key columns, where they differ (an index needs a bounded length).
    key_column_types: ClassVar[dict[str, str]] = {}
    #: Largest decimal precision a column holds.
    max_decimal_precision: ClassVar[int] = 1000

    def connect(self, conn_id: str, *, bulk_load: bool = False) -> Any:
        """A DB-API connection with autocommit off, from the Airflow connection ``conn_id``.

        ``bulk_load`` asks for what a sink's bulk path needs (MySQL: local files).
        """
        raise NotImplementedError

    # -- identifiers and placeholders ---------------------------------------------------------
    def quote_ident(self, name: str) -> str:
        """Quote one identifier; reject names the database would change silently."""
        if not name or "\x00" in name:
            raise SqlConfigError(f"invalid identifier {name!r}")
        if len(name.encode()) > self.max_identifier_bytes:
            raise SqlConfigError(f"identifier {name!r} is longer than {self.max_identifier_bytes} bytes")
        return self.quote + name.replace(self.quote, self.quote * 2) + self.quote

    def qualified(self, schema: str | None, table: str) -> str:
        """``schema.table`` quoted, or ``table`` alone (resolved by the connection's default)."""
        return f"{self.quote_ident(schema)}.{self.quote_ident(table)}" if schema else self.quote_ident(table)

    def column_list(self, columns: Iterable[str], prefix: str = "") -> str:
        """``a, b, c`` quoted, each optionally prefixed by a table alias (``s.``)."""
        return ", ".join(prefix + self.quote_ident(c) for c in columns)

    @property
    def param(self) -> str:
        """The positional placeholder."""
        return "%s"

    def named_param(self, name: str) -> str:
        """The placeholder of a named parameter."""
        return f"%({name})s"

    def begin(self, cursor: Any) -> None:
        """Start a transaction where the driver does not start one implicitly."""

    @contextmanager
    def load_lock(self, cursor: Any, name: str) -> Iterator[None]:
        """Keep other attempts of the same load out while this one stages and applies.

        Where DDL is transactional the staging table's own locks do this; others override.
        """
        yield

    def bound_value(self, value: Any, column_type: str) -> Any:
        """A bound (e.g. a partition start) as the driver must pass it to compare with ``column_type``."""
        return value

    # -- types ---------------------------------------------------------------------------------
    def sql_type_for(self, arrow_type: pa.DataType, *, key: bool = False) -> str:
        """The column type that holds values of ``arrow_type`` without loss."""
        kind = arrow_kind(arrow_type)
        column_type = (self.key_column_types.get(kind) if key else None) or self.column_types.get(kind)
        if column_type is None:
            raise SqlConfigError(f"no {self.title} type for Arrow type {arrow_type}")
        if kind == "decimal":
            decimal = arrow_type.value_type if hasattr(arrow_type, "value_type") else arrow_type
            if decimal.precision > self.max_decimal_precision:
                raise SqlConfigError(
                    f"{self.title} decimals hold at most {self.max_decimal_precision} digits, "
                    f"not {decimal.precision}"
                )
            return column_type.format(precision=decimal.precision, scale=decimal.scale)
        return column_type

    def family(self, column_type: str) -> str:
        """Coarse family of a column type (``numeric(10,2)`` → ``num``)."""
        base = column_type.split("(")[0].strip().lower()
        return self.families.get(base, "other")

    def accepts(self, column_type: str, arrow_type: pa.DataType) -> bool:
        """Whether a table column of ``column_type`` can take values of ``arrow_type``."""
        import pyarrow.types as t

        if t.is_null(arrow_type):
            return True
        wanted = self.family(self.sql_type_for(arrow_type))
        return self.family(column_type) in ACCEPTS.get(wanted, set())

    # -- catalog and DDL -----------------------------------------------------------------------
    def table_columns(self, cursor: Any, schema: str | None, table: str) -> dict[str, str] | None:
        """Column name → type of an existing table, or ``None`` if it does not exist."""
        raise NotImplementedError

    def create_table_sql(
        self, table_sql: str, column_types: dict[str, str], keys: Sequence[str], *, staging: bool
    ) -> str:
        """``CREATE TABLE`` for the planned columns (primary key on ``keys`` if given)."""
        parts = [f"{self.quote_ident(name)} {kind}" for name, kind in column_types.items()]
        if keys:
            parts.append(f"PRIMARY KEY ({self.column_list(keys)})")
        return f"CREATE TABLE {table_sql} ({', '.join(parts)})"

    def add_column_sql(self, table_sql: str, column: str, column_type: str) -> str:
        """``ALTER TABLE ... ADD COLUMN``."""
        return f"ALTER TABLE {table_sql} ADD COLUMN {self.quote_ident(column)} {column_type}"

    # -- DML forms -----------------------------------------------------------------------------
    def null_safe_equal(self, left: str, right: str) -> str:
        """A comparison that is true when both sides are NULL."""
        return f"{left} IS NOT DISTINCT FROM {right}"

    def update_from_sql(self, target: str, staging: str, columns: Sequence[str], match: str) -> str:
        """Update ``target`` (alias ``t``) from the matching ``staging`` row (alias ``s``)."""
        assignments = ", ".join(f"{self.quote_ident(c)} = s.{self.quote_ident(c)}" for c in columns)
        return f"UPDATE {target} AS t SET {assignments} FROM {staging} AS s WHERE {match}"

    def insert_ignore_sql(self, table_sql: str, columns: Sequence[str]) -> str:
        """Insert one row unless its primary key exists; ``rowcount`` tells which happened."""
        values = ", ".join([self.param] * len(columns))
        return f"INSERT INTO {table_sql} ({', '.join(columns)}) VALUES ({values}) ON CONFLICT DO NOTHING"

    def upsert_sql(self, table_sql: str, columns: Sequence[str], keys: Sequence[str], touch: str) -> str:
        """Insert one row or update its non-key columns (and ``touch`` to now)."""
        values = ", ".join([self.param] * len(columns))
        updates = [f"{c} = EXCLUDED.{c}" for c in columns if c not in keys] + [f"{touch} = {self.now}"]
        return (
            f"INSERT INTO {table_sql} ({', '.join(columns)}) VALUES ({values}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {', '.join(updates)}"
        )

    # -- bulk write and streaming read ---------------------------------------------------------
    def write_batches(
        self,
        cursor: Any,
        table_sql: str,
        columns: Sequence[str],
        batches: Iterable[pa.RecordBatch],
        column_types: Mapping[str, str] | None = None,
    ) -> int:
        """Write every batch into ``table_sql``; returns the rows written.

        ``column_types`` (column → the table's type), when known, lets a dialect pick a faster
        format that needs exact types.
        """
        raise NotImplementedError

    def open_stream(
        self, connection: Any, statement: str, params: dict[str, Any], batch_rows: int
    ) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
        """Run ``statement`` so that rows stream; its Arrow schema and its batches."""
        raise NotImplementedError
