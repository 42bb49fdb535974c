"""Open a PostgreSQL connection from an Airflow connection id, with errors naming the node."""

from __future__ import annotations

from typing import Any


class SqlNodeError(RuntimeError):
    """A SQL node failed; the message names the node and the cause."""


def node_error(node: str, node_type: str, error: BaseException) -> SqlNodeError:
    """Wrap ``error`` in a message naming the node."""
    cause = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return SqlNodeError(f"node '{node}' ({node_type}): {cause}")


def connect(conn_id: str) -> Any:
    """A psycopg 3 connection (transactions on, autocommit off) from ``PostgresHook``."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    connection = PostgresHook(postgres_conn_id=conn_id).get_conn()
    if not hasattr(connection, "pgconn"):
        connection.close()
        raise RuntimeError("sink.sql and source.sql need psycopg 3 (with SQLAlchemy 2) for PostgresHook")
    connection.autocommit = False
    return connection
