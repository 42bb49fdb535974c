"""The API benchmark's own PostgreSQL database: Airflow's metadata and the aggregator store in one."""

from __future__ import annotations

import psutil
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
    """``VACUUM ANALYZE`` the benchmark's tables, as autovacuum does soon after a bulk load.

    Seeding saves every draft 20 times, leaving dead row versions behind; autovacuum clears
    them and gathers the planner's statistics within a minute or two on a live database.
    """
    with psycopg.connect(f"postgresql://{USER}@{HOST}:{PORT}/{DATABASE}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def sessions_opened() -> int:
    """How many sessions (connections) the database has accepted so far."""
    with psycopg.connect(ADMIN_URI, autocommit=True) as connection:
        found = connection.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", [DATABASE]
        ).fetchone()
    return int(found[0]) if found else 0


def server_cpu_seconds() -> float:
    """CPU seconds the PostgreSQL server listening on the benchmark's port has used so far.

    The postmaster's own time, that of its live backends, and that of the backends that
    have exited (the postmaster collects those as its children's time), so connections
    that close during a load still count. It is the whole server's: other databases on it
    count too, so nothing else should use it during a run.
    """
    postmaster = _postmaster()
    if postmaster is None:
        return 0.0
    own = postmaster.cpu_times()
    total = own.user + own.system + own.children_user + own.children_system
    for backend in postmaster.children():
        try:
            times = backend.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _postmaster() -> psutil.Process | None:
    """The process listening on the benchmark's PostgreSQL port, or None when it cannot be found."""
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == PORT and connection.pid:
            return psutil.Process(connection.pid)
    return None
