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
