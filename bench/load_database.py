"""The benchmark's own PostgreSQL database: create it, reset its tables, check what a load left."""

from __future__ import annotations

import psycopg
from load_data import Checksum, create_table_sql
from load_measure import LoadBenchmarkError

HOST = "127.0.0.1"
PORT = 5432
USER = "postgres"
DATABASE = "aggregator_bench"
URI = f"postgresql://{USER}@{HOST}:{PORT}/{DATABASE}"
SQLALCHEMY_URL = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{DATABASE}"
PSQL = ("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-p", str(PORT), "-U", USER, "-d", DATABASE)


def ensure_database() -> None:
    """Create ``aggregator_bench`` if it does not exist."""
    with psycopg.connect(f"postgresql://{USER}@{HOST}:{PORT}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not found:
            connection.execute(f"CREATE DATABASE {DATABASE}")


def execute(sql: str) -> list[tuple]:
    """Run one statement in its own autocommit connection; the rows it returns, if any."""
    with psycopg.connect(URI, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def reset_table(table: str) -> None:
    """Drop ``table`` and create it empty with the benchmark's columns."""
    execute(f"DROP TABLE IF EXISTS {table}")
    execute(create_table_sql(table))


def drop_tables(*tables: str) -> None:
    """Drop tables (and our sink's ledger), e.g. to free the disk after the large load."""
    for table in tables:
        execute(f"DROP TABLE IF EXISTS {table}")


def reset_state() -> None:
    """Drop the sink's load ledger, so every run starts from the same database."""
    execute("DROP TABLE IF EXISTS aggregator_load_ledger")


def verify(table: str, expected: Checksum) -> None:
    """Fail unless ``table`` holds exactly the expected rows (count and two column sums)."""
    rows, id_sum, quantity_sum = execute(
        f"SELECT count(*), coalesce(sum(id), 0), coalesce(sum(quantity), 0) FROM {table}"
    )[0]
    found = Checksum(int(rows), int(id_sum), int(quantity_sum))
    if found != expected:
        raise LoadBenchmarkError(f"table {table} holds {found}, expected {expected}")


def server_version() -> str:
    """``PostgreSQL 15.x`` as the server reports it."""
    return str(execute("SHOW server_version")[0][0]).split()[0]


def server_settings() -> str:
    """Settings that bound load speed, for the report."""
    names = ("shared_buffers", "max_wal_size", "synchronous_commit", "wal_level")
    values = [f"{name}={execute(f'SHOW {name}')[0][0]}" for name in names]
    return ", ".join(values)
