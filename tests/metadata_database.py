"""Airflow's metadata database for a test process: a SQLite file, or a PostgreSQL database of its own.

``AGGREGATOR_TEST_METADATA=postgresql`` runs the tests with Airflow's tables in PostgreSQL
(127.0.0.1:5432, user postgres): each test process creates an empty database, named after
its process id and a random suffix, and drops it when it exits.
"""

from __future__ import annotations

import atexit
import os
import secrets
from pathlib import Path

PG_HOST = os.environ.get("AGGREGATOR_TEST_PG_HOST", "127.0.0.1")
PG_ADMIN_URI = f"postgresql://postgres@{PG_HOST}:5432/postgres"
KINDS = ("sqlite", "postgresql")


def metadata_database_url(kind: str, airflow_home: Path) -> str:
    """The SQLAlchemy URL of Airflow's metadata database of this process, created if need be."""
    if kind == "sqlite":
        return f"sqlite:///{airflow_home / 'airflow.db'}"
    if kind != "postgresql":
        raise ValueError(f"AGGREGATOR_TEST_METADATA must be one of {', '.join(KINDS)}, not {kind!r}")
    name = f"aggregator_meta_{os.getpid()}_{secrets.token_hex(4)}"
    _execute(f'CREATE DATABASE "{name}"')
    atexit.register(_execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return f"postgresql+psycopg://postgres@{PG_HOST}:5432/{name}"


def _execute(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URI, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)
