"""Open a database from an Airflow connection id: its dialect and a DB-API connection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from providers.hooks.mysql import CONN_TYPES as MYSQL_CONN_TYPES
from providers.sql.dialect import SqlConfigError, SqlDialect

POSTGRES_CONN_TYPES = ("postgres", "postgresql")
SQLITE_CONN_TYPES = ("sqlite",)
#: Every connection type the SQL node types accept, primary first.
SQL_CONN_TYPES = ("postgres", *MYSQL_CONN_TYPES, *SQLITE_CONN_TYPES)


class SqlNodeError(RuntimeError):
    """A SQL node failed; the message names the node and the cause."""


def node_error(node: str, node_type: str, error: BaseException) -> SqlNodeError:
    """Wrap ``error`` in a message naming the node."""
    cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return SqlNodeError(f"node '{node}' ({node_type}): {cause}")


@dataclass
class Database:
    """An open connection (transactions on, autocommit off) and the dialect to speak to it."""

    dialect: SqlDialect
    connection: Any
    conn_id: str

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


def dialect_for(conn_type: str | None) -> SqlDialect:
    """The dialect of an Airflow connection type."""
    if conn_type in POSTGRES_CONN_TYPES:
        from providers.sql.postgres_dialect import PostgresDialect

        return PostgresDialect()
    if conn_type in MYSQL_CONN_TYPES:
        from providers.sql.mysql_dialect import MySqlDialect

        return MySqlDialect()
    if conn_type in SQLITE_CONN_TYPES:
        from providers.sql.sqlite_dialect import SqliteDialect

        return SqliteDialect()
    raise SqlConfigError(
        f"connection type {conn_type!r} is not a SQL database the aggregator speaks; "
        f"use one of {', '.join(SQL_CONN_TYPES)}"
    )


def connection_type(conn_id: str) -> str | None:
    """The type of an Airflow connection."""
    from airflow.sdk import Connection

    return Connection.get(conn_id).conn_type


def open_database(conn_id: str, *, bulk_load: bool = False) -> Database:
    """Connect through the Airflow hook of the connection's type (``bulk_load``: for a sink)."""
    conn_type = connection_type(conn_id)
    dialect = dialect_for(conn_type)
    return Database(dialect, dialect.connect(conn_id, bulk_load=bulk_load), conn_id)
