"""The store's connection pool follows [aggregator] store_pool_size / store_max_overflow."""

from __future__ import annotations

import pytest
from sqlalchemy.pool import NullPool, QueuePool

from ui_plugin.store.database import DEFAULT_MAX_OVERFLOW, DEFAULT_POOL_SIZE, store_engine

# Creating an engine opens no connection: no server is needed to read its pool.
URL = "postgresql+psycopg://postgres@127.0.0.1:5432/aggregator_pool_settings"


def test_a_server_database_gets_the_default_pool():
    pool = store_engine(URL).pool
    assert isinstance(pool, QueuePool)
    assert (pool.size(), pool._max_overflow) == (DEFAULT_POOL_SIZE, DEFAULT_MAX_OVERFLOW)


def test_the_pool_follows_the_settings(monkeypatch):
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STORE_POOL_SIZE", "3")
    monkeypatch.setenv("AIRFLOW__AGGREGATOR__STORE_MAX_OVERFLOW", "0")
    pool = store_engine(URL).pool
    assert (pool.size(), pool._max_overflow) == (3, 0)


@pytest.mark.parametrize(("option", "value"), [("STORE_POOL_SIZE", "0"), ("STORE_MAX_OVERFLOW", "-1")])
def test_settings_that_would_mean_no_limit_are_refused(monkeypatch, option, value):
    monkeypatch.setenv(f"AIRFLOW__AGGREGATOR__{option}", value)
    with pytest.raises(ValueError, match=f"store_{option.lower()[6:]}"):
        store_engine(URL)


def test_no_pool_when_airflow_pools_no_connections(monkeypatch):
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_POOL_ENABLED", "False")
    assert isinstance(store_engine(URL).pool, NullPool)
