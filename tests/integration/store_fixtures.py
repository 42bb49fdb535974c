"""Fixtures of the store tests: each test gets an empty SQLite file or its own PostgreSQL schema.

Test modules import these fixtures (no ``conftest.py`` here: a second module named
``conftest`` would shadow the root one).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

PG_HOST = os.environ.get("AGGREGATOR_TEST_PG_HOST", "127.0.0.1")
PG_DATABASE = "aggregator_store_test"
PG_ADMIN_URI = f"postgresql://postgres@{PG_HOST}:5432/postgres"
PG_URI = f"postgresql://postgres@{PG_HOST}:5432/{PG_DATABASE}"


def pg_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URI, autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def store_pg_database() -> str:
    """The store tests' own PostgreSQL database, created once."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URI, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    return PG_DATABASE


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a fresh schema found first on the search path."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    request.getfixturevalue("store_pg_database")
    schema = f"store_{uuid.uuid4().hex[:12]}"
    pg_execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"postgresql+psycopg://postgres@{PG_HOST}:5432/{PG_DATABASE}?options=-csearch_path%3D{schema}"
    finally:
        pg_execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(store_url: str) -> Iterator[Any]:
    """A migrated store in the test's database."""
    from ui_plugin.store.database import store_engine
    from ui_plugin.store.migration import migrate
    from ui_plugin.store.store import Store

    engine = store_engine(store_url)
    migrate(engine)
    yield Store.over(engine)
    engine.dispose()
