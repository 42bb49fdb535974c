"""``check_connection``: reach the system behind a connection id and say precisely why not.

PostgreSQL and SQLite are tested through the hooks of Airflow's own providers, MySQL and
REST through ours; every failure goes through :mod:`providers.hooks.connection_errors`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from providers.hooks.connection_errors import (
    ConnectionCheck,
    Endpoint,
    FailureReason,
    not_found,
    probe,
)

__all__ = ["ConnectionCheck", "check_connection"]


def check_connection(conn_id: str) -> ConnectionCheck:
    """Test the connection ``conn_id`` (postgres, sqlite, mysql, aggregator_mysql, http, aggregator_rest)."""
    conn = _lookup(conn_id)
    if conn is None:
        return ConnectionCheck.failed(not_found(conn_id))
    test = _TESTS.get(conn.conn_type or "")
    if test is None:
        supported = ", ".join(sorted(_TESTS))
        return ConnectionCheck(
            False,
            f"connection '{conn_id}' is of type {conn.conn_type!r}; tests exist for {supported}",
            FailureReason.NOT_TESTABLE,
        )
    with _visible_to_hooks(conn):
        return test(conn)


def _test_postgres(conn: Any) -> ConnectionCheck:
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    endpoint = Endpoint(
        host=conn.host or "localhost",
        port=conn.port or 5432,
        timeout=_float(conn.extra_dejson.get("connect_timeout")),
        database=conn.schema or conn.login,
        user=conn.login,
    )
    return _run_sql(lambda: PostgresHook(postgres_conn_id=conn.conn_id).get_conn(), endpoint)


def _test_sqlite(conn: Any) -> ConnectionCheck:
    from airflow.providers.sqlite.hooks.sqlite import SqliteHook

    path = conn.host or ""
    endpoint = Endpoint(host=path, database=path)
    if path and path != ":memory:" and not Path(path).expanduser().is_file():
        # sqlite3.connect would create an empty database: a typo must not look like success.
        message = f"unknown database '{path}': no such file"
        return ConnectionCheck(False, message, FailureReason.UNKNOWN_DATABASE)
    return _run_sql(lambda: SqliteHook(sqlite_conn_id=conn.conn_id).get_conn(), endpoint)


def _test_mysql(conn: Any) -> ConnectionCheck:
    from providers.hooks.mysql import MySqlDatabaseHook

    return MySqlDatabaseHook(mysql_conn_id=conn.conn_id).check()


def _test_rest(conn: Any) -> ConnectionCheck:
    from providers.hooks.rest_api import RestApiHook

    return RestApiHook(rest_conn_id=conn.conn_id).check()


def _test_http(conn: Any) -> ConnectionCheck:
    """An ``http`` connection is checked like ``aggregator_rest`` with its own base URL, no auth."""
    from providers.hooks.rest_api import RestApiHook

    return RestApiHook(rest_conn_id=conn.conn_id).check()


_TESTS: dict[str, Callable[[Any], ConnectionCheck]] = {
    "postgres": _test_postgres,
    "sqlite": _test_sqlite,
    "mysql": _test_mysql,
    "aggregator_mysql": _test_mysql,
    "http": _test_http,
    "aggregator_rest": _test_rest,
}


def _run_sql(connect: Callable[[], Any], endpoint: Endpoint) -> ConnectionCheck:
    def attempt() -> str:
        db = connect()
        try:
            cursor = db.cursor()
            cursor.execute("SELECT 1")
            cursor.fetchall()
            return f"connected to {endpoint.address}"
        finally:
            db.close()

    return probe(attempt, endpoint)


def _lookup(conn_id: str) -> Any:
    """The connection from env, secrets backends or the metadata DB (where this process may read it)."""
    try:
        from airflow.models.connection import Connection

        lookup = Connection.get_connection_from_secrets
    except ImportError:  # a worker with the Task SDK only
        from airflow.sdk import Connection as SdkConnection

        lookup = SdkConnection.get
    try:
        return lookup(conn_id)
    except Exception as error:
        if "isn't defined" in str(error) or type(error).__name__ == "AirflowNotFoundException":
            return None
        raise


@contextmanager
def _visible_to_hooks(conn: Any) -> Iterator[None]:
    """Expose the connection as an env variable while its hook runs, as Airflow's test endpoint does.

    Hooks read connections through the Task SDK, which outside a task does not read the
    metadata database; a connection found there would otherwise be invisible to them.
    """
    name = f"AIRFLOW_CONN_{conn.conn_id.upper()}"
    before = os.environ.get(name)
    os.environ[name] = conn.as_json()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
