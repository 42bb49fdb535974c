"""Fixtures of the ``sink.sql`` / ``source.sql`` tests: a real PostgreSQL, one schema per test.

Test modules import these fixtures (no ``conftest.py`` here: a second module named
``conftest`` would shadow the root one that other test modules import from).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sql_helpers import CONN_ID, DATABASE, HOST, URI


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
    name = re.sub(r"\W", "_", request.node.name)[:50].lower()
    helper = Pg(f"t_{name}")
    helper.execute(f'DROP SCHEMA IF EXISTS "{helper.schema}" CASCADE')
    helper.execute(f'CREATE SCHEMA "{helper.schema}"')
    monkeypatch.setenv(f"AIRFLOW_CONN_{CONN_ID.upper()}", URI)
    yield helper
    helper.execute(f'DROP SCHEMA IF EXISTS "{helper.schema}" CASCADE')


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
