"""Engines and sessions for the store, in Airflow's metadata database or a given URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool


def airflow_database_url() -> str:
    """Airflow's configured ``[database] sql_alchemy_conn``."""
    from airflow.configuration import conf

    return conf.get("database", "sql_alchemy_conn")


DEFAULT_POOL_SIZE = 10
DEFAULT_MAX_OVERFLOW = 10


def store_engine(url: str | None = None) -> Engine:
    """An engine for ``url``, or for Airflow's metadata database when no URL is given.

    A server database keeps ``[aggregator] store_pool_size`` connections open, and opens up
    to ``store_max_overflow`` more under load: a pool smaller than the number of requests
    served at once makes connections open and close on every burst.
    """
    url = url or airflow_database_url()
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "connect", _sqlite_foreign_keys)
        return engine
    return create_engine(url, pool_pre_ping=True, **_pool_options())


def _pool_options() -> dict[str, Any]:
    """The pool as configured; none when Airflow's own pooling is off (e.g. behind PgBouncer)."""
    from airflow.configuration import conf

    if not conf.getboolean("database", "sql_alchemy_pool_enabled", fallback=True):
        return {"poolclass": NullPool}
    pool_size = conf.getint("aggregator", "store_pool_size", fallback=DEFAULT_POOL_SIZE)
    max_overflow = conf.getint("aggregator", "store_max_overflow", fallback=DEFAULT_MAX_OVERFLOW)
    # SQLAlchemy reads 0 and -1 as "no limit": refuse them rather than open connections unbounded.
    if pool_size < 1:
        raise ValueError(f"[aggregator] store_pool_size must be at least 1, not {pool_size}")
    if max_overflow < 0:
        raise ValueError(f"[aggregator] store_max_overflow must be 0 or more, not {max_overflow}")
    return {"pool_size": pool_size, "max_overflow": max_overflow}


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (records are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


def safe_url(engine: Engine) -> str:
    """The engine's URL with any password masked, for messages."""
    return engine.url.render_as_string(hide_password=True)


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys (and their ON DELETE CASCADE) unless asked on each connection.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
