"""Engines and sessions for the store, in Airflow's metadata database or a given URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def airflow_database_url() -> str:
    """Airflow's configured ``[database] sql_alchemy_conn``."""
    from airflow.configuration import conf

    return conf.get("database", "sql_alchemy_conn")


def store_engine(url: str | None = None) -> Engine:
    """An engine for ``url``, or for Airflow's metadata database when no URL is given."""
    engine = create_engine(url or airflow_database_url(), pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


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
