"""Fixtures of the connection tests: live MariaDB and PostgreSQL on 127.0.0.1, a local REST
API (plain and TLS), and Airflow connections given through ``AIRFLOW_CONN_*`` variables."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rest_endpoints import RestApi

TEST_DATABASE = "aggregator_hook_tests"


@pytest.fixture
def rest_api() -> Iterator[RestApi]:
    """The REST API over plain HTTP."""
    with RestApi() as api:
        yield api


@pytest.fixture
def tls_api(tmp_path: Path) -> Iterator[RestApi]:
    """The REST API over HTTPS with a self-signed certificate."""
    with RestApi(tls_dir=tmp_path) as api:
        yield api


@pytest.fixture(scope="session")
def mysql_database() -> str:
    """The database ``aggregator_hook_tests`` on the MariaDB at 127.0.0.1:3306 (root, no password)."""
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE IF NOT EXISTS {TEST_DATABASE}")
    finally:
        conn.close()
    return TEST_DATABASE


@pytest.fixture
def airflow_connection(monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """Define a connection for this test only: ``airflow_connection("id", conn_type=..., ...)``."""

    def define(conn_id: str, *, extra: dict | None = None, **fields: object) -> str:
        payload = {**fields, "extra": json.dumps(extra) if extra else None}
        monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}", json.dumps(payload))
        return conn_id

    return define
