"""The API benchmark's own PostgreSQL database: Airflow's metadata and the aggregator store in one."""

from __future__ import annotations

import psycopg

HOST = "127.0.0.1"
PORT = 5432
USER = "postgres"
DATABASE = "aggregator_api_bench"
SQLALCHEMY_URL = f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{DATABASE}"
ADMIN_URI = f"postgresql://{USER}@{HOST}:{PORT}/postgres"


def recreate_database() -> None:
    """Drop ``aggregator_api_bench`` (closing its sessions) and create it empty."""
    with psycopg.connect(ADMIN_URI, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    """Drop ``aggregator_api_bench`` and everything in it."""
    with psycopg.connect(ADMIN_URI, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def server_version() -> str:
    """``17.x`` as the server reports it."""
    with psycopg.connect(ADMIN_URI, autocommit=True) as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0]).split()[0]


def analyze() -> None:
    """``ANALYZE`` the benchmark's tables, as autovacuum would soon after a bulk load."""
    with psycopg.connect(f"postgresql://{USER}@{HOST}:{PORT}/{DATABASE}", autocommit=True) as connection:
        connection.execute("ANALYZE")


def sessions_opened() -> int:
    """How many sessions (connections) the database has accepted so far."""
    with psycopg.connect(ADMIN_URI, autocommit=True) as connection:
        found = connection.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", [DATABASE]
        ).fetchone()
    return int(found[0]) if found else 0


def server_cpu_seconds() -> float:
    """User and system CPU seconds of the PostgreSQL processes running now.

    A backend that exits takes its CPU time with it, so a load that opens and closes many
    connections is undercounted; the sessions opened during the load say how many.
    """
    import psutil

    total = 0.0
    for process in psutil.process_iter(["name", "cpu_times"]):
        if process.info["name"] == "postgres" and process.info["cpu_times"] is not None:
            total += process.info["cpu_times"].user + process.info["cpu_times"].system
    return total
