"""MySQL and MariaDB: `backtick` names, multi-row INSERT for bulk writes, an unbuffered cursor for reads.

DDL commits implicitly in MySQL, so the load changes the target table before its apply
transaction, which then holds only DML, the ledger row and the watermarks.
"""

# ruff: noqa: S608 - SQL text holds only identifiers quoted by quote_ident; values are parameters

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
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

BINARY_CHARSET = 63
LOAD_LOCK_SECONDS = 3600
UNSIGNED_FLAG = 32
_KEY_TEXT = "varchar(255)"


class MySqlDialect(SqlDialect):
    """MySQL 8 and MariaDB 10.6+ through PyMySQL."""

    name = "mysql"
    title = "MySQL / MariaDB"
    quote = "`"
    max_identifier_bytes = 64
    transactional_ddl = False
    state_key_type = _KEY_TEXT
    state_text_type = "longtext"
    state_time_type = "datetime(6)"
    now = "CURRENT_TIMESTAMP(6)"
    families: ClassVar[dict[str, str]] = {
        **dict.fromkeys(("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year"), "int"),
        **dict.fromkeys(("decimal", "numeric"), "num"),
        **dict.fromkeys(("float", "double", "real"), "float"),
        **dict.fromkeys(
            ("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"), "text"
        ),
        **dict.fromkeys(
            ("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit"), "bytes"
        ),
        "date": "date",
        "datetime": "ts",
        "timestamp": "ts",
        "time": "time",
        "json": "json",
    }
    column_types: ClassVar[dict[str, str]] = {
        "bool": "tinyint(1)",
        **{
            f"{sign}int{bits}": f"{name}{' unsigned' if sign else ''}"
            for bits, name in ((8, "tinyint"), (16, "smallint"), (32, "int"), (64, "bigint"))
            for sign in ("", "u")
        },
        "float32": "float",
        "float64": "double",
        "decimal": "decimal({precision},{scale})",
        "string": "longtext",
        "binary": "longblob",
        "date": "date",
        "timestamp": "datetime(6)",
        "timestamptz": "datetime(6)",
        "time": "time(6)",
        "duration": "bigint",
        "nested": "json",
        "null": "longtext",
    }
    key_column_types: ClassVar[dict[str, str]] = {"string": _KEY_TEXT, "binary": "varbinary(255)"}
    max_decimal_precision = 65

    def connect(self, conn_id: str, *, bulk_load: bool = False) -> Any:
        """A PyMySQL connection in UTC, with strict mode so that no value is silently truncated."""
        from providers.hooks.mysql import MySqlDatabaseHook

        connection = MySqlDatabaseHook(mysql_conn_id=conn_id, local_infile=bulk_load).get_conn()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET SESSION time_zone = '+00:00'")
                strict = "TRIM(BOTH ',' FROM CONCAT(@@SESSION.sql_mode, ',STRICT_ALL_TABLES'))"
                cursor.execute(f"SET SESSION sql_mode = {strict}")
        except BaseException:
            connection.close()
            raise
        return connection

    def bound_value(self, value: Any, column_type: str) -> Any:
        """Datetimes as plain UTC wall time (the session's zone), dates for ``date`` columns."""
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            value = dt.datetime.combine(value.date(), value.time())
            return value.date() if self.family(column_type) == "date" else value
        return value

    @contextmanager
    def load_lock(self, cursor: Any, name: str) -> Iterator[None]:
        """A named lock (``GET_LOCK``), held by the session across the commits that DDL makes.

        Without it a second attempt could drop and recreate the staging table, committed and
        empty, between the first attempt's staging and its apply.
        """
        cursor.execute("SELECT GET_LOCK(%s, %s)", [name, LOAD_LOCK_SECONDS])
        (granted,) = cursor.fetchone()
        if granted != 1:
            raise SqlConfigError(f"another attempt of this load held lock {name} for {LOAD_LOCK_SECONDS} s")
        try:
            yield
        finally:
            cursor.execute("SELECT RELEASE_LOCK(%s)", [name])
            cursor.fetchall()

    def family(self, column_type: str) -> str:
        """By the first word of the base name (``int(11) unsigned`` → ``int``)."""
        base = column_type.split("(")[0].strip().lower().split(" ")[0]
        return self.families.get(base, "other")

    def table_columns(self, cursor: Any, schema: str | None, table: str) -> dict[str, str] | None:
        """Columns and ``COLUMN_TYPE`` from ``information_schema``."""
        cursor.execute(
            "SELECT column_name, column_type FROM information_schema.columns "
            "WHERE table_schema = COALESCE(%s, DATABASE()) AND table_name = %s ORDER BY ordinal_position",
            [schema, table],
        )
        rows = cursor.fetchall()
        return {name: kind for name, kind in rows} or None

    def null_safe_equal(self, left: str, right: str) -> str:
        """MySQL's ``<=>``."""
        return f"{left} <=> {right}"

    def update_from_sql(self, target: str, staging: str, columns: Sequence[str], match: str) -> str:
        """A multi-table ``UPDATE ... JOIN``."""
        assignments = ", ".join(f"t.{self.quote_ident(c)} = s.{self.quote_ident(c)}" for c in columns)
        return f"UPDATE {target} AS t JOIN {staging} AS s ON {match} SET {assignments}"

    def insert_ignore_sql(self, table_sql: str, columns: Sequence[str]) -> str:
        """``INSERT IGNORE``: ``rowcount`` is 0 when the key exists."""
        values = ", ".join([self.param] * len(columns))
        return f"INSERT IGNORE INTO {table_sql} ({', '.join(columns)}) VALUES ({values})"

    def upsert_sql(self, table_sql: str, columns: Sequence[str], keys: Sequence[str], touch: str) -> str:
        """``INSERT ... ON DUPLICATE KEY UPDATE``."""
        values = ", ".join([self.param] * len(columns))
        updates = [f"{c} = VALUES({c})" for c in columns if c not in keys] + [f"{touch} = {self.now}"]
        return (
            f"INSERT INTO {table_sql} ({', '.join(columns)}) VALUES ({values}) "
            f"ON DUPLICATE KEY UPDATE {', '.join(updates)}"
        )

    def write_batches(
        self,
        cursor: Any,
        table_sql: str,
        columns: Sequence[str],
        batches: Iterable[pa.RecordBatch],
        column_types: Mapping[str, str] | None = None,
    ) -> int:
        """``LOAD DATA LOCAL INFILE`` per batch; multi-row ``INSERT`` where local files are disabled."""
        import pymysql

        from providers.sql.mysql_load_data import is_refused, load_batch, load_data_statement

        load_data = load_data_statement(table_sql, self.column_list(columns))
        insert = (
            f"INSERT INTO {table_sql} ({self.column_list(columns)}) "
            f"VALUES ({', '.join([self.param] * len(columns))})"
        )
        local_files = True
        rows = 0
        for batch in batches:
            if not batch.num_rows:
                continue
            if local_files:
                try:
                    load_batch(cursor, load_data, batch, table_sql)
                except pymysql.err.MySQLError as error:
                    if not is_refused(error):
                        raise
                    local_files = False
            if not local_files:
                # PyMySQL's executemany packs the rows into statements of up to 1 MB
                cursor.executemany(insert, list(rows_from_batch(_utc_naive(batch), _mysql_values)))
            rows += batch.num_rows
        return rows

    def open_stream(
        self, connection: Any, statement: str, params: dict[str, Any], batch_rows: int
    ) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
        """An unbuffered cursor (``SSCursor``): rows stream from the server as they are fetched."""
        import pyarrow as pa
        import pymysql.cursors

        cursor = connection.cursor(pymysql.cursors.SSCursor)
        cursor.execute(statement, params)  # always a dict: %% reads as % either way
        fields = cursor._result.fields  # PyMySQL's field packets: type, length, flags, charset
        schema = pa.schema([pa.field(f.name, _arrow_type(f)) for f in fields])

        def batches() -> Iterator[pa.RecordBatch]:
            while rows := cursor.fetchmany(batch_rows):
                yield batch_from_rows(rows, schema)
            cursor.close()

        return schema, batches()


def _utc_naive(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Zoned timestamps as UTC wall time: ``datetime(6)`` has no zone (the session is in UTC)."""
    import pyarrow as pa
    import pyarrow.types as t

    columns = [
        c.cast(pa.timestamp(c.type.unit)) if t.is_timestamp(c.type) and c.type.tz else c
        for c in batch.columns
    ]
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _mysql_values(arrow_type: pa.DataType) -> ValueAdapter | None:
    import pyarrow.types as t

    if t.is_duration(arrow_type):
        return micros_values
    if t.is_nested(arrow_type):
        return json_values
    return None


def _arrow_type(field: Any) -> pa.DataType:
    """The Arrow type of a result column from its MySQL field packet."""
    import pyarrow as pa
    from pymysql.constants import FIELD_TYPE as F

    unsigned = bool(field.flags & UNSIGNED_FLAG)
    code = field.type_code
    if code == F.TINY:
        return pa.bool_() if field.length == 1 and not unsigned else (pa.uint8() if unsigned else pa.int8())
    integers = {F.SHORT: 16, F.INT24: 32, F.LONG: 32, F.LONGLONG: 64, F.YEAR: 16}
    if code in integers:
        bits = integers[code]
        return getattr(pa, f"{'u' if unsigned else ''}int{bits}")()
    if code == F.FLOAT:
        return pa.float32()
    if code == F.DOUBLE:
        return pa.float64()
    if code in (F.DECIMAL, F.NEWDECIMAL):
        precision = field.length - (1 if field.scale else 0) - (0 if unsigned else 1)
        if precision <= 38:
            return pa.decimal128(max(precision, 1), field.scale)
        return pa.decimal256(precision, field.scale)
    if code in (F.DATE, F.NEWDATE):
        return pa.date32()
    if code == F.DATETIME:
        return pa.timestamp("us")
    if code == F.TIMESTAMP:
        return pa.timestamp("us", tz="UTC")
    if code == F.TIME:
        return pa.duration("us")
    if code in (F.BIT, F.GEOMETRY) or (field.charsetnr == BINARY_CHARSET and code in _STRING_CODES):
        return pa.binary()
    return pa.string()


def _string_codes() -> frozenset[int]:
    from pymysql.constants import FIELD_TYPE as F

    return frozenset((F.VARCHAR, F.VAR_STRING, F.STRING, F.TINY_BLOB, F.MEDIUM_BLOB, F.LONG_BLOB, F.BLOB))


_STRING_CODES = _string_codes()
