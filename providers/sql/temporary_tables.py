"""Session-scoped temporary tables that hold a node's inputs while one query reads them.

Temporary tables belong to the connection that creates them: two runs of the same node,
even on the same database, each see only their own. They are dropped when the work ends,
and the database drops them anyway when the session closes.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from providers.sql.dialect import SqlConfigError, SqlDialect

if TYPE_CHECKING:
    import pyarrow as pa

    from providers.sql.connection import Database


@dataclass(frozen=True)
class TemporaryForms:
    """How one database places, opens and drops temporary tables.

    :param schema: The schema every temporary table lives in, where the database has one.
    :param drop: Start of the statement that drops a temporary table and never a permanent one.
    :param begin: Statement that opens the transaction, where the connection autocommits.
    """

    schema: str | None
    drop: str
    begin: str | None = None


FORMS = {
    "postgres": TemporaryForms(schema="pg_temp", drop="DROP TABLE IF EXISTS"),
    # MySQL keeps temporary tables beside the permanent ones, in a database of the session's choosing
    "mysql": TemporaryForms(schema=None, drop="DROP TEMPORARY TABLE IF EXISTS"),
    # sqlite3 connections run in autocommit mode here; a deferred BEGIN locks the main database
    # only while the query reads it, since the inputs go to the separate ``temp`` database
    "sqlite": TemporaryForms(schema="temp", drop="DROP TABLE IF EXISTS", begin="BEGIN"),
}


def forms_of(dialect: SqlDialect) -> TemporaryForms:
    """The temporary-table forms of ``dialect``'s database."""
    return FORMS[dialect.name]


def repeated_names(names: list[str]) -> list[str]:
    """The names that occur more than once, sorted."""
    return sorted({name for name in names if names.count(name) > 1})


def temporary_columns(dialect: SqlDialect, name: str, schema: pa.Schema) -> dict[str, str]:
    """Column name → type of the temporary table holding input ``name``; errors name input and column."""
    repeated = repeated_names(schema.names)
    if repeated:
        raise SqlConfigError(f"input '{name}' has duplicate column names: {', '.join(repeated)}")
    if not schema.names:
        raise SqlConfigError(f"input '{name}' has no columns")
    types = {}
    for column in schema:
        try:
            dialect.quote_ident(column.name)
            types[column.name] = dialect.sql_type_for(column.type)
        except SqlConfigError as error:
            raise SqlConfigError(f"input '{name}', column '{column.name}': {error}") from None
    return types


@dataclass
class TemporaryTables:
    """The temporary tables created on one open database, inside one transaction.

    :param db: The database; :meth:`discard` closes it.
    :param schema: MySQL only: the database that holds the tables (default: the connection's).
    """

    db: Database
    schema: str | None = None
    created: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.schema and forms_of(self.db.dialect).schema:
            raise SqlConfigError(
                f"schema: {self.db.dialect.title} keeps temporary tables in the session's own schema; "
                "leave schema unset"
            )

    def table_sql(self, name: str) -> str:
        """The quoted name of the temporary table ``name``."""
        return self.db.dialect.qualified(forms_of(self.db.dialect).schema or self.schema, name)

    def begin(self) -> None:
        """Open the transaction that holds the loads and the query."""
        statement = forms_of(self.db.dialect).begin
        if statement:
            with closing(self.db.connection.cursor()) as cursor:
                cursor.execute(statement)

    def load(self, name: str, column_types: dict[str, str], batches: Iterable[pa.RecordBatch]) -> int:
        """Create the temporary table ``name`` and write ``batches`` into it; the rows written."""
        dialect = self.db.dialect
        table_sql = self.table_sql(name)
        create = dialect.create_table_sql(table_sql, column_types, (), staging=False)
        with closing(self.db.connection.cursor()) as cursor:
            cursor.execute(create.replace("CREATE TABLE", "CREATE TEMPORARY TABLE", 1))
            self.created.append(table_sql)
            return dialect.write_batches(cursor, table_sql, list(column_types), batches, column_types)

    def discard(self) -> None:
        """Roll back whatever the session did, drop the tables it created, close the connection."""
        connection = self.db.connection
        try:
            connection.rollback()
            # PostgreSQL and SQLite undo the creation with the rollback; MySQL keeps the tables
            with closing(connection.cursor()) as cursor:
                for table_sql in self.created:
                    cursor.execute(f"{forms_of(self.db.dialect).drop} {table_sql}")
            connection.commit()
            self.created.clear()
        finally:
            self.db.close()
