"""Fixtures of the SQL node tests: real PostgreSQL, MariaDB and SQLite, one schema or file per test.

Test modules import these fixtures (no ``conftest.py`` here: a second module named
``conftest`` would shadow the root one that other test modules import from).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sql_helpers import CONN_ID, DATABASE, HOST, MYSQL_HOST, URI


class Pg:
    """A test's schema in the test database, with a small query helper."""

    def __init__(self, schema: str) -> None:
        self.schema = schema

    def execute(self, sql: str, params: Any = None) -> list[tuple]:
        import psycopg

        with psycopg.connect(URI, autocommit=True) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def table(self, name: str, order: str = "1") -> list[tuple]:
        """All rows of a table of the test's schema, ordered."""
        from psycopg import sql

        query = sql.SQL("SELECT * FROM {} ORDER BY {}").format(
            sql.Identifier(self.schema, name), sql.SQL(order)
        )
        return self.execute(query)


@pytest.fixture(scope="session")
def pg_database() -> str:
    """The test database, created once."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return URI


@pytest.fixture
def pg(pg_database: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pg]:
    """A fresh schema named for the test, and the Airflow connection ``sqltest`` to its database."""
    helper = Pg(_test_name(request))
    helper.execute(f'DROP SCHEMA IF EXISTS "{helper.schema}" CASCADE')
    helper.execute(f'CREATE SCHEMA "{helper.schema}"')
    monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", URI)
    yield helper
    helper.execute(f'DROP SCHEMA IF EXISTS "{helper.schema}" CASCADE')


class Database:
    """A test's schema (PostgreSQL), database (MariaDB) or file (SQLite), seen through its own driver."""

    kind: str
    schema: str | None

    def execute(self, sql: str, params: Any = None) -> list[tuple]:
        """Run one statement in its own transaction; its rows, if any."""
        raise NotImplementedError

    def quote(self, name: str) -> str:
        """``name`` quoted for this database."""
        mark = "`" if self.kind == "mariadb" else '"'
        return mark + name.replace(mark, mark * 2) + mark

    def table(self, name: str, order: str = "1") -> list[tuple]:
        """All rows of a table of the test's schema, ordered."""
        qualified = f"{self.quote(self.schema)}.{self.quote(name)}" if self.schema else self.quote(name)
        return [tuple(row) for row in self.execute(f"SELECT * FROM {qualified} ORDER BY {order}")]

    def staging_tables(self) -> list[str]:
        """Staging tables left in the test's schema."""
        raise NotImplementedError


class PgDatabase(Pg, Database):
    kind = "postgres"

    def staging_tables(self) -> list[str]:
        rows = self.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE %s",
            [self.schema, "_aggregator_stage%"],
        )
        return [row[0] for row in rows]


class MariaDatabase(Database):
    kind = "mariadb"

    def __init__(self, schema: str) -> None:
        self.schema = schema

    def execute(self, sql: str, params: Any = None) -> list[tuple]:
        import pymysql

        connection = pymysql.connect(host=MYSQL_HOST, user="root", password="", autocommit=True)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET SESSION time_zone = '+00:00'")
                cursor.execute(sql, params)
                return list(cursor.fetchall()) if cursor.description else []
        finally:
            connection.close()

    def staging_tables(self) -> list[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_name LIKE %s",
            [self.schema, "\\_aggregator\\_stage%"],
        )
        return [row[0] for row in rows]


class SqliteDatabase(Database):
    kind = "sqlite"
    schema = None

    def __init__(self, path: Path) -> None:
        self.path = path

    def execute(self, sql: str, params: Any = None) -> list[tuple]:
        import sqlite3

        connection = sqlite3.connect(self.path)
        try:
            rows = connection.execute(sql, params or []).fetchall()
            connection.commit()
            return rows
        finally:
            connection.close()

    def staging_tables(self) -> list[str]:
        rows = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '_aggregator_stage%'"
        )
        return [row[0] for row in rows]


@pytest.fixture(scope="session")
def mariadb_server() -> str:
    """The MariaDB server on the machine, with the connection's default database."""
    import pymysql

    connection = pymysql.connect(host=MYSQL_HOST, user="root", password="", autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE IF NOT EXISTS `{DATABASE}`")
    finally:
        connection.close()
    return MYSQL_HOST


def _test_name(request: pytest.FixtureRequest) -> str:
    """A schema name unique to the test and its parameters (workers run tests side by side)."""
    import hashlib

    digest = hashlib.sha1(request.node.nodeid.encode(), usedforsecurity=False).hexdigest()[:8]
    return "t_" + re.sub(r"\W", "_", request.node.name)[:40].lower() + "_" + digest


@pytest.fixture(params=["postgres", "mariadb", "sqlite"])
def db(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Database]:
    """A fresh schema on each database in turn, and the Airflow connection ``sqltest`` to it."""
    import json

    name = _test_name(request)
    if request.param == "postgres":
        request.getfixturevalue("pg_database")
        helper: Database = PgDatabase(name)
        helper.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        helper.execute(f'CREATE SCHEMA "{name}"')
        monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", URI)
        yield helper
        helper.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    elif request.param == "mariadb":
        request.getfixturevalue("mariadb_server")
        helper = MariaDatabase(name)
        helper.execute(f"DROP DATABASE IF EXISTS `{name}`")
        helper.execute(f"CREATE DATABASE `{name}`")
        conn = {"conn_type": "aggregator_mysql", "host": MYSQL_HOST, "port": 3306, "login": "root",
                "schema": DATABASE}  # fmt: skip
        monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", json.dumps(conn))
        yield helper
        helper.execute(f"DROP DATABASE IF EXISTS `{name}`")
    else:
        helper = SqliteDatabase(tmp_path / "test.db")
        conn = {"conn_type": "sqlite", "host": str(helper.path)}
        monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", json.dumps(conn))
        yield helper


@pytest.fixture
def stage(tmp_path: Path):
    """Stage a pyarrow table as a node output (``StagedData``), as upstream nodes do."""
    from airflow.sdk import ObjectStoragePath

    from providers.staging.writer import stage_batches

    counter = iter(range(1_000_000))

    def staged(table: Any, batch_rows: int | None = None):
        target = ObjectStoragePath(f"file://{tmp_path}/staged_{next(counter)}.parquet")
        data = table.to_reader(max_chunksize=batch_rows) if batch_rows else table
        return stage_batches(data, target)

    return staged
