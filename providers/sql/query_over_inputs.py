"""ELT in the database: load inputs into temporary tables, run one query there, stream its result."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from providers.sql.dialect import SqlConfigError, SqlDialect
from providers.sql.temporary_tables import TemporaryTables, repeated_names, temporary_columns

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.sql.connection import Database


# a % that is neither %% nor the start of a %(name)s placeholder
_LONE_PERCENT = re.compile(r"(?<!%)%(?![%(])")


class InDatabaseQueryError(RuntimeError):
    """Loading an input or running the query failed; the message says which, in the database's words."""


def database_message(error: BaseException) -> str:
    """The driver's message (PostgreSQL's includes the position and its hint)."""
    args = getattr(error, "args", ())
    # PyMySQL errors are (code, message) pairs
    if len(args) == 2 and isinstance(args[0], int) and isinstance(args[1], str):
        return f"{args[1]} (error {args[0]})"
    return str(error).strip() or type(error).__name__


def stream_query_over_inputs(
    db: Database,
    inputs: Sequence[tuple[str, pa.RecordBatchReader]],
    statement: str,
    params: Mapping[str, Any],
    *,
    schema: str | None = None,
    batch_rows: int,
    log: logging.Logger,
) -> pa.RecordBatchReader:
    """Load each ``(name, reader)`` into the temporary table ``name``, then stream ``statement``.

    Every input's columns are checked before any row moves. The tables are dropped and
    ``db`` closed when the stream ends, fails or is closed, or here on an error.
    """
    import pyarrow as pa

    from providers.sql.query_statement import referenced_params

    try:
        tables = TemporaryTables(db, schema)
        planned = [
            (name, temporary_columns(db.dialect, name, reader.schema), reader) for name, reader in inputs
        ]
    except BaseException:
        db.close()
        raise
    try:
        tables.begin()
        for name, column_types, reader in planned:
            rows = _load(tables, name, column_types, reader)
            log.info("Loaded %d rows of input %s into temporary table %s", rows, name, tables.table_sql(name))
        bound = referenced_params(db.dialect, statement, params)
        result_schema, batches = _open_result(db, statement, bound, batch_rows, [n for n, _ in inputs])
    except BaseException:
        with suppress(Exception):
            tables.discard()
        raise
    return pa.RecordBatchReader.from_batches(
        result_schema, _streamed(tables, batches, statement, [n for n, _ in inputs])
    )


def _open_result(
    db: Database, statement: str, params: dict[str, Any], batch_rows: int, names: list[str]
) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """Run the query; its schema (checked) and its batches."""
    try:
        schema, batches = db.dialect.open_stream(db.connection, statement, params, batch_rows)
    except TypeError as error:
        if "NoneType" not in str(error):
            raise
        # open_stream reads the result's columns; a statement that returns none leaves them None
        raise SqlConfigError(
            "sql: the statement returned no result set (rolled back); this node needs a query "
            "that returns rows (SELECT, WITH, VALUES or TABLE)"
        ) from None
    except Exception as error:
        raise _query_error(error, db.dialect, statement, names) from error
    repeated = repeated_names(schema.names)
    if repeated:
        raise SqlConfigError(
            f"sql: the result has duplicate column names: {', '.join(repeated)}; "
            "give each column its own name (AS)"
        )
    return schema, batches


def _load(tables: TemporaryTables, name: str, column_types: dict[str, str], reader: Any) -> int:
    try:
        return tables.load(name, column_types, reader)
    except SqlConfigError as error:
        raise SqlConfigError(f"input '{name}': {error}") from None
    except Exception as error:
        raise InDatabaseQueryError(f"input '{name}': {database_message(error)}") from error


def _query_error(error: BaseException, dialect: SqlDialect, statement: str, names: list[str]) -> Exception:
    if isinstance(error, SqlConfigError):
        return SqlConfigError(f"sql: {error}")
    message = database_message(error)
    if dialect.named_param("name").startswith("%") and _LONE_PERCENT.search(statement):
        message += "\n(with %(name)s placeholders a literal % is written %%)"
    if names:
        message += f"\n(the inputs are the temporary tables {', '.join(names)})"
    return InDatabaseQueryError(f"sql: {message}")


def _streamed(
    tables: TemporaryTables, batches: Iterator[pa.RecordBatch], statement: str, names: list[str]
) -> Iterator[pa.RecordBatch]:
    """The result's batches; the tables are discarded when they end, or fail, or are abandoned."""
    try:
        yield from batches
    except Exception as error:
        with suppress(Exception):
            tables.discard()
        raise _query_error(error, tables.db.dialect, statement, names) from error
    except BaseException:
        with suppress(Exception):
            tables.discard()
        raise
    tables.discard()
