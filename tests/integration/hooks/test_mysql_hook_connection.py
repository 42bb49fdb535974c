"""``MySqlDatabaseHook.test_connection`` against the live MariaDB: success and each failure reason."""

from __future__ import annotations

from rest_endpoints import SilentPort, closed_port

from providers.hooks.mysql import MySqlDatabaseHook


def mysql_conn(airflow_connection, **fields):
    settings = {"conn_type": "aggregator_mysql", "host": "127.0.0.1", "port": 3306, "login": "root"}
    return airflow_connection("hook_mysql", **{**settings, **fields})


def run_test(conn_id):
    return MySqlDatabaseHook(mysql_conn_id=conn_id).test_connection()


def test_a_working_connection_reports_the_server(airflow_connection, mysql_database):
    ok, message = run_test(mysql_conn(airflow_connection, schema=mysql_database))
    assert ok, message
    assert "MariaDB" in message and "127.0.0.1:3306" in message


def test_a_wrong_password_is_an_access_denied_for_the_user(airflow_connection, mysql_database):
    ok, message = run_test(mysql_conn(airflow_connection, password="not-the-password", schema=mysql_database))
    assert not ok
    assert message == "authentication rejected: access denied for user 'root' at 127.0.0.1:3306"


def test_an_unknown_database_is_named(airflow_connection):
    ok, message = run_test(mysql_conn(airflow_connection, schema="aggregator_no_such_db"))
    assert (ok, message) == (False, "unknown database 'aggregator_no_such_db'")


def test_a_closed_port_is_connection_refused_with_host_and_port(airflow_connection):
    port = closed_port()
    ok, message = run_test(mysql_conn(airflow_connection, port=port))
    assert (ok, message) == (False, f"connection refused (127.0.0.1:{port})")


def test_an_unresolvable_host_is_dns_name_not_found(airflow_connection):
    ok, message = run_test(mysql_conn(airflow_connection, host="nonexistent.invalid"))
    assert (ok, message) == (False, "DNS name not found: nonexistent.invalid")


def test_a_server_that_never_answers_times_out_after_the_connect_timeout(airflow_connection):
    with SilentPort() as silent:
        ok, message = run_test(mysql_conn(airflow_connection, port=silent.port, extra={"connect_timeout": 1}))
    assert (ok, message) == (False, f"timeout after 1 s connecting to 127.0.0.1:{silent.port}")


def test_ssl_mode_disabled_still_connects_and_get_conn_is_unchanged(airflow_connection, mysql_database):
    conn_id = mysql_conn(airflow_connection, schema=mysql_database, extra={"ssl_mode": "disabled"})
    hook = MySqlDatabaseHook(mysql_conn_id=conn_id)
    assert hook.connect_kwargs()["ssl_disabled"] is True
    conn = hook.get_conn()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT DATABASE()")
            assert cursor.fetchone() == (mysql_database,)
    finally:
        conn.close()
