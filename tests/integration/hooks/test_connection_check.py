"""``check_connection`` for each supported type against live servers, with the same reasons."""

from __future__ import annotations

import sqlite3

import pytest
from rest_endpoints import SilentPort, closed_port

from providers.hooks.connection_check import check_connection
from providers.hooks.connection_errors import FailureReason


def pg_conn(airflow_connection, **fields):
    settings = {"conn_type": "postgres", "host": "127.0.0.1", "port": 5432, "login": "postgres"}
    return airflow_connection("check_pg", **{**settings, "schema": "postgres", **fields})


def test_postgres_that_works_is_ok(airflow_connection):
    check = check_connection(pg_conn(airflow_connection))
    assert (check.ok, check.reason, check.failure) == (True, "connected to 127.0.0.1:5432", None)


@pytest.mark.parametrize(
    ("fields", "failure", "reason"),
    [
        (
            {"schema": "aggregator_no_such_db"},
            FailureReason.UNKNOWN_DATABASE,
            "unknown database 'aggregator_no_such_db'",
        ),
        # The server trusts local users, so a role that does not exist is how it rejects a login.
        (
            {"login": "aggregator_nobody"},
            FailureReason.AUTH,
            "authentication rejected: access denied for user 'aggregator_nobody' at 127.0.0.1:5432",
        ),
        ({"host": "nonexistent.invalid"}, FailureReason.DNS, "DNS name not found: nonexistent.invalid"),
    ],
)
def test_postgres_failures_have_precise_reasons(airflow_connection, fields, failure, reason):
    check = check_connection(pg_conn(airflow_connection, **fields))
    assert (check.ok, check.failure, check.reason) == (False, failure, reason)


def test_postgres_closed_port_and_silent_server(airflow_connection):
    port = closed_port()
    refused = check_connection(pg_conn(airflow_connection, port=port))
    assert (refused.failure, refused.reason) == (
        FailureReason.REFUSED,
        f"connection refused (127.0.0.1:{port})",
    )
    with SilentPort() as silent:
        slow = check_connection(pg_conn(airflow_connection, port=silent.port, extra={"connect_timeout": 1}))
    assert (slow.failure, slow.reason) == (
        FailureReason.TIMEOUT,
        f"timeout after 1 s connecting to 127.0.0.1:{silent.port}",
    )


def test_sqlite_file_that_exists_is_ok_and_a_missing_one_is_not_created(airflow_connection, tmp_path):
    database = tmp_path / "present.db"
    sqlite3.connect(database).close()
    assert check_connection(airflow_connection("check_lite", conn_type="sqlite", host=str(database))).ok
    missing = tmp_path / "missing.db"
    check = check_connection(airflow_connection("check_lite", conn_type="sqlite", host=str(missing)))
    assert (check.failure, check.reason) == (
        FailureReason.UNKNOWN_DATABASE,
        f"unknown database '{missing}': no such file",
    )
    assert not missing.exists()


def test_mysql_and_rest_types_use_the_same_reasons(airflow_connection, rest_api, mysql_database):
    port = closed_port()
    for conn_type in ("mysql", "aggregator_mysql"):
        conn_id = airflow_connection(
            "check_my", conn_type=conn_type, host="127.0.0.1", port=port, login="root"
        )
        check = check_connection(conn_id)
        assert (check.failure, check.reason) == (
            FailureReason.REFUSED,
            f"connection refused (127.0.0.1:{port})",
        )
    ok = airflow_connection(
        "check_my", conn_type="mysql", host="127.0.0.1", login="root", schema=mysql_database
    )
    assert check_connection(ok).ok
    for conn_type in ("http", "aggregator_rest"):
        conn_id = airflow_connection(
            "check_rest", conn_type=conn_type, host=rest_api.url, extra={"test_path": "/forbidden"}
        )
        check = check_connection(conn_id)
        assert check.failure is FailureReason.AUTH
        assert check.reason == f"authentication rejected: HTTP 403 Forbidden from {rest_api.url}/forbidden"


def test_unknown_ids_and_untestable_types_are_told_apart(airflow_connection):
    assert check_connection("aggregator_never_defined").failure is FailureReason.NOT_FOUND
    assert (
        check_connection("aggregator_never_defined").reason
        == "Airflow has no connection 'aggregator_never_defined'"
    )
    check = check_connection(airflow_connection("check_s3", conn_type="aws"))
    assert (check.ok, check.failure) == (False, FailureReason.NOT_TESTABLE)


def test_validate_connections_reports_why_a_connection_does_not_work(
    airflow_connection, tmp_path, airflow_db
):
    import os
    import subprocess
    import sys

    port = closed_port()
    spec = tmp_path / "pipe.yaml"
    spec.write_text(
        "apiVersion: aggregator/v1\nid: pipe\nnodes:\n"
        "  - {id: src, type: source.sql, config: {conn_id: check_broken, table: t}}\n"
    )
    airflow_connection("check_broken", conn_type="postgres", host="127.0.0.1", port=port, login="postgres")
    result = subprocess.run(
        [sys.executable, "-m", "dag_factory", "validate", "--connections", str(spec)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert result.returncode == 1, result.stderr
    reason = f"connection 'check_broken' does not work: connection refused (127.0.0.1:{port})"
    assert f"nodes[0].config.conn_id: {reason}" in result.stdout
